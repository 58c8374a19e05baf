"""The scoping matrix over the exports: admin and finance export every line of their own
partner; sales users and viewers may not export; and the worker's line selector is scoped
to the job's requester, so a file never holds lines its requester may not see."""

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from customers.capabilities import Capability, role_can
from incentives.models import ExportJob
from incentives.selectors.exports import export_detail_lines
from incentives.services.exports import export_request, export_run
from partner_center.errors import Forbidden
from tests.scoping.conftest import CASE_IDS, CASES, amount_seen, seen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _role(role: str) -> str:
    return "sales" if role in ("lead", "rep", "solo") else role


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_export_by_period(scoped, key, role):
    world = scoped[key]
    user = world["users"][role]
    api = APIClient()
    api.force_authenticate(user)
    if not role_can(_role(role), Capability.EXPORT):
        with pytest.raises(Forbidden):
            export_request(user=user, method="period", period="2026-10")
        refused = api.post("/api/v1/exports/", {"method": "period", "period": "2026-10"}, format="json")
        assert refused.status_code == 403 and not ExportJob.objects.exists()
        return
    job = export_run(export_request(user=user, method="period", period="2026-10", file_format="csv").pk)
    assert job.status == "completed" and job.rows_total == 4
    assert job.total_amount == amount_seen(role)
    held = set(export_detail_lines(job).values_list("order_id", flat=True))
    assert held == {line.order_id for line in world["lines"].values()}


@pytest.mark.parametrize(("key", "role"), CASES, ids=CASE_IDS)
def test_the_workers_selector_is_scoped_to_the_requester(scoped, key, role):
    """Whoever requested a job (were a sales user ever allowed to export), its file holds the
    lines that user sees: the selector applies the same account-manager scope."""
    world = scoped[key]
    job = ExportJob.objects.create(
        partner=world["partner"],
        requested_by=world["users"][role],
        method="period",
        file_format="csv",
        period=world["bill"].period,
        language=settings.LANGUAGE_CODE,
    )
    held = set(export_detail_lines(job).values_list("order_id", flat=True))
    assert held == {world["lines"][who].order_id for who in seen(role)}


@pytest.mark.parametrize("role", ["lead", "rep", "solo"])
def test_a_sales_user_cannot_select_other_managers_lines(scoped, role):
    """Selected exports check the selection against the lines the requester sees."""
    from incentives.selectors.details import detail_lines_for

    world = scoped["distributor"]
    user = world["users"][role]
    others = [line.pk for who, line in world["lines"].items() if who not in seen(role)]
    assert not detail_lines_for(user).filter(pk__in=others).exists()
