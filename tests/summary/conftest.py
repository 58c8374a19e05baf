import pytest

from incentives.services.statements import statement_publish
from tests import factories


@pytest.fixture
def bills(partner_setup):
    """Pending bills for the distributor (two incentives), its reseller and the rival; one Estimated."""
    p = partner_setup
    october = factories.PeriodFactory(code="2026-10")
    rsl = factories.ProgramFactory(code="RSL", name="Solution Partner Resale Incentive")
    ref = factories.ProgramFactory(code="REF", name="Referral Incentive", association_type="referral")
    factories.bill(p["distributor"], october, program=rsl, lines=[("53.30", "0.05"), ("1000.00", "0.05")])
    distributor = factories.bill(p["distributor"], october, program=ref, lines=[("2000.00", "0.08")])
    reseller = factories.bill(p["reseller"], october, program=rsl)
    rival = factories.bill(p["rival"], october, program=rsl)
    for statement in (distributor, reseller, rival):
        statement_publish(statement_id=statement.pk, actor=None)
    estimated = factories.bill(p["distributor"], factories.PeriodFactory(code="2026-11"), program=rsl)
    for statement in (distributor, reseller, rival, estimated):
        statement.refresh_from_db()
    return {"distributor": distributor, "reseller": reseller, "rival": rival, "estimated": estimated}
