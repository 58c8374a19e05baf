"""MDF application writes: the drafts of the three steps, and the one transition table.

Every transition locks the application row (and, on submit, its quota's row after it, always
in that order), checks TRANSITIONS, saves with update_fields and writes an MdfEvent in the same
transaction. A repeat is a no-op success (Transition.changed is False).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from partner_center.errors import Conflict, InvalidInput

from ..models import ActivityType, Application, ApplicationStatus, CostItem, CostKind, Quota
from ..policies import application_is_editable, claim_due_on, claim_was_submitted, needs_late_reason
from ..selectors.applications import likely_duplicates
from ..selectors.quotas import quota_covering, quota_figures
from .audit import Actor, PartnerUser, Table, Transition, check, clean_reason, record

A = ApplicationStatus
F = frozenset

# action -> (from, to, statuses where it is already done)
TRANSITIONS: Table = {
    "submit": (F({A.DRAFT, A.RETURNED}), A.UNDER_REVIEW, F({A.UNDER_REVIEW, A.APPROVED})),
    "approve": (F({A.UNDER_REVIEW}), A.APPROVED, F({A.APPROVED})),
    "return": (F({A.UNDER_REVIEW}), A.RETURNED, F({A.RETURNED})),
    "reject": (F({A.UNDER_REVIEW}), A.REJECTED, F({A.REJECTED})),
    "cancel": (F({A.UNDER_REVIEW, A.APPROVED}), A.CANCELLED, F({A.CANCELLED})),
}
MAX_ITEMS = len(CostKind)
MAX_AMOUNT = Decimal("9999999999.99")


def _locked(application_id: int) -> Application:
    return Application.objects.select_for_update().get(pk=application_id)


def _editable(application_id: int, actor: Actor) -> Application:
    application = _locked(application_id)
    if not application_is_editable(application):
        raise Conflict(
            _(
                "Application %(number)s is %(status)s and can no longer be changed; "
                "a change after approval needs a new application."
            )
            % {"number": application.number, "status": application.get_status_display()}
        )
    return application


def _text(value: str, label: str, *, required: bool = True, limit: int = 4000) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("%(field)s is required.") % {"field": label})
    if len(value) > limit:
        raise InvalidInput(_("%(field)s may be at most %(max)d characters.") % {"field": label, "max": limit})
    return value


def application_save_plan(
    *,
    actor: PartnerUser,
    application_id: int | None = None,
    title: str,
    activity_type: str,
    starts_on: date,
    ends_on: date,
    location: str,
    plan: str,
    agreement_accepted: bool,
) -> Application:
    """Step 1 (plan and agreement): creates the draft, or saves it again."""
    membership = require_capability(actor, Capability.APPLY_MDF)
    if activity_type not in ActivityType.values:
        raise InvalidInput(_("Choose an activity type."))
    if ends_on < starts_on:
        raise InvalidInput(_("The activity cannot end before it starts."))
    if (ends_on - starts_on).days > 366:
        raise InvalidInput(_("An activity may last at most a year."))
    if not agreement_accepted:
        raise InvalidInput(_("Please accept the MDF agreement."))
    fields = {
        "title": _text(title, _("Activity title"), limit=200),
        "activity_type": activity_type,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "location": _text(location, _("Location"), limit=200),
        "plan": _text(plan, _("Activity plan")),
        "agreement_accepted": True,
    }
    with transaction.atomic():
        if application_id is None:
            application = Application.objects.create(
                partner=membership.partner, created_by=actor, steps_done=1, **fields
            )
            record(application_id=application.pk, action="create", old="", new=A.DRAFT, actor=actor)
            return application
        application = _editable(application_id, actor)
        for name, value in fields.items():
            setattr(application, name, value)
        application.steps_done = max(application.steps_done, 1)
        application.save(update_fields=[*fields, "steps_done"])
        return application


def application_save_objectives(
    *,
    actor: PartnerUser,
    application_id: int,
    objectives: str,
    expected_attendance: int | None,
    expected_leads: int | None,
) -> Application:
    """Step 2 (objectives)."""
    require_capability(actor, Capability.APPLY_MDF)
    for number in (expected_attendance, expected_leads):
        if number is not None and not 0 <= number <= 1_000_000:
            raise InvalidInput(_("Attendance and leads are whole numbers from 0 to 1,000,000."))
    with transaction.atomic():
        application = _editable(application_id, actor)
        application.objectives = _text(objectives, _("Objectives"))
        application.expected_attendance = expected_attendance
        application.expected_leads = expected_leads
        application.steps_done = max(application.steps_done, 2)
        application.save(update_fields=["objectives", "expected_attendance", "expected_leads", "steps_done"])
        return application


def _amount(value: object) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise InvalidInput(_("%(value)s is not an amount.") % {"value": value}) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")) or not 0 <= amount <= MAX_AMOUNT:
        raise InvalidInput(_("%(value)s is not an amount with at most 2 decimal places.") % {"value": value})
    return amount


def application_save_budget(
    *, actor: PartnerUser, application_id: int, items: list[tuple[str, str, object]]
) -> Application:
    """Step 3 (budget): the cost items (kind, description, amount tax included) replace the old ones."""
    require_capability(actor, Capability.APPLY_MDF)
    cleaned = []
    for kind, description, amount in items:
        if kind not in CostKind.values:
            raise InvalidInput(_("Choose a cost item."))
        value = _amount(amount)
        if value <= 0:
            raise InvalidInput(_("Each cost item needs an amount above 0."))
        cleaned.append(
            CostItem(kind=kind, description=_text(description, "", required=False, limit=200), amount=value)
        )
    if not cleaned:
        raise InvalidInput(_("Add at least one cost item."))
    if len({item.kind for item in cleaned}) != len(cleaned):
        raise InvalidInput(_("Each cost item may appear once."))
    with transaction.atomic():
        application = _editable(application_id, actor)
        application.cost_items.all().delete()
        for item in cleaned:
            item.application = application
        CostItem.objects.bulk_create(cleaned)
        application.amount = sum((item.amount for item in cleaned), Decimal("0"))
        application.steps_done = 3
        application.save(update_fields=["amount", "steps_done"])
        return application


def _submit_checks(application: Application, today: date, late_reason: str, confirm_duplicate: bool) -> Quota:
    if application.steps_done < 3 or not application.objectives or application.amount <= 0:
        raise InvalidInput(_("Complete all three steps before submitting."))
    if application.starts_on <= today:
        raise InvalidInput(_("Apply before the activity starts."))
    if needs_late_reason(application.starts_on, today) and not late_reason:
        raise InvalidInput(
            _("The activity starts in fewer than 10 working days: please say why you apply so late."),
            code="late_reason_required",
        )
    if not confirm_duplicate and likely_duplicates(application):
        raise Conflict(
            _("A similar application with overlapping dates exists; confirm to submit anyway."),
            code="likely_duplicate",
        )
    quota = quota_covering(application.partner_id, application.starts_on)
    if quota is None:
        raise InvalidInput(_("Your partner has no MDF quota for the activity's dates."), code="no_quota")
    return quota


def application_submit(
    *, application_id: int, actor: PartnerUser, late_reason: str = "", confirm_duplicate: bool = False
) -> Transition[Application]:
    """Draft or Returned -> Under review, if the amount fits in what is left of the quota."""
    require_capability(actor, Capability.APPLY_MDF)
    late_reason = clean_reason(late_reason, required=False)
    today = timezone.localdate()
    with transaction.atomic():
        application = _locked(application_id)
        if not check(TRANSITIONS, "submit", application.status, A):
            return Transition(application, changed=False)
        quota = _submit_checks(application, today, late_reason, confirm_duplicate)
        quota = Quota.objects.select_for_update().get(pk=quota.pk)  # serialises submissions per quota
        left = quota_figures(quota).left
        if application.amount > left:
            raise Conflict(
                _("The amount %(amount)s exceeds the quota left, %(left)s.")
                % {"amount": f"{application.amount:,.2f}", "left": f"{left:,.2f}"},
                code="quota_exceeded",
            )
        old = application.status
        application.status = A.UNDER_REVIEW
        application.quota = quota
        application.late_reason = late_reason
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "quota", "late_reason", "submitted_at"])
        record(
            application_id=application.pk,
            action="submit",
            old=old,
            new=A.UNDER_REVIEW,
            actor=actor,
            reason=late_reason,
        )
        return Transition(application, changed=True)


def _decide(application_id: int, action: str, actor: Actor, reason: str) -> Transition[Application]:
    with transaction.atomic():
        application = _locked(application_id)
        if not check(TRANSITIONS, action, application.status, A):
            return Transition(application, changed=False)
        if action == "cancel" and claim_was_submitted(application):
            raise Conflict(
                _("A claim has been submitted for this application; it can no longer be cancelled.")
            )
        old, application.status = application.status, TRANSITIONS[action][1]
        fields = ["status"]
        if action in ("approve", "return", "reject"):
            application.decided_at = timezone.now()
            fields.append("decided_at")
        if action == "approve":
            application.claim_due_on = claim_due_on(application)
            fields.append("claim_due_on")
        application.save(update_fields=fields)
        record(
            application_id=application.pk,
            action=action,
            old=old,
            new=application.status,
            actor=actor,
            reason=reason,
        )
        return Transition(application, changed=True)


def application_approve(*, application_id: int, actor: Actor, reason: str = "") -> Transition[Application]:
    """Under review -> Approved (a reviewer); the claim is due 90 days after the activity ends."""
    return _decide(application_id, "approve", actor, clean_reason(reason, required=False))


def application_return(*, application_id: int, actor: Actor, reason: str) -> Transition[Application]:
    """Under review -> Returned (a reviewer, with a reason): the partner edits and resubmits."""
    return _decide(application_id, "return", actor, clean_reason(reason, required=True))


def application_reject(*, application_id: int, actor: Actor, reason: str) -> Transition[Application]:
    """Under review -> Rejected (a reviewer, with a reason): final."""
    return _decide(application_id, "reject", actor, clean_reason(reason, required=True))


def application_cancel(
    *, application_id: int, actor: PartnerUser, reason: str = ""
) -> Transition[Application]:
    """Under review or Approved (no claim submitted) -> Cancelled, by the partner."""
    require_capability(actor, Capability.APPLY_MDF)
    return _decide(application_id, "cancel", actor, clean_reason(reason, required=False))
