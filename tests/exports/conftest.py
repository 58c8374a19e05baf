import pytest
from django.conf import settings
from django.utils import translation

from incentives.models import DetailLine
from incentives.services.statements import statement_publish
from tests import factories

NASTY = {
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\tTabbed",
    "control": "Bell\x07and\x1bEscape Co",
}


@pytest.fixture(autouse=True)
def _default_language():
    """Each export test starts in the default language: a request made by the test client leaves
    its language active in this thread (each real request activates its own), and an export job
    records the active language at request time."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def export_data(partner_setup):
    """Two programs in 2026-10 for the distributor (with nasty customer names), one for the rival."""
    p = partner_setup
    october = factories.PeriodFactory(code="2026-10")
    rsl = factories.ProgramFactory(code="RSL", name="Resale")
    ref = factories.ProgramFactory(code="REF", name="Referral")
    customers = [factories.CustomerFactory(partner=p["distributor"], name=name) for name in NASTY.values()]
    lines = [("53.30", "0.05"), ("1000.00", "0.0525"), ("0.10", "0.0333"), ("999999.99", "0.08")]
    statements = []
    for number, customer in enumerate(customers):
        program = rsl if number % 2 else ref
        statements.append(
            factories.bill(p["distributor"], october, program=program, customer=customer, lines=lines)
        )
    factories.bill(p["rival"], october, program=rsl)
    statement_publish(statement_id=statements[-1].pk, actor=None)
    DetailLine.objects.filter(partner=p["distributor"]).order_by("pk").filter(
        pk=DetailLine.objects.filter(partner=p["distributor"]).order_by("pk").first().pk
    ).update(feedback="x" * 40_000, feedback_status="open")
    return {"period": october, "programs": {"RSL": rsl, "REF": ref}}
