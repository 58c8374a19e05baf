"""Who is who: partner companies and their users (with a role)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    DISTRIBUTOR = "distributor", _("Distributor")
    RESELLER = "reseller", _("Reseller")
    DIRECT = "direct", _("Direct partner")


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    FINANCE = "finance", _("Finance")
    SALES = "sales", _("Sales / account manager")
    VIEWER = "viewer", _("Viewer")


class AssociationType(models.TextChoices):
    RESALE = "resale", _("Resale")
    REFERRAL = "referral", _("Referral")
    SOLUTION = "solution", _("Solution co-sell")


class Site(models.TextChoices):
    """Huawei Cloud's two sites: a partner sells, and a company is registered, on one of them."""

    CHINA = "china", _("Chinese mainland")
    INTERNATIONAL = "international", _("International")


class Partner(models.Model):
    code = models.CharField(_("partner code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    distributor = models.ForeignKey(
        "self",
        verbose_name=_("distributor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resellers",
        limit_choices_to={"kind": PartnerKind.DISTRIBUTOR},
        help_text=_("Only for resellers that sell through a distributor."),
    )
    site = models.CharField(
        _("site"),
        max_length=20,
        choices=Site.choices,
        default=Site.CHINA,
        help_text=_("Where the partner may sell: it reports only companies registered on this site."),
    )

    SERVICE_OWNED_FIELDS = ()  # master data, maintained by staff

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(distributor__isnull=True) | models.Q(kind="reseller"),
                name="partner_only_resellers_have_distributor",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.distributor_id and self.kind != PartnerKind.RESELLER:
            raise ValidationError({"distributor": _("Only a reseller can belong to a distributor.")})


class Membership(models.Model):
    """A portal user's place in one partner company. A user belongs to at most one partner."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team",
        limit_choices_to={"role": Role.SALES},
        help_text=_(
            "Only for sales users: the account manager who supervises them and also sees their customers."
        ),
    )

    SERVICE_OWNED_FIELDS = ()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.partner} ({self.get_role_display()})"

    def clean(self):
        """A supervisor is another sales user of the same partner, and only sales users have one."""
        supervisor = self.supervisor
        if supervisor is None:
            return
        if self.role != Role.SALES:
            raise ValidationError({"supervisor": _("Only a sales user can have a supervisor.")})
        if supervisor.pk == self.pk and self.pk is not None:
            raise ValidationError({"supervisor": _("A user cannot be their own supervisor.")})
        if supervisor.partner_id != self.partner_id:
            raise ValidationError({"supervisor": _("The supervisor must be a user of the same partner.")})
        if supervisor.role != Role.SALES:
            raise ValidationError({"supervisor": _("The supervisor must be a sales user.")})
