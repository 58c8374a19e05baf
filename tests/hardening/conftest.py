"""The Details world (tests/details/conftest.py) plus one object of every other kind an admin
lists: an export job, a deadline reminder, an API token; and the staff users who walk it."""

from datetime import timedelta

import pytest
from knox.models import AuthToken

from customers.services.authorisations import authorisation_request
from customers.services.reveals import contact_reveal
from incentives.models import DeadlineReminder, ReminderKind
from incentives.operators import ensure_vendor_finance_group
from incentives.services.exports import export_request
from tests import factories
from tests.details.conftest import operator, world  # noqa: F401 (fixtures, used by name)


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
    finance_staff = factories.UserFactory(username="vendor-finance", is_staff=True)
    finance_staff.groups.add(ensure_vendor_finance_group())
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    _vouchers(world)
    return {**world, "operator": operator, "vendor_finance": finance_staff, "superuser": superuser}


def _vouchers(tenants):
    """A voucher quota, a voucher issued from it and its operation record."""
    from tests.vouchers.conftest import issued, quota_for

    customer = factories.CustomerFactory(partner=tenants["distributor"], account="walk-voucher")
    issued(tenants["admin"], quota_for(tenants["distributor"]), customer)
    from tests.contracts.test_contracts import contract

    contract(tenants["distributor"], "WALK-001")
    from tests.customers.test_capability_labels import certify, label

    certify(tenants["distributor"], label("Walk label"), "WALK-CERT", days_left=30)
