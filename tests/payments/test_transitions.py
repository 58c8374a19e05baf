"""The payment request's one transition table: every action from every status, for every
payment option, is exactly one of allowed (one change, one event), done (no-op) or refused."""

from datetime import date
from decimal import Decimal

import pytest

from invoices.models import PaymentEvent, PaymentOption, PaymentRequest, PaymentStatus
from invoices.services import payments as services
from invoices.services.payments import TRANSITIONS
from partner_center.errors import Conflict, InvalidInput
from tests import factories

S, O = PaymentStatus, PaymentOption  # noqa: E741

# Written out on purpose: changing the workflow must change this test too.
# (action, option group) -> {from status: to status}
ALLOWED = {
    "accept": ({O.BANK_TRANSFER}, {S.SUBMITTED: S.AWAITING_INVOICE}),
    "submit_invoices": ({O.BANK_TRANSFER}, {S.AWAITING_INVOICE: S.INVOICE_REVIEW}),
    "approve": ({O.BANK_TRANSFER}, {S.INVOICE_REVIEW: S.APPROVED}),
    "reject_invoice": ({O.BANK_TRANSFER}, {S.INVOICE_REVIEW: S.AWAITING_INVOICE}),
    "pay": ({O.BANK_TRANSFER}, {S.APPROVED: S.PAID}),
    "fulfil": ({O.TOP_UP, O.COUPONS}, {S.SUBMITTED: S.PAID}),
    "fail": ({O.BANK_TRANSFER}, {S.APPROVED: S.PAYMENT_FAILED}),
    "retry": ({O.BANK_TRANSFER}, {S.PAYMENT_FAILED: S.APPROVED}),
    "cancel": (set(O), {S.SUBMITTED: S.CANCELLED}),
}
MATRIX = [(action, option, status) for action in ALLOWED for option in O for status in S]


def test_the_table_is_the_one_written_here():
    assert set(TRANSITIONS) == set(ALLOWED)
    for action, (options, moves) in ALLOWED.items():
        rule = TRANSITIONS[action]
        assert set(rule.options) == options
        assert {source: rule.to for source in rule.sources} == moves


@pytest.fixture
def request_row(db):
    partner = factories.PartnerFactory()
    return lambda option, status: PaymentRequest.objects.create(
        partner=partner, option=option, status=status, total=Decimal("10.00")
    )


@pytest.mark.parametrize(("action", "option", "status"), MATRIX, ids=lambda v: str(v))
def test_every_action_from_every_status(request_row, action, option, status):
    request = request_row(option, status)
    options, moves = ALLOWED[action]
    rule = TRANSITIONS[action]
    if option in options and status in moves:
        result = services.transition(request_id=request.pk, action=action, actor=None, reason="r")
        assert result.changed and result.request.status == moves[status]
        event = PaymentEvent.objects.get(request=request)
        assert (event.old_status, event.new_status, event.action) == (status, moves[status], action)
        assert event.actor_label == "System" and event.reason == "r"
    elif option in options and status in rule.done:
        assert services.transition(request_id=request.pk, action=action, actor=None).changed is False
        assert not PaymentEvent.objects.filter(request=request).exists()
    else:
        with pytest.raises(Conflict):
            services.transition(request_id=request.pk, action=action, actor=None)
        request.refresh_from_db()
        assert request.status == status
        assert not PaymentEvent.objects.filter(request=request).exists()


def test_repeating_a_done_change_is_a_no_op_with_one_event(request_row, partner_setup):
    request = request_row(O.TOP_UP, S.SUBMITTED)
    first = services.payment_cancel(request_id=request.pk, actor=partner_setup["admin"])
    again = services.payment_cancel(request_id=request.pk, actor=partner_setup["admin"])
    assert (first.changed, again.changed) == (True, False)
    assert PaymentEvent.objects.filter(request=request).count() == 1
    assert PaymentEvent.objects.get(request=request).actor_label == partner_setup["admin"].username


def test_reasons_are_required_where_the_issue_says(request_row):
    review, approved = (
        request_row(O.BANK_TRANSFER, S.INVOICE_REVIEW),
        request_row(O.BANK_TRANSFER, S.APPROVED),
    )
    with pytest.raises(InvalidInput):
        services.payment_reject_invoice(request_id=review.pk, actor=None, reason="  ")
    with pytest.raises(InvalidInput):
        services.payment_record_failure(request_id=approved.pk, actor=None, reason="")
    assert PaymentEvent.objects.count() == 0


def test_a_bank_payment_must_equal_the_request(request_row):
    request = request_row(O.BANK_TRANSFER, S.APPROVED)
    with pytest.raises(InvalidInput, match="equal"):
        services.payment_record_paid(
            request_id=request.pk,
            actor=None,
            paid_on=date(2026, 1, 5),
            reference="B1",
            amount=Decimal("9.99"),
        )
    done = services.payment_record_paid(
        request_id=request.pk, actor=None, paid_on=date(2026, 1, 5), reference="B1", amount=Decimal("10.00")
    )
    assert done.request.status == S.PAID and done.request.payment_reference == "B1"
    assert done.request.paid_amount == Decimal("10.00")


def test_coupons_are_valid_one_year_from_issue(request_row):
    request = request_row(O.COUPONS, S.SUBMITTED)
    done = services.payment_record_paid(
        request_id=request.pk, actor=None, paid_on=date(2024, 2, 29), reference=""
    )
    assert done.request.coupons_valid_until == date(2025, 2, 28)


def test_events_are_append_only(request_row):
    request = request_row(O.TOP_UP, S.SUBMITTED)
    services.payment_cancel(request_id=request.pk, actor=None)
    event = PaymentEvent.objects.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        PaymentEvent.objects.all().delete()
