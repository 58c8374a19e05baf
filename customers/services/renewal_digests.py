"""The daily renewal digest: each account manager gets one e-mail a day listing the resources of
their customers that expire within 7 / 15 / 30 days, in the language they chose.

An account manager is a sales member of the customer's partner whose name (full name, else
username) is the customer's `account_manager`. Each digest is a RenewalDigest row, unique per
manager and day, recorded before it is sent and marked sent under its row lock, so a rerun (or a
second worker) the same day sends nothing more; a manager with nothing due gets no mail and no row.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..languages import user_language
from ..models import Membership, RenewalDigest, Resource, Role
from ..selectors.resources import RENEWAL_WINDOWS, renewals_of_manager

logger = logging.getLogger(__name__)
MOST_LISTED = 100  # resources one e-mail lists; the rest are counted, and are in the portal


@dataclass
class Section:
    title: str
    rows: list[tuple[Resource, int, str]]  # the resource, days left, its customer's resources link


def renewal_digests_send(*, today: date | None = None) -> int:
    """Send today's digest to every account manager who has renewals due and has not had it yet.
    Returns how many went. A mail the server refused stays unsent; the next run tries it again."""
    today = today or timezone.localdate()
    done = RenewalDigest.objects.filter(day=today, sent_at__isnull=False).values("membership_id")
    managers = (
        Membership.objects.filter(role=Role.SALES, user__is_active=True)
        .exclude(user__email="")
        .exclude(pk__in=done)
        .select_related("user__preference", "partner")
        .order_by("pk")
    )
    sent = 0
    for membership in managers:
        try:
            sent += renewal_digest_send(membership=membership, today=today)
        except OSError:  # SMTP refused or unreachable: the others still go, this one next run
            logger.exception(
                "Renewal digest for membership %s was not sent; the next run retries it.", membership.pk
            )
    return sent


def renewal_digest_send(*, membership: Membership, today: date) -> bool:
    """Today's digest for one account manager, unless nothing is due or it went already."""
    due = renewals_of_manager(membership.user, today)
    total = due.count()
    if not total:
        return False
    digest, _created = RenewalDigest.objects.get_or_create(membership=membership, day=today)
    with transaction.atomic():
        digest = RenewalDigest.objects.select_for_update().get(pk=digest.pk)
        if digest.sent_at is not None:
            return False  # another run sent it meanwhile
        listed = list(due.select_related("customer")[:MOST_LISTED])
        with translation.override(user_language(membership.user) or settings.LANGUAGE_CODE):
            _message(membership, listed, total, today).send()
        digest.sent_at, digest.resources = timezone.now(), total
        digest.save(update_fields=["sent_at", "resources"])
    return True


def _sections(listed: list[Resource], today: date) -> list[Section]:
    """The resources by window: within 7 days, in 8 to 15, in 16 to 30 (empty windows left out)."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    titles, start = [], 0
    for days in RENEWAL_WINDOWS:
        if start == 0:
            titles.append((days, _("Expiring within %(days)s days") % {"days": days}))
        else:
            titles.append(
                (days, _("Expiring in %(first)s to %(last)s days") % {"first": start + 1, "last": days})
            )
        start = days
    sections = {days: Section(title, []) for days, title in titles}
    for resource in listed:
        left = (resource.expiry - today).days  # type: ignore[operator]  # yearly/monthly: an expiry
        window = next(days for days in RENEWAL_WINDOWS if left <= days)
        url = base + reverse("customers:resources", args=[resource.customer_id]) + f"?due_within={window}"
        sections[window].rows.append((resource, left, url))
    return [section for section in sections.values() if section.rows]


def _message(membership: Membership, listed: list[Resource], total: int, today: date) -> EmailMessage:
    user = membership.user
    subject = ngettext(
        "Renewals due: %(count)s resource of your customers expires within %(days)s days",
        "Renewals due: %(count)s resources of your customers expire within %(days)s days",
        total,
    ) % {"count": total, "days": RENEWAL_WINDOWS[-1]}
    context = {
        "user": user,
        "partner": membership.partner,
        "today": today,
        "sections": _sections(listed, today),
        "more": total - len(listed),
        "customers_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("customers:list"),
    }
    body = render_to_string("customers/email/renewal_digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])
