"""The Details world (tests/details/conftest.py) plus one object of every other kind an admin
lists: an export job, a deadline reminder, an API token; and the staff users who walk it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from knox.models import AuthToken

from customers.services.authorisations import authorisation_request
from customers.services.reveals import contact_reveal
from incentives.models import DeadlineReminder, ReminderKind
from incentives.operators import ensure_vendor_finance_group
from incentives.services.exports import export_request
from invoices.models import Arrears, InvoiceProfile, PaymentRequest, ResaleOrder
from invoices.services.holds import hold_place
from invoices.services.invoice_submit import invoice_request_submit
from tests import factories
from tests.details.conftest import operator, world  # noqa: F401 (fixtures, used by name)
from tests.invoice_requests.conftest import PROFILE
from tests.payments.conftest import verified_payee


@pytest.fixture
def everything(world, operator):  # noqa: F811
    bill = world["bills"]["2026-10"]
    DeadlineReminder.objects.create(
        statement=bill, user=world["finance"], kind=ReminderKind.ONE_DAY,
        deadline=bill.confirmation_deadline - timedelta(days=1),
    )  # fmt: skip
    export_request(user=world["finance"], method="period", file_format="xlsx", period="2026-10")
    AuthToken.objects.create(user=world["admin"])
    resale = factories.CustomerFactory(partner=world["distributor"], account="walk-resale")
    authorisation_request(user=world["admin"], customer_id=resale.pk, accept_commitment=True)
    contact_reveal(user=world["admin"], customer_id=resale.pk, field="mobile")
    _invoices_app(world, resale)
    finance_staff = factories.UserFactory(username="vendor-finance", is_staff=True)
    finance_staff.groups.add(ensure_vendor_finance_group())
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    return {**world, "operator": operator, "vendor_finance": finance_staff, "superuser": superuser}


def _invoices_app(world, customer):  # noqa: F811 (the fixture's value, not the fixture)
    """Payment requests, payees, holds, arrears; invoice information, resale orders, invoice requests."""
    distributor = world["distributor"]
    verified_payee(distributor)
    PaymentRequest.objects.create(partner=distributor, option="top_up", total=Decimal("10.00"))
    Arrears.objects.create(partner=world["rival"], period="2026-09", amount=Decimal("5.00"))
    hold_place(partner=world["rival"], reason="walk", since=date(2026, 1, 1), until=None, actor=None)
    InvoiceProfile.objects.create(partner=distributor, **PROFILE)
    ResaleOrder.objects.create(
        partner=distributor, customer=customer, order_id="WALK-1", period="2026-10", amount=Decimal("9.99")
    )
    invoice_request_submit(
        user=world["admin"], basis="orders", order_ids=["WALK-1"], kind="ordinary", medium="paper"
    )
