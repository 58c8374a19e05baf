"""E-mail to the partner's admin and finance users when a request needs an invoice, when an
invoice is rejected, and when a payment is recorded; each in the user's own language.

Queued by the transition services on commit, so a rolled-back change sends nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from customers.languages import user_language
from customers.models import Membership, Role

from ..models import PaymentRequest

MAILED = {"accept": "accept", "reject_invoice": "reject_invoice", "pay": "paid", "fulfil": "paid"}


def _subject(action: str, request: PaymentRequest) -> str:
    number = request.number
    if action == "accept":
        return _("Payment request %(number)s: please upload your invoice") % {"number": number}
    if action == "reject_invoice":
        return _("Payment request %(number)s: your invoice was rejected") % {"number": number}
    return _("Payment request %(number)s has been paid") % {"number": number}


def payment_notify(*, request_id: int, action: str) -> int:
    """Mail the partner's admin and finance users about this change; returns how many mails."""
    if action not in MAILED:
        return 0
    request = PaymentRequest.objects.select_related("partner").get(pk=request_id)
    event = request.events.filter(action=action).order_by("-created_at", "-id").first()
    members = Membership.objects.filter(
        partner_id=request.partner_id, role__in=[Role.ADMIN, Role.FINANCE]
    ).select_related("user__preference")
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("invoices:payment_request", args=[request.pk])
    sent = 0
    for membership in members:
        user = membership.user
        if not user.email:
            continue
        with translation.override(user_language(user) or settings.LANGUAGE_CODE):
            context = {"user": user, "request": request, "action": action, "event": event, "url": url}
            EmailMessage(
                subject=_subject(action, request),
                body=render_to_string(f"invoices/email/{MAILED[action]}.txt", context),
                to=[user.email],
            ).send()
        sent += 1
    return sent
