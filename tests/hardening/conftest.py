"""The Details world (tests/details/conftest.py) plus one object of every other kind an admin
lists: an export job, a deadline reminder, an API token; and the staff users who walk it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from knox.models import AuthToken

from customers.services.authorisations import authorisation_request
from customers.services.consents import consent_send
from customers.services.reports import report_submit
from customers.services.reveals import contact_reveal
from dashboards.models import CustomerAlert, Indicator, IndicatorValue
from dashboards.services.alerts import alert_process
from dashboards.services.indicators import indicator_feedback_write, indicators_compute
from incentives.models import DeadlineReminder, Incentive, ReminderKind
from incentives.operators import ensure_vendor_finance_group
from incentives.services.exports import export_request
from invoices.models import Arrears, InvoiceProfile, ResaleOrder
from invoices.services.holds import hold_place
from invoices.services.invoice_submit import invoice_request_submit
from invoices.services.payment_submit import payment_request_submit
from tests import factories
from tests.details.conftest import operator, world  # noqa: F401 (fixtures, used by name)
from tests.invoice_requests.conftest import PROFILE
from tests.mdf.conftest import approved, claim_ready, quota_for
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
    resale = factories.CustomerFactory(
        partner=world["distributor"], account="walk-resale", email="c@example.cn"
    )
    asked = authorisation_request(user=world["admin"], customer_id=resale.pk, accept_commitment=True)
    consent_send(authorisation_id=asked.pk, purpose="approve")  # what the commit would send
    contact_reveal(user=world["admin"], customer_id=resale.pk, field="mobile")
    report_submit(user=world["admin"], company_id=factories.CompanyFactory().pk, expected_spend="100.00")
    _payments(world, operator)
    _mdf(world, operator)
    alert = CustomerAlert.objects.create(
        partner=world["distributor"], customer=resale, scenario="quota_low", cause="walk",
        raised_on=timezone.localdate(), handler=world["admin"], handler_label="admin",
    )  # fmt: skip
    alert_process(user=world["admin"], alert_id=alert.pk, outcome="resolved", note="walk")
    Indicator.objects.create(code="WALK", name="Walk", scope="All", method="revenue_sum", period_kind="month")
    indicators_compute()
    walked = IndicatorValue.objects.filter(partner=world["distributor"]).first()
    indicator_feedback_write(user=world["admin"], value_id=walked.pk, text="walk")
    _invoice_requests(world, resale)
    finance_staff = factories.UserFactory(username="vendor-finance", is_staff=True)
    finance_staff.groups.add(ensure_vendor_finance_group())
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    _vouchers(world)
    return {**world, "operator": operator, "vendor_finance": finance_staff, "superuser": superuser}


def _payments(data, staff):
    """A verified payee, an arrears row with its hold, and a payment request of the issued bill."""
    verified_payee(data["distributor"])
    Arrears.objects.create(partner=data["rival"], period="2026-09", amount=Decimal("12.30"))
    hold_place(partner=data["rival"], reason="Unpaid cloud bill", since=date.today(), until=None, actor=staff)
    issued = Incentive.objects.filter(statement=data["bills"]["2026-09"])
    payment_request_submit(
        user=data["admin"], incentive_ids=[issued.first().incentive_id], option="top_up"
    )  # fmt: skip


def _mdf(data, staff):
    """A quota, and an approved application with a complete claim (the proof goes to MEDIA_ROOT)."""
    quota_for(data["distributor"])
    claim_ready(data["admin"], approved(data["admin"], staff))


def _invoice_requests(data, customer):
    """Invoice information, a resale order and an invoice request for it."""
    distributor = data["distributor"]
    InvoiceProfile.objects.create(partner=distributor, **PROFILE)
    ResaleOrder.objects.create(
        partner=distributor, customer=customer, order_id="WALK-1", period="2026-10", amount=Decimal("9.99")
    )
    invoice_request_submit(
        user=data["admin"], basis="orders", order_ids=["WALK-1"], kind="ordinary", medium="paper"
    )


def _vouchers(tenants):
    """A voucher quota, a voucher issued from it and its operation record."""
    from tests.vouchers.conftest import issued, quota_for

    customer = factories.CustomerFactory(partner=tenants["distributor"], account="walk-voucher")
    issued(tenants["admin"], quota_for(tenants["distributor"]), customer)
    from tests.contracts.test_contracts import contract

    contract(tenants["distributor"], "WALK-001")
    from tests.customers.test_capability_labels import certify, label

    certify(tenants["distributor"], label("Walk label"), "WALK-CERT", days_left=30)
