"""Submitting a payment request: what is payable, one request per submission, holds, options."""

from datetime import timedelta

import pytest
from django.utils import timezone

from invoices.models import Arrears, PaymentEvent, PaymentOption, PaymentRequest, PaymentStatus
from invoices.selectors.payments import payable_for
from invoices.services.holds import hold_place, holds_sync_arrears
from invoices.services.payment_submit import payment_request_submit
from invoices.services.payments import payment_cancel
from partner_center.errors import Conflict, Forbidden, InvalidInput

from .conftest import amount, ids

O = PaymentOption  # noqa: E741


def test_payable_lists_issued_incentives_of_the_partner_only(payable):
    mine = {i.incentive_id for i in payable_for(payable["admin"])}
    assert mine == set(ids(payable, "2026-08-RSL", "2026-08-REF", "2026-09-REF"))
    assert {i.incentive_id for i in payable_for(payable["rival_admin"])} == set(ids(payable, "2026-09-RSL"))


def test_one_submission_spans_periods_and_adds_up(payable, payee):
    chosen = ids(payable, "2026-08-REF", "2026-09-REF")
    request = payment_request_submit(user=payable["finance"], incentive_ids=chosen, option=O.BANK_TRANSFER)
    assert request.status == PaymentStatus.SUBMITTED
    assert request.total == amount(payable, "2026-08-REF", "2026-09-REF")
    assert sorted(request.items.values_list("incentive__incentive_id", flat=True)) == sorted(chosen)
    assert PaymentEvent.objects.get(request=request).actor == payable["finance"]
    assert {i.incentive_id for i in payable_for(payable["admin"])} == set(ids(payable, "2026-08-RSL"))


def test_an_incentive_in_an_active_request_is_refused_and_freed_by_cancel(payable):
    chosen = ids(payable, "2026-08-RSL")
    first = payment_request_submit(user=payable["admin"], incentive_ids=chosen, option=O.TOP_UP)
    with pytest.raises(Conflict, match=first.number):
        payment_request_submit(user=payable["finance"], incentive_ids=chosen, option=O.COUPONS)
    payment_cancel(request_id=first.pk, actor=payable["admin"])
    again = payment_request_submit(user=payable["finance"], incentive_ids=chosen, option=O.COUPONS)
    assert PaymentRequest.objects.count() == 2 and again.status == PaymentStatus.SUBMITTED


def test_bank_transfer_needs_referral_and_a_verified_payee(payable):
    with pytest.raises(Conflict, match="payee profile"):
        payment_request_submit(
            user=payable["admin"], incentive_ids=ids(payable, "2026-09-REF"), option=O.BANK_TRANSFER
        )
    with pytest.raises(InvalidInput, match="referral"):
        payment_request_submit(
            user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=O.BANK_TRANSFER
        )
    assert not PaymentRequest.objects.exists()


def test_other_partners_incentives_and_roles_are_refused(payable):
    with pytest.raises(InvalidInput):
        payment_request_submit(
            user=payable["admin"], incentive_ids=ids(payable, "2026-09-RSL"), option=O.TOP_UP
        )
    for role in ("sales", "viewer"):
        with pytest.raises(Forbidden):
            payment_request_submit(
                user=payable[role], incentive_ids=ids(payable, "2026-08-RSL"), option=O.TOP_UP
            )
    with pytest.raises(InvalidInput):
        payment_request_submit(user=payable["admin"], incentive_ids=[], option=O.TOP_UP)
    assert not PaymentRequest.objects.exists()


def test_a_hold_blocks_requests_with_its_reason_and_lifting_unblocks(payable):
    today = timezone.localdate()
    hold = hold_place(
        partner=payable["distributor"], reason="Audit of 2026-08", since=today, until=None, actor=None
    )
    with pytest.raises(Conflict, match="Audit of 2026-08"):
        payment_request_submit(
            user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=O.TOP_UP
        )
    from invoices.services.holds import hold_lift

    hold_lift(hold_id=hold.pk, actor=None)
    assert payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=O.TOP_UP
    )


def test_arrears_hold_lifts_the_day_after_payment(payable):
    today = timezone.localdate()
    arrears = Arrears.objects.create(partner=payable["distributor"], period="2026-07", amount="120.00")
    assert holds_sync_arrears(today=today) == {"placed": 1, "lifted": 0}
    assert holds_sync_arrears(today=today) == {"placed": 0, "lifted": 0}  # a second run changes nothing
    with pytest.raises(Conflict, match="Unpaid cloud bill of 2026-07"):
        payment_request_submit(
            user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=O.TOP_UP
        )
    arrears.paid_on = today
    arrears.save()
    assert holds_sync_arrears(today=today) == {"placed": 0, "lifted": 0}  # not on the day of payment
    assert holds_sync_arrears(today=today + timedelta(days=1)) == {"placed": 0, "lifted": 1}
    assert payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option=O.TOP_UP
    )
