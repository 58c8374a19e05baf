"""E-mail to the partner's admin and finance users when an invoice request is rejected, issued,
mailed, or a cancellation or return is decided; each in the user's own language, with the
reason where one was given. Queued by the transition services on commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from customers.languages import user_language
from customers.models import Membership, Role

from ..models import InvoiceRequest

MAILED = frozenset(
    {"reject", "issue", "mail", "approve_cancel", "reject_cancel", "approve_return", "reject_return"}
)


def _subject(action: str, request: InvoiceRequest) -> str:
    number = {"number": request.number}
    subjects = {
        "reject": _("Invoice request %(number)s was rejected"),
        "issue": _("Invoice request %(number)s: your electronic invoice is issued"),
        "mail": _("Invoice request %(number)s: your paper invoice is in the post"),
        "approve_cancel": _("Invoice request %(number)s: your cancellation was accepted"),
        "reject_cancel": _("Invoice request %(number)s: your cancellation was rejected"),
        "approve_return": _("Invoice request %(number)s: your return was accepted"),
        "reject_return": _("Invoice request %(number)s: your return was rejected"),
    }
    return subjects[action] % number


def invoice_request_notify(*, request_id: int, action: str) -> int:
    """Mail the partner's admin and finance users about this change; returns how many mails."""
    if action not in MAILED:
        return 0
    request = InvoiceRequest.objects.select_related("partner").get(pk=request_id)
    event = request.events.filter(action=action).order_by("-created_at", "-id").first()
    members = Membership.objects.filter(
        partner_id=request.partner_id, role__in=[Role.ADMIN, Role.FINANCE]
    ).select_related("user__preference")
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("billing:invoice_request", args=[request.pk])
    sent = 0
    for membership in members:
        user = membership.user
        if not user.email:
            continue
        with translation.override(user_language(user) or settings.LANGUAGE_CODE):
            context = {"user": user, "request": request, "action": action, "event": event, "url": url}
            EmailMessage(
                subject=_subject(action, request),
                body=render_to_string("invoices/email/invoice_request.txt", context),
                to=[user.email],
            ).send()
        sent += 1
    return sent
