"""The customer's own answer to an authorisation request: a verification code e-mailed to the
customer's contact with a signed link to a small public page (views/consent.py).

A code approves a request pending the customer's approval, or revokes (with a reason) a live
authorisation. Codes last CUSTOMER_CODE_MINUTES, are single-use, and MAX_ATTEMPTS wrong codes
lock the code for good (a new one comes only with a new request; an operator can still answer in
the admin). Only a hash of the code is stored. Every check and its counting happens under the
code's row lock, so two tries at once are counted twice, never let through twice.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from partner_center.errors import Conflict, InvalidInput, NotFound

from ..models import Authorisation, ConsentPurpose, CustomerConsent
from .authorisations import Change, authorisation_customer_approve, authorisation_customer_revoke

MAX_ATTEMPTS = 5
SALT = "customers.consent"
CODE_DIGITS = 6


def _hash(consent_pk: int, code: str) -> str:
    return salted_hmac(SALT, f"{consent_pk}:{code}").hexdigest()


def consent_token(consent: CustomerConsent) -> str:
    return signing.dumps(consent.pk, salt=SALT)


def consent_send(*, authorisation_id: int, purpose: str) -> CustomerConsent | None:
    """A new code for the customer, e-mailed with its link; None when the customer has no e-mail."""
    authorisation = Authorisation.objects.select_related("customer", "partner").get(pk=authorisation_id)
    email = authorisation.customer.email
    if not email:
        return None
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        consent = CustomerConsent.objects.create(
            authorisation=authorisation,
            purpose=purpose,
            sent_to=email,
            code_hash="-",
            expires_at=timezone.now() + timedelta(minutes=settings.CUSTOMER_CODE_MINUTES),
        )
        consent.code_hash = _hash(consent.pk, code)
        consent.save(update_fields=["code_hash"])
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("customer_consent", args=[consent_token(consent)])
    with override("zh-hans"):  # the customer reads Chinese first, English below
        subject = _message_subject(consent)
        body_zh = _message_body(consent, authorisation, link, code)
    with override("en"):
        body_en = _message_body(consent, authorisation, link, code)
    EmailMessage(subject, f"{body_zh}\n\n----\n\n{body_en}", to=[email]).send()
    return consent


def _message_subject(consent: CustomerConsent) -> str:
    if consent.purpose == ConsentPurpose.APPROVE:
        return _("Partner Center: a partner asks for your authorisation")
    return _("Partner Center: your authorisation, and how to revoke it")


def _message_body(consent: CustomerConsent, authorisation: Authorisation, link: str, code: str) -> str:
    names = {"partner": authorisation.partner.name, "customer": authorisation.customer.name}
    if consent.purpose == ConsentPurpose.APPROVE:
        ask = _("%(partner)s asks to order cloud services on behalf of %(customer)s.") % names
    else:
        ask = _("%(partner)s may now order cloud services on behalf of %(customer)s.") % names
    return "\n\n".join(
        [
            ask,
            _("Open this link and enter the verification code %(code)s:") % {"code": code},
            link,
            _("The code is valid for %(minutes)s minutes and can be used once.")
            % {"minutes": settings.CUSTOMER_CODE_MINUTES},
        ]
    )


def consent_for_token(token: str) -> CustomerConsent:
    """The code a link names; NotFound for a link that was not ours or was changed."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise NotFound(_("This link is not valid.")) from None
    consent = CustomerConsent.objects.select_related("authorisation__partner", "authorisation__customer")
    found = consent.filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise NotFound(_("This link is not valid."))
    return found


def consent_refusal(consent: CustomerConsent) -> str:
    """Why this code cannot be used any more ("" while it can)."""
    if consent.used_at is not None:
        return _("This code has been used already.")
    if consent.locked_at is not None:
        return _("Too many wrong codes: this code is locked. Ask the partner for a new request.")
    if consent.expires_at <= timezone.now():
        return _("This code has expired. Ask the partner for a new request.")
    return ""


def consent_answer(*, token: str, code: str, reason: str = "") -> Change:
    """The customer enters its code: approve (or revoke, with a reason) the authorisation."""
    pk = consent_for_token(token).pk
    wrong = False
    with transaction.atomic():
        consent = CustomerConsent.objects.select_for_update().get(pk=pk)
        refusal = consent_refusal(consent)
        if refusal:
            raise Conflict(refusal)
        given = (code or "").strip()
        if not constant_time_compare(_hash(consent.pk, given), consent.code_hash):
            consent.failed_attempts += 1
            fields = ["failed_attempts"]
            if consent.failed_attempts >= MAX_ATTEMPTS:
                consent.locked_at = timezone.now()
                fields.append("locked_at")
            consent.save(update_fields=fields)
            wrong = True
        else:
            if consent.purpose == ConsentPurpose.REVOKE and not (reason or "").strip():
                raise InvalidInput(_("Give a reason."))
            consent.used_at = timezone.now()
            consent.save(update_fields=["used_at"])
            if consent.purpose == ConsentPurpose.APPROVE:
                change = authorisation_customer_approve(authorisation_id=consent.authorisation_id)
            else:
                change = authorisation_customer_revoke(
                    authorisation_id=consent.authorisation_id, reason=reason
                )
    if wrong:  # counted (and committed) before saying so
        left = MAX_ATTEMPTS - consent.failed_attempts
        if left <= 0:
            raise Conflict(_("Too many wrong codes: this code is locked. Ask the partner for a new request."))
        raise InvalidInput(_("Wrong code: %(left)s tries left.") % {"left": left})
    return change
