"""Asking for an invoice: by period, by order, by customer and period; an order in at most one
live request; rejected, cancelled and returned requests free their orders; a hold refuses with
its reason; amounts and tax add up to the cent; the invoice information is checked per kind."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from invoices.models import Hold, InvoiceProfile, InvoiceRequestOrder
from invoices.models import InvoiceRequestStatus as S
from invoices.services.invoice_profiles import invoice_profile_save
from invoices.services.invoice_requests import invoice_request_cancel, transition
from invoices.services.invoice_submit import invoice_request_submit, vat_of
from partner_center.errors import Conflict, Forbidden, InvalidInput

from .conftest import PROFILE, request_for

pytestmark = pytest.mark.django_db


def submit(orders, user="finance", **given):
    values = {"kind": "ordinary", "medium": "electronic", **given}
    return invoice_request_submit(user=orders[user], **values)


def order_ids(request):
    return sorted(request.orders.values_list("order__order_id", flat=True))


def test_by_period_takes_every_order_of_the_period_and_no_other_partners(orders):
    request = submit(orders, basis="period", period="2026-10")
    assert order_ids(request) == ["ORD-1001", "ORD-1002", "ORD-1003"]
    assert request.total == Decimal("1393.34")
    assert request.status == S.PENDING_REVIEW and request.due_at is not None
    assert request.events.get().action == "submit"


def test_by_customer_and_period(orders):
    request = submit(orders, basis="customer", period="2026-10", customer_id=orders["acme"].pk)
    assert order_ids(request) == ["ORD-1001", "ORD-1002"]


def test_by_order(orders):
    assert order_ids(request_for(orders, "ORD-1101", "ORD-1003")) == ["ORD-1003", "ORD-1101"]


def test_an_order_is_in_at_most_one_live_request(orders):
    first = request_for(orders, "ORD-1001")
    with pytest.raises(Conflict) as refused:
        request_for(orders, "ORD-1001", "ORD-1002")
    assert first.number in refused.value.message
    # by period, the rest of the period is still invoiceable
    rest = submit(orders, basis="period", period="2026-10")
    assert order_ids(rest) == ["ORD-1002", "ORD-1003"]
    with pytest.raises(Conflict):
        submit(orders, basis="period", period="2026-10")


def test_another_partners_order_is_unknown(orders):
    with pytest.raises(InvalidInput) as refused:
        request_for(orders, "RIVAL-1")
    assert "RIVAL-1" in refused.value.message


@pytest.mark.parametrize(
    "path",
    [["cancel"], ["reject"], ["approve", "issue", "request_return", "approve_return"],
     ["approve", "request_cancel", "approve_cancel"]],
    ids=["cancelled", "rejected", "returned", "cancellation-accepted"],
)  # fmt: skip
def test_an_ended_request_frees_its_orders(orders, path):
    medium = "paper" if "request_cancel" in path else "electronic"
    first = request_for(orders, "ORD-1001", "ORD-1002", medium=medium)
    for action in path:
        transition(request_id=first.pk, action=action, actor=orders["admin"], reason="because")
    assert not InvoiceRequestOrder.objects.filter(request=first, live=True).exists()
    again = request_for(orders, "ORD-1001", "ORD-1002")
    assert again.total == first.total


def test_a_live_request_keeps_its_orders_through_a_refused_cancellation(orders):
    first = request_for(orders, "ORD-1001", medium="paper")
    for action in ("approve", "request_cancel", "reject_cancel"):
        transition(request_id=first.pk, action=action, actor=orders["admin"], reason="printed")
    with pytest.raises(Conflict):
        request_for(orders, "ORD-1001")


def test_the_partners_cancel_goes_straight_to_cancelled_only_before_review(orders):
    early = request_for(orders, "ORD-1001")
    assert invoice_request_cancel(request_id=early.pk, actor=orders["finance"]).request.status == S.CANCELLED
    paper = request_for(orders, "ORD-1002", medium="paper")
    transition(request_id=paper.pk, action="approve", actor=orders["admin"])
    assert invoice_request_cancel(request_id=paper.pk, actor=orders["finance"]).request.status == S.CANCELLING
    electronic = request_for(orders, "ORD-1003")
    transition(request_id=electronic.pk, action="approve", actor=orders["admin"])
    with pytest.raises(Conflict) as refused:
        invoice_request_cancel(request_id=electronic.pk, actor=orders["finance"])
    assert "electronic" in refused.value.message


def test_amounts_and_tax_add_up_to_the_cent(orders):
    request = submit(orders, basis="period", period="2026-10")
    items = list(request.orders.all())
    assert sum(item.amount for item in items) == request.total == Decimal("1393.34")
    assert sum(item.tax_amount for item in items) == request.tax_amount
    # 1060.00 holds 60.00 VAT at 6%; 333.33 holds 18.87 (18.867...); 0.01 holds 0.00
    assert sorted(item.tax_amount for item in items) == [Decimal("0.00"), Decimal("18.87"), Decimal("60.00")]
    assert vat_of(Decimal("17.77")) == Decimal("1.01")


def test_a_hold_refuses_the_request_with_its_reason(orders):
    Hold.objects.create(
        partner=orders["distributor"], reason="Unpaid cloud bill of 2026-10", since=timezone.localdate()
    )
    with pytest.raises(Conflict) as refused:
        request_for(orders, "ORD-1001")
    assert "Unpaid cloud bill of 2026-10" in refused.value.message
    assert not InvoiceRequestOrder.objects.exists()


def test_a_lifted_or_future_hold_does_not(orders):
    today = timezone.localdate()
    Hold.objects.create(partner=orders["distributor"], reason="later", since=today + timedelta(days=3))
    Hold.objects.create(partner=orders["distributor"], reason="old", since=today, lifted_at=timezone.now())
    assert request_for(orders, "ORD-1001").status == S.PENDING_REVIEW


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_only_admin_and_finance_may_request(orders, role):
    with pytest.raises(Forbidden):
        request_for(orders, "ORD-1001", user=role)


@pytest.mark.parametrize(
    ("given", "kind", "medium", "message"),
    [
        ({"title_type": "individual", "tax_id": ""}, "special", "paper", "needs an enterprise title"),
        ({"email": ""}, "ordinary", "electronic", "e-mail for electronic invoices"),
        ({"mailing_address": ""}, "ordinary", "paper", "mailing address"),
        ({"bank_account": ""}, "special", "electronic", "bank account"),
    ],
)
def test_the_invoice_information_must_serve_the_kind(orders, given, kind, medium, message):
    InvoiceProfile.objects.filter(partner=orders["distributor"]).update(**given)
    with pytest.raises(InvalidInput) as refused:
        request_for(orders, "ORD-1001", kind=kind, medium=medium)
    assert message in refused.value.message


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"tax_id": "12345"}, "unified social credit code"),
        ({"tax_id": ""}, "needs its taxpayer ID"),
        ({"title": " "}, "invoice title"),
        ({"email": "not-an-address"}, "valid e-mail"),
        ({"title_type": "robot"}, "enterprise or individual"),
    ],
)
def test_the_invoice_information_is_validated_with_clear_messages(orders, given, message):
    with pytest.raises(InvalidInput) as refused:
        invoice_profile_save(user=orders["admin"], data={**PROFILE, **given})
    assert message in refused.value.message
    assert InvoiceProfile.objects.get(partner=orders["distributor"]).tax_id == PROFILE["tax_id"]


def test_an_individual_title_saves_without_tax_id(orders):
    saved = invoice_profile_save(
        user=orders["admin"], data={**PROFILE, "title_type": "individual", "tax_id": ""}
    )
    assert saved.title_type == "individual" and InvoiceProfile.objects.count() == 1
