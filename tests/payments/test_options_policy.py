"""The payment-option policy: per association type and payee profile state, one place."""

import pytest

from customers.models import AssociationType
from invoices.models import PayeeProfile, PayeeStatus, PaymentOption
from invoices.policies import option_refusal, payment_options

O, A = PaymentOption, AssociationType  # noqa: E741


def payee(status):
    return None if status is None else PayeeProfile(status=status, rejection_reason="wrong holder")


# (association types, payee state) -> the options offered
CASES = [
    ({A.REFERRAL}, PayeeStatus.VERIFIED, {O.BANK_TRANSFER, O.TOP_UP, O.COUPONS}),
    ({A.REFERRAL}, PayeeStatus.PENDING, {O.TOP_UP, O.COUPONS}),
    ({A.REFERRAL}, PayeeStatus.REJECTED, {O.TOP_UP, O.COUPONS}),
    ({A.REFERRAL}, None, {O.TOP_UP, O.COUPONS}),
    ({A.RESALE}, PayeeStatus.VERIFIED, {O.TOP_UP, O.COUPONS}),
    ({A.RESALE}, None, {O.TOP_UP, O.COUPONS}),
    ({A.SOLUTION}, PayeeStatus.VERIFIED, {O.TOP_UP, O.COUPONS}),
    ({A.REFERRAL, A.RESALE}, PayeeStatus.VERIFIED, {O.TOP_UP, O.COUPONS}),
]


@pytest.mark.parametrize(("kinds", "state", "offered"), CASES, ids=str)
def test_options_per_association_type_and_payee(kinds, state, offered):
    choices = payment_options(kinds, payee(state))
    assert [choice.option for choice in choices] == list(O)
    assert {choice.option for choice in choices if choice.allowed} == offered
    for choice in choices:
        assert bool(choice.refusal) is not choice.allowed
        assert option_refusal(choice.option, kinds, payee(state)) == choice.refusal


def test_the_refusal_says_why_and_points_to_the_profile():
    pending = payment_options({A.REFERRAL}, payee(PayeeStatus.PENDING))[0]
    assert pending.needs_profile and "pending verification" in pending.refusal
    rejected = payment_options({A.REFERRAL}, payee(PayeeStatus.REJECTED))[0]
    assert "wrong holder" in rejected.refusal
    resale = payment_options({A.RESALE}, payee(PayeeStatus.VERIFIED))[0]
    assert not resale.needs_profile and "referral" in resale.refusal
