"""The payee profile: the partner admin records it, an operator verifies or rejects it.

Saving changed payee or bank details sends a verified profile back to Pending verification; a
new or changed account needs a bank confirmation letter. Every change writes a PayeeEvent.
"""

from collections.abc import Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.selectors import PortalUser
from partner_center.errors import Conflict, InvalidInput

from ..models import PayeeEvent, PayeeProfile, PayeeStatus, PaymentOption
from .payments import Actor, actor_label
from .uploads import document_checked

P = PayeeStatus
DETAILS = ("signing_entity", "tax_id", "currency", "bank_name", "account_holder", "account_number")
ACCOUNT = ("bank_name", "account_holder", "account_number")


PayeeDetails = Mapping[str, str]  # the DETAILS fields, as entered


def _event(profile: PayeeProfile, *, action: str, old: str, actor: Actor, reason: str = "") -> None:
    PayeeEvent(
        profile=profile, action=action, old_status=old, new_status=profile.status, actor=actor,
        actor_label=actor_label(actor), reason=reason,
    ).save()  # fmt: skip


def _clean(details: PayeeDetails) -> dict[str, str]:
    cleaned = {name: " ".join(str(details.get(name, "")).split()) for name in DETAILS}
    cleaned["currency"] = cleaned["currency"].upper() or "CNY"
    cleaned["account_number"] = cleaned["account_number"].replace(" ", "")
    if any(not cleaned[name] for name in DETAILS):
        raise InvalidInput(_("Fill in every field of the payee profile."))
    if not cleaned["account_number"].isdigit() or not 8 <= len(cleaned["account_number"]) <= 34:
        raise InvalidInput(_("The account number must be 8 to 34 digits."))
    if len(cleaned["currency"]) != 3:
        raise InvalidInput(_("The currency is a three-letter code such as CNY."))
    return cleaned


def payee_save(*, user: PortalUser, details: PayeeDetails, bank_letter: UploadedFile | None) -> PayeeProfile:
    """Create or change the partner's payee profile (partner admin only)."""
    membership = require_capability(user, Capability.MANAGE_PAYEE)
    cleaned = _clean(details)
    letter = document_checked(bank_letter, what=_("bank confirmation letter")) if bank_letter else None
    with transaction.atomic():
        profile = PayeeProfile.objects.select_for_update().filter(partner=membership.partner).first()
        if profile is None:
            profile = PayeeProfile(partner=membership.partner, **cleaned)
            old, changed, account_changed = "", list(DETAILS), True
        else:
            old = profile.status
            changed = [name for name in DETAILS if getattr(profile, name) != cleaned[name]]
            account_changed = any(name in changed for name in ACCOUNT)
            for name in changed:
                setattr(profile, name, cleaned[name])
        if account_changed and letter is None:
            raise InvalidInput(_("A new or changed bank account needs the bank confirmation letter."))
        if not changed and letter is None:
            return profile
        if letter is not None:
            profile.bank_letter = letter
        profile.status, profile.rejection_reason, profile.verified_at = P.PENDING, "", None
        profile.save()
        _event(profile, action="save", old=old, actor=membership.user, reason=", ".join(changed))
    return profile


def payee_set_automatic(*, user: PortalUser, enabled: bool, option: str) -> PayeeProfile:
    """The partner's setting: a monthly request for newly payable incentives, with this option."""
    membership = require_capability(user, Capability.MANAGE_PAYEE)
    if enabled and option not in PaymentOption.values:
        raise InvalidInput(_("Choose the payment option of automatic requests."))
    with transaction.atomic():
        profile = PayeeProfile.objects.select_for_update().filter(partner=membership.partner).first()
        if profile is None:
            raise Conflict(_("Record the payee profile first."))
        profile.auto_request, profile.auto_option = enabled, option if enabled else ""
        profile.save(update_fields=["auto_request", "auto_option", "updated_at"])
        _event(profile, action="automatic", old=profile.status, actor=membership.user, reason=option)
    return profile


def _review(profile_id: int, *, to: str, actor: Actor, reason: str = "") -> tuple[PayeeProfile, bool]:
    with transaction.atomic():
        profile = PayeeProfile.objects.select_for_update().get(pk=profile_id)
        if profile.status == to and (to != P.REJECTED or profile.rejection_reason == reason):
            return profile, False
        if profile.status != P.PENDING:
            raise Conflict(
                _("Only a profile pending verification can be reviewed; this one is %(status)s.")
                % {"status": profile.get_status_display()}
            )
        old = profile.status
        profile.status, profile.rejection_reason = to, reason
        profile.verified_at = timezone.now() if to == P.VERIFIED else None
        profile.save(update_fields=["status", "rejection_reason", "verified_at", "updated_at"])
        _event(
            profile, action="verify" if to == P.VERIFIED else "reject", old=old, actor=actor, reason=reason
        )
    return profile, True


def payee_verify(*, profile_id: int, actor: Actor) -> tuple[PayeeProfile, bool]:
    """Pending verification -> Verified (operator)."""
    return _review(profile_id, to=P.VERIFIED, actor=actor)


def payee_reject(*, profile_id: int, actor: Actor, reason: str) -> tuple[PayeeProfile, bool]:
    """Pending verification -> Rejected, with the reason the partner reads (operator)."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A reason is required to reject a payee profile."))
    return _review(profile_id, to=P.REJECTED, actor=actor, reason=reason)
