"""The daily renewal digest: one row per account manager and day, the record that makes each
digest go out once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .partners import Membership


class RenewalDigest(models.Model):
    """One e-mail to one account manager (a sales membership) listing the resources of their
    customers that expire within 30 days. Recorded before it is sent; sent_at is set under the
    row's lock once the mail went, so a rerun the same day sends nothing more."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("account manager"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    resources = models.PositiveIntegerField(_("resources listed"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the digest job's record

    class Meta:
        verbose_name = _("renewal digest")
        verbose_name_plural = _("renewal digests")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "day"], name="one_renewal_digest_per_manager_day"),
        ]

    def __str__(self):
        return f"{self.membership} {self.day}"
