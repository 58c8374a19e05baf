"""Offline contracts: search by code (exact or prefix) and status, progress against the
database's own sums of the partner's orders, the signed PDF only for the partner's admin and
finance users, and another partner's contract a 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db.models import Max, Sum
from rest_framework.test import APIClient

from incentives.demo.generator import bill_incentives
from incentives.models import DetailLine
from incentives.services.figures import detail_lines_add
from invoices.models import ContractDiscount, OfflineContract
from invoices.selectors.contracts import contract_lines, contract_progress
from tests import factories

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% signed contract\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def contract(partner, code, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), amount="10000.00"):
    made = OfflineContract(
        code=code, partner=partner, signed_on=date(2025, 12, 20), starts_on=starts_on, ends_on=ends_on,
        committed_amount=Decimal(amount),
    )  # fmt: skip
    made.signed_pdf.save("signed.pdf", ContentFile(PDF), save=False)
    made.save()
    ContractDiscount.objects.create(contract=made, product_type="ECS", discount=Decimal("0.1500"))
    ContractDiscount.objects.create(contract=made, product_type="CDN", discount=Decimal("0.0500"))
    return made


def orders(partner, code, rows):
    """Lines of two programs in period `code`: each (order, product, revenue) earns in both."""
    year, month = map(int, code.split("-"))
    period = factories.PeriodFactory(code=code, start=date(year, month, 1), end=date(year, month, 28))
    programs = [
        factories.ProgramFactory(code=f"P{code[-2:]}A"),
        factories.ProgramFactory(code=f"P{code[-2:]}B"),
    ]
    customer = factories.CustomerFactory(partner=partner)
    lines = [
        DetailLine(
            incentive=incentive,
            order_id=order,
            customer=customer,
            product_type=product,
            revenue=Decimal(revenue),
            rate=Decimal("0.0500"),
        )  # fmt: skip
        for incentive in bill_incentives(partner, period, programs)
        for order, product, revenue in rows
    ]
    detail_lines_add(lines=lines)


@pytest.fixture
def contracts(partner_setup):
    partner = partner_setup["distributor"]
    orders(partner, "2026-03", [("A1", "ECS", "1000.10"), ("A2", "ECS", "2000.25"), ("A3", "OBS", "333.33")])
    orders(partner, "2026-07", [("B1", "ECS", "4000.01")])
    orders(partner, "2025-11", [("C1", "ECS", "9999.99")])  # before the commitment period
    orders(partner_setup["rival"], "2026-05", [("R1", "ECS", "5555.55")])  # another partner's
    return {
        "near": contract(partner, "HWC-2026-001", amount="7500.00"),
        "behind": contract(partner, "HWC-2026-002", starts_on=date(2026, 7, 1), amount="50000.00"),
        "rival": contract(partner_setup["rival"], "HWC-2026-900"),
    }


def test_progress_is_the_database_sum_of_each_order_once(contracts):
    near = contracts["near"]
    per_order = contract_lines(near).values("order_id", "product_type").annotate(revenue=Max("revenue"))
    expected = sum((row["revenue"] for row in per_order), Decimal("0"))
    every_line = contract_lines(near).aggregate(total=Sum("revenue"))["total"]
    progress = contract_progress(near)
    assert progress.completed == expected == Decimal("7333.69")
    assert every_line == 2 * expected  # each order earns in two programs: counted once
    assert progress.percent == Decimal("97.8") and progress.outstanding == Decimal("166.31")
    rows = {row.product_type: (row.orders, row.amount, row.discount) for row in progress.by_product}
    assert rows == {
        "ECS": (3, Decimal("7000.36"), Decimal("0.1500")),
        "OBS": (1, Decimal("333.33"), None),
        "CDN": (0, Decimal("0.00"), Decimal("0.0500")),
    }
    behind = contract_progress(contracts["behind"])
    assert behind.completed == Decimal("4000.01") and behind.percent == Decimal("8.0")


def test_search_by_code_exact_or_prefix_and_status(client, partner_setup, contracts):
    client.force_login(partner_setup["finance"])

    def found(**params):
        body = client.get("/payments/contracts/", params).content.decode()
        return sorted(code for code in ("HWC-2026-001", "HWC-2026-002", "HWC-2026-900") if code in body)

    assert found() == ["HWC-2026-001", "HWC-2026-002"]
    assert found(code="hwc-2026-00") == ["HWC-2026-001", "HWC-2026-002"]
    assert found(code="HWC-2026-00", match="exact") == []
    assert found(code="HWC-2026-001", match="exact") == ["HWC-2026-001"]
    assert found(code="HWC-2026-9") == []  # another partner's


def test_the_contract_page_shows_discounts_commitment_and_progress(client, partner_setup, contracts):
    client.force_login(partner_setup["admin"])
    body = client.get("/payments/contracts/HWC-2026-001/").content.decode()
    for text in ("7,500.00", "7,333.69", "97.8%", "15.00%", "2026-01-01 – 2026-12-31", "signed.pdf"):
        assert text in body


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("finance", 200), ("sales", 403), ("viewer", 403)]
)
def test_the_signed_pdf_downloads_only_for_admin_and_finance(client, partner_setup, contracts, role, status):
    client.force_login(partner_setup[role])
    response = client.get("/payments/contracts/HWC-2026-001/signed.pdf")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
    assert client.get("/payments/contracts/").status_code == status


def test_another_partners_contract_is_a_404(client, partner_setup, contracts):
    client.force_login(partner_setup["admin"])
    assert client.get("/payments/contracts/HWC-2026-900/").status_code == 404
    assert client.get("/payments/contracts/HWC-2026-900/signed.pdf").status_code == 404
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    assert api.get("/api/v1/contracts/HWC-2026-900/").status_code == 404


def test_the_api_searches_and_shows_progress(partner_setup, contracts):
    api = APIClient()
    api.force_authenticate(partner_setup["finance"])
    listed = api.get("/api/v1/contracts/", {"code": "HWC-2026-00"}).json()
    assert [row["code"] for row in listed["results"]] == ["HWC-2026-001", "HWC-2026-002"]
    detail = api.get("/api/v1/contracts/HWC-2026-001/").json()
    assert (detail["completed_amount"], detail["percent"]) == ("7333.69", "97.8")
    assert detail["signed_pdf_url"].endswith("/payments/contracts/HWC-2026-001/signed.pdf")
    sales = APIClient()
    sales.force_authenticate(partner_setup["sales"])
    assert sales.get("/api/v1/contracts/").status_code == 403
