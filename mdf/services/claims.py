"""MDF claim writes: the draft (activity as held, actual expenses) and the one transition table.

A claim belongs to an approved application. Transitions lock the claim row, check
TRANSITIONS, save with update_fields and write an MdfEvent (with the claim) in the same
transaction; a repeat is a no-op success.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from partner_center.errors import Conflict, InvalidInput

from ..models import Application, Claim, ClaimItem, ClaimStatus, ProofKind
from ..policies import (
    INVOICE_DAYS,
    RESUBMIT_DAYS,
    application_is_claimable,
    claim_is_editable,
    missing_proof,
)
from .applications import _amount, _text
from .audit import Actor, PartnerUser, Table, Transition, check, clean_reason, record

C = ClaimStatus
F = frozenset

# action -> (from, to, statuses where it is already done)
TRANSITIONS: Table = {
    "submit": (F({C.DRAFT, C.RETURNED}), C.SUBMITTED, F({C.SUBMITTED, C.UNDER_REVIEW, C.APPROVED, C.PAID})),
    "start_review": (F({C.SUBMITTED}), C.UNDER_REVIEW, F({C.UNDER_REVIEW, C.APPROVED, C.PAID})),
    "approve": (F({C.SUBMITTED, C.UNDER_REVIEW}), C.APPROVED, F({C.APPROVED, C.PAID})),
    "return": (F({C.SUBMITTED, C.UNDER_REVIEW}), C.RETURNED, F({C.RETURNED})),
    "reject": (F({C.SUBMITTED, C.UNDER_REVIEW}), C.REJECTED, F({C.REJECTED})),
    "pay": (F({C.APPROVED}), C.PAID, F({C.PAID})),
}


def _locked(claim_id: int) -> Claim:
    return Claim.objects.select_for_update().select_related("application").get(pk=claim_id)


def locked_editable(claim_id: int) -> Claim:
    claim = _locked(claim_id)
    if not claim_is_editable(claim):
        raise Conflict(
            _("The claim is %(status)s and can no longer be changed.")
            % {"status": claim.get_status_display()}
        )
    return claim


def claim_start(*, application_id: int, actor: PartnerUser) -> Claim:
    """The application's claim, created as a draft the first time (idempotent)."""
    require_capability(actor, Capability.CLAIM_MDF)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        existing = Claim.objects.filter(application=application).first()
        if existing is not None:
            return existing
        if not application_is_claimable(application):
            raise Conflict(_("Only an approved application within its claim deadline can be claimed."))
        claim = Claim.objects.create(
            application=application,
            created_by=actor,
            held_starts_on=application.starts_on,
            held_ends_on=application.ends_on,
        )
        record(
            application_id=application.pk,
            claim_id=claim.pk,
            action="claim_create",
            old="",
            new=C.DRAFT,
            actor=actor,
        )
        return claim


def claim_save(
    *,
    claim_id: int,
    actor: PartnerUser,
    held_starts_on: date,
    held_ends_on: date,
    attendance: int | None,
    summary: str,
    over_reason: str,
    amounts: dict[int, object],
) -> Claim:
    """The draft: the activity as held and the actual expense of each approved cost item."""
    require_capability(actor, Capability.CLAIM_MDF)
    if held_ends_on < held_starts_on:
        raise InvalidInput(_("The activity cannot end before it starts."))
    if attendance is not None and not 0 <= attendance <= 1_000_000:
        raise InvalidInput(_("Attendance is a whole number from 0 to 1,000,000."))
    with transaction.atomic():
        claim = locked_editable(claim_id)
        if held_starts_on > timezone.localdate():
            raise InvalidInput(_("Claim after the activity has taken place."))
        cost_items = {item.pk: item for item in claim.application.cost_items.all()}
        if set(amounts) - set(cost_items):
            raise InvalidInput(_("An expense names a cost item that is not in the application."))
        claim.items.all().delete()
        items = [
            ClaimItem(claim=claim, cost_item_id=pk, amount=_amount(value)) for pk, value in amounts.items()
        ]
        ClaimItem.objects.bulk_create(items)
        claim.held_starts_on, claim.held_ends_on, claim.attendance = held_starts_on, held_ends_on, attendance
        claim.summary = _text(summary, _("Activity summary"), required=False)
        claim.over_reason = clean_reason(over_reason, required=False)
        claim.amount = sum((item.amount for item in items), Decimal("0"))
        claim.save(
            update_fields=["held_starts_on", "held_ends_on", "attendance", "summary", "over_reason", "amount"]
        )
        return claim


