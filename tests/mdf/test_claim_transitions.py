"""Every claim transition, the claim's own rules (expenses, proof, deadlines) and its audit trail."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mdf.models import Application, Claim, MdfEvent
from mdf.models import ClaimStatus as C
from mdf.services import claims
from partner_center.errors import Conflict, Forbidden, InvalidInput

from .conftest import approved, claim_ready, held

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(mdf_setup):
    application = approved(
        mdf_setup["admin"], mdf_setup["operator"], items=[("venue", "20000"), ("catering", "3000")]
    )
    return claim_ready(mdf_setup["finance"], application)


def save(claim, user, amounts, over_reason=""):
    return claims.claim_save(
        claim_id=claim.pk,
        actor=user,
        held_starts_on=claim.held_starts_on,
        held_ends_on=claim.held_ends_on,
        attendance=150,
        summary="Held as planned",
        over_reason=over_reason,
        amounts=amounts,
    )


def test_submitted_under_review_approved_paid(mdf_setup, ready):
    user, operator = mdf_setup["finance"], mdf_setup["operator"]
    steps = [
        (claims.claim_submit, user, C.SUBMITTED),
        (claims.claim_start_review, operator, C.UNDER_REVIEW),
        (claims.claim_approve, operator, C.APPROVED),
        (claims.claim_pay, operator, C.PAID),
    ]
    for service, actor, status in steps:
        assert service(claim_id=ready.pk, actor=actor).changed
        assert service(claim_id=ready.pk, actor=actor).changed is False  # a repeat is a no-op
        assert Claim.objects.get(pk=ready.pk).status == status
    claim = Claim.objects.get(pk=ready.pk)
    assert claim.invoice_due_on == timezone.localdate() + timedelta(days=15)
    actions = list(MdfEvent.objects.filter(claim=claim).values_list("action", flat=True))
    assert actions == ["claim_create", "claim_submit", "claim_start_review", "claim_approve", "claim_pay"]


def test_a_returned_claim_is_resubmitted_within_45_days(mdf_setup, ready):
    user, operator = mdf_setup["finance"], mdf_setup["operator"]
    claims.claim_submit(claim_id=ready.pk, actor=user)
    with pytest.raises(InvalidInput, match="reason"):
        claims.claim_return(claim_id=ready.pk, actor=operator, reason="")
    claims.claim_return(claim_id=ready.pk, actor=operator, reason="The banner is not visible")
    claim = Claim.objects.get(pk=ready.pk)
    assert claim.status == C.RETURNED and claim.resubmit_due_on == timezone.localdate() + timedelta(days=45)
    Claim.objects.filter(pk=claim.pk).update(resubmit_due_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(Conflict, match="resubmitted by"):
        claims.claim_submit(claim_id=ready.pk, actor=user)
    Claim.objects.filter(pk=claim.pk).update(resubmit_due_on=timezone.localdate())
    assert claims.claim_submit(claim_id=ready.pk, actor=user).obj.status == C.SUBMITTED


def test_reject_is_final(mdf_setup, ready):
    claims.claim_submit(claim_id=ready.pk, actor=mdf_setup["finance"])
    claims.claim_reject(claim_id=ready.pk, actor=mdf_setup["operator"], reason="Not an MDF activity")
    for service in (claims.claim_approve, claims.claim_pay, claims.claim_submit):
        with pytest.raises(Conflict):
            service(claim_id=ready.pk, actor=mdf_setup["admin"])


def test_an_expense_above_its_approved_amount_needs_a_reason(mdf_setup, ready):
    user = mdf_setup["finance"]
    venue, catering = ready.application.cost_items.order_by("id")
    save(ready, user, {venue.pk: Decimal("19000"), catering.pk: Decimal("3500")})
    with pytest.raises(InvalidInput, match="above the approved amount; please give a reason"):
        claims.claim_submit(claim_id=ready.pk, actor=user)
    save(
        ready,
        user,
        {venue.pk: Decimal("19000"), catering.pk: Decimal("3500")},
        over_reason="More guests came",
    )
    assert claims.claim_submit(claim_id=ready.pk, actor=user).changed


def test_the_total_never_exceeds_the_approved_amount(mdf_setup, ready):
    venue, catering = ready.application.cost_items.order_by("id")
    save(ready, mdf_setup["finance"], {venue.pk: Decimal("20000"), catering.pk: Decimal("3000.01")}, "x")
    with pytest.raises(InvalidInput, match="above the approved amount 23,000.00"):
        claims.claim_submit(claim_id=ready.pk, actor=mdf_setup["finance"])


def test_a_claim_without_the_required_proof_is_refused(mdf_setup):
    user = mdf_setup["admin"]
    application = held(approved(user, mdf_setup["operator"]))
    claim = claims.claim_start(application_id=application.pk, actor=user)
    item = application.cost_items.get()
    save(claim, user, {item.pk: item.amount})
    with pytest.raises(
        InvalidInput,
        match="Proof missing: Photo: activity topic;.*Sign-in sheet; Cost invoice; Photo: cost item",
    ):
        claims.claim_submit(claim_id=claim.pk, actor=user)


def test_only_an_approved_application_in_time_is_claimed(mdf_setup):
    user = mdf_setup["admin"]
    application = approved(user, mdf_setup["operator"])
    Application.objects.filter(pk=application.pk).update(claim_overdue=True)
    with pytest.raises(Conflict, match="claim deadline"):
        claims.claim_start(application_id=application.pk, actor=user)


def test_viewers_cannot_claim(mdf_setup, ready):
    with pytest.raises(Forbidden):
        claims.claim_submit(claim_id=ready.pk, actor=mdf_setup["viewer"])
