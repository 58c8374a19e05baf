"""Operators (staff in the Operators group) and bills in every review state."""

import pytest

from incentives.operators import ensure_operators_group
from incentives.services.statements import statement_confirm, statement_publish
from tests import factories


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="operator", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


@pytest.fixture
def bills(partner_setup):
    """Issuing (confirmed by the partner), Issuing (by the system), and Pending bills."""
    by_partner = factories.bill(partner_setup["distributor"])
    by_system = factories.bill(partner_setup["reseller"])
    pending = factories.bill(partner_setup["rival"])
    for statement in (by_partner, by_system, pending):
        statement_publish(statement_id=statement.pk, actor=None)
    statement_confirm(statement_id=by_partner.pk, actor=partner_setup["finance"])
    statement_confirm(statement_id=by_system.pk, actor=None)
    return {"by_partner": by_partner, "by_system": by_system, "pending": pending}