def _submit_checks(claim: Claim, today: date) -> None:
    application = claim.application
    if claim.status == C.RETURNED and claim.resubmit_due_on and today > claim.resubmit_due_on:
        raise Conflict(
            _("A returned claim had to be resubmitted by %(day)s.") % {"day": claim.resubmit_due_on}
        )
    if claim.status == C.DRAFT and application.claim_overdue:
        raise Conflict(_("The claim deadline (%(day)s) has passed.") % {"day": application.claim_due_on})
    if not (claim.held_starts_on and claim.held_ends_on and claim.attendance is not None and claim.summary):
        raise InvalidInput(_("Give the activity's dates, attendance and summary."))
    approved = {item.pk: item for item in application.cost_items.all()}
    actual = {item.cost_item_id: item.amount for item in claim.items.all()}
    if set(actual) != set(approved):
        raise InvalidInput(_("Give the actual expense of every cost item (0 if none)."))
    over = [approved[pk] for pk, amount in actual.items() if amount > approved[pk].amount]
    if over and not claim.over_reason:
        raise InvalidInput(
            _("%(items)s: the actual expense is above the approved amount; please give a reason.")
            % {"items": ", ".join(str(item) for item in over)},
            code="over_reason_required",
        )
    if claim.amount > application.amount:
        raise InvalidInput(
            _("The claim's total %(total)s is above the approved amount %(approved)s.")
            % {"total": f"{claim.amount:,.2f}", "approved": f"{application.amount:,.2f}"}
        )
    proofs = list(claim.proofs.all())
    missing = missing_proof(
        {proof.kind for proof in proofs},
        {proof.cost_item_id for proof in proofs if proof.kind == ProofKind.COST and proof.cost_item_id},
        [pk for pk, amount in actual.items() if amount > 0],
    )
    if missing:
        names = [
            str(ProofKind(m).label) if isinstance(m, str) else f"{ProofKind.COST.label} ({approved[m]})"
            for m in missing
        ]
        raise InvalidInput(_("Proof missing: %(kinds)s.") % {"kinds": "; ".join(names)}, code="proof_missing")


def _transition(claim_id: int, action: str, actor: Actor, reason: str = "") -> Transition[Claim]:
    today = timezone.localdate()
    with transaction.atomic():
        claim = _locked(claim_id)
        if not check(TRANSITIONS, action, claim.status, C):
            return Transition(claim, changed=False)
        fields = ["status"]
        if action == "submit":
            _submit_checks(claim, today)
            claim.submitted_at = timezone.now()
            fields.append("submitted_at")
        elif action == "return":
            claim.resubmit_due_on = today + timedelta(days=RESUBMIT_DAYS)
            fields.append("resubmit_due_on")
        elif action == "approve":
            claim.approved_at = timezone.now()
            claim.invoice_due_on = today + timedelta(days=INVOICE_DAYS)
            fields += ["approved_at", "invoice_due_on"]
        elif action == "pay":
            claim.paid_at = timezone.now()
            fields.append("paid_at")
        old, claim.status = claim.status, TRANSITIONS[action][1]
        claim.save(update_fields=fields)
        record(
            application_id=claim.application_id,
            claim_id=claim.pk,
            action=f"claim_{action}",
            old=old,
            new=claim.status,
            actor=actor,
            reason=reason,
        )
        return Transition(claim, changed=True)


def claim_submit(*, claim_id: int, actor: PartnerUser) -> Transition[Claim]:
    """Draft or Returned -> Submitted, with all facts, expenses and the required proof."""
    require_capability(actor, Capability.CLAIM_MDF)
    return _transition(claim_id, "submit", actor)


def claim_start_review(*, claim_id: int, actor: Actor) -> Transition[Claim]:
    """Submitted -> Under review (a reviewer takes it)."""
    return _transition(claim_id, "start_review", actor)


def claim_approve(*, claim_id: int, actor: Actor, reason: str = "") -> Transition[Claim]:
    """Submitted or Under review -> Approved; the partner's invoice is due within 15 days."""
    return _transition(claim_id, "approve", actor, clean_reason(reason, required=False))


def claim_return(*, claim_id: int, actor: Actor, reason: str) -> Transition[Claim]:
    """Submitted or Under review -> Returned, with a reason; resubmit within 45 days."""
    return _transition(claim_id, "return", actor, clean_reason(reason, required=True))


def claim_reject(*, claim_id: int, actor: Actor, reason: str) -> Transition[Claim]:
    """Submitted or Under review -> Rejected, with a reason: final."""
    return _transition(claim_id, "reject", actor, clean_reason(reason, required=True))


def claim_pay(*, claim_id: int, actor: Actor) -> Transition[Claim]:
    """Approved -> Paid (vendor finance has paid against the partner's invoice)."""
    return _transition(claim_id, "pay", actor)
