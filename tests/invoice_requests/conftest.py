"""Resale orders of two periods for the distributor of partner_setup (two customers), one for
the rival, and the distributor's enterprise invoice information (good for every kind)."""

from decimal import Decimal

import pytest
from django.utils import translation

from invoices.models import InvoiceProfile, InvoiceRequest, InvoiceRequestStatus, ResaleOrder
from invoices.services.invoice_submit import invoice_request_submit
from tests import factories

PROFILE = {
    "title_type": "enterprise", "title": "Distributor Co Ltd.", "tax_id": "91310000132220681X",
    "registered_address": "1 Bund Road, Shanghai", "registered_phone": "021-55550000",
    "bank_name": "Bank of Demo, Shanghai", "bank_account": "6222020200112233445",
    "email": "invoices@distributor.example", "recipient": "Wang Fang", "recipient_phone": "13800000000",
    "mailing_address": "1 Bund Road, Shanghai 200000",
}  # fmt: skip


@pytest.fixture
def orders(partner_setup):
    p = partner_setup
    acme = factories.CustomerFactory(partner=p["distributor"], name="Acme")
    beta = factories.CustomerFactory(partner=p["distributor"], name="Beta")
    rival_customer = factories.CustomerFactory(partner=p["rival"], name="Rival customer")
    rows = [
        ("ORD-1001", acme, "2026-10", "1060.00"),
        ("ORD-1002", acme, "2026-10", "333.33"),
        ("ORD-1003", beta, "2026-10", "0.01"),
        ("ORD-1101", beta, "2026-11", "2000.50"),
        ("ORD-1102", acme, "2026-11", "17.77"),
    ]
    made = {
        order_id: ResaleOrder.objects.create(
            partner=p["distributor"], customer=customer, order_id=order_id, period=period,
            product_type="ECS", amount=Decimal(amount),
        )
        for order_id, customer, period, amount in rows
    }  # fmt: skip
    made["RIVAL-1"] = ResaleOrder.objects.create(
        partner=p["rival"],
        customer=rival_customer,
        order_id="RIVAL-1",
        period="2026-10",
        amount=Decimal("50.00"),
    )
    InvoiceProfile.objects.create(partner=p["distributor"], **PROFILE)
    return {**p, "orders": made, "acme": acme, "beta": beta}


def request_for(orders, *order_ids, medium="electronic", kind="ordinary", user="finance") -> InvoiceRequest:
    return invoice_request_submit(
        user=orders[user], basis="orders", order_ids=order_ids, kind=kind, medium=medium
    )


def in_status(orders, status: str, medium: str = "paper", order_id: str = "ORD-1001") -> InvoiceRequest:
    """A request put straight into `status` (to test the table from every status)."""
    request = request_for(orders, order_id, medium=medium)
    InvoiceRequest.objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    return request


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


__all__ = ["InvoiceRequestStatus", "in_status", "request_for"]
