"""The MDF module's rules about state, each written once.

Services enforce them; views, the API, the admin and templates (`{% load mdf_policies %}`)
ask them before offering an action. Who may act is customers/capabilities.py.
"""

from datetime import date, timedelta
from decimal import Decimal

from partner_center.working_days import working_days_between

from .models import Application, ApplicationStatus, Claim, ClaimStatus

A, C = ApplicationStatus, ClaimStatus

MIN_WORKING_DAYS = 10  # apply at least this many working days before the activity, or say why
CLAIM_DAYS = 90  # a claim is due within 90 days of the activity's end
RESUBMIT_DAYS = 45  # a returned claim is resubmitted within 45 days
INVOICE_DAYS = 15  # the partner's invoice for an approved claim is due within 15 days
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_CLAIM = 50
# The proof a claim needs before it can be submitted (each cost item also needs its photo).
REQUIRED_PROOF = ("topic", "branding", "speaker", "attendance", "sign_in", "invoice")
# Statuses whose amount the quota holds: requested (under review) and approved.
RESERVING = (A.UNDER_REVIEW, A.APPROVED)


def application_is_editable(application: Application) -> bool:
    """A draft, or an application returned for changes."""
    return application.status in (A.DRAFT, A.RETURNED)


def application_is_under_review(application: Application) -> bool:
    return application.status == A.UNDER_REVIEW


def application_is_cancellable(application: Application) -> bool:
    """The partner cancels while under review, or once approved until a claim is submitted."""
    if application.status == A.UNDER_REVIEW:
        return True
    return application.status == A.APPROVED and not claim_was_submitted(application)


def application_is_claimable(application: Application) -> bool:
    """Approved, not past its claim deadline, and the claim (if any) still being written."""
    if application.status != A.APPROVED or application.claim_overdue:
        return False
    claim = getattr(application, "claim", None)
    return claim is None or claim_is_editable(claim)


def claim_was_submitted(application: Application) -> bool:
    claim = getattr(application, "claim", None)
    return claim is not None and claim.status != C.DRAFT


def needs_late_reason(starts_on: date, today: date) -> bool:
    """Fewer than 10 working days (mainland China's calendar) between today and the activity."""
    return working_days_between(today, starts_on) < MIN_WORKING_DAYS


def claim_due_on(application: Application) -> date:
    return application.ends_on + timedelta(days=CLAIM_DAYS)


def claim_is_editable(claim: Claim) -> bool:
    return claim.status in (C.DRAFT, C.RETURNED)


def claim_awaits_reviewer(claim: Claim) -> bool:
    """Submitted and not yet taken by a reviewer (Start review)."""
    return claim.status == C.SUBMITTED


def claim_is_under_review(claim: Claim) -> bool:
    return claim.status in (C.SUBMITTED, C.UNDER_REVIEW)


def claim_is_payable(claim: Claim) -> bool:
    return claim.status == C.APPROVED


def claim_is_paid(claim: Claim) -> bool:
    return claim.status == C.PAID


def claim_counts_as_claimed(claim: Claim | None) -> bool:
    return claim is not None and claim.status in (C.SUBMITTED, C.UNDER_REVIEW, C.APPROVED, C.PAID)


def claim_settles(claim: Claim | None) -> bool:
    """An approved or paid claim fixes what the application costs the quota: its own amount."""
    return claim is not None and claim.status in (C.APPROVED, C.PAID)


def committed(application: Application) -> Decimal:
    """What an application holds of its quota: nothing unless requested or approved; once its
    claim is approved, the claim's amount (the rest of the approved amount returns to the quota)."""
    if application.status not in RESERVING:
        return Decimal("0")
    claim = getattr(application, "claim", None)
    if application.status == A.APPROVED and claim is not None and claim_settles(claim):
        return min(claim.amount, application.amount)
    return application.amount


def missing_proof(kinds_present: set[str], cost_items_with_photo: set[int], cost_item_ids: list[int]) -> list:
    """The required proof kinds a claim still lacks, and the cost items without a photo."""
    missing: list = [kind for kind in REQUIRED_PROOF if kind not in kinds_present]
    missing += [pk for pk in cost_item_ids if pk not in cost_items_with_photo]
    return missing
