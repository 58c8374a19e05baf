"""The demo encyclopedia's fast generator: valid, unique credit codes, Chinese and English
names, idempotent top-up, and seed_demo's size setting."""

import pytest

from customers.demo_companies import CODE_CHARS, CODE_WEIGHTS, company_row, seed_companies
from customers.models import Company

pytestmark = pytest.mark.django_db


def check_digit_ok(code: str) -> bool:
    total = sum(CODE_CHARS.index(c) * w for c, w in zip(code[:17], CODE_WEIGHTS, strict=True))
    return CODE_CHARS[(31 - total % 31) % 31] == code[17]


def test_generated_entries_are_unique_realistic_and_valid():
    rows = [company_row(n) for n in range(20_000)]
    assert len({r[0] for r in rows}) == len(rows) and len({r[1] for r in rows}) == len(rows)
    mainland = [r for r in rows if r[4] == "china"]
    assert 0.7 < len(mainland) / len(rows) < 0.9
    assert all(len(r[1]) == 18 and check_digit_ok(r[1]) and r[0].endswith("公司") for r in mainland)
    assert any(r[0].endswith("Pte. Ltd.") for r in rows) and any(r[0].endswith("GmbH") for r in rows)
    assert company_row(123) == company_row(123) and company_row(123, seed=1) != company_row(123)


def test_seed_companies_tops_up_and_is_idempotent():
    assert seed_companies(250) == 250
    assert seed_companies(250) == 0 and seed_companies(300) == 50
    assert Company.objects.count() == 300
    assert Company.objects.filter(name__icontains="有限公司").exists()


def test_seed_demo_builds_the_encyclopedia_and_demo_reports(settings):
    from incentives.demo import seed_demo

    settings.DEMO_COMPANIES = 400
    seed_demo(details=30)
    assert Company.objects.count() >= 400
    from customers.models import CustomerReport

    assert CustomerReport.objects.filter(status="pending").count() == 2
    assert Company.objects.filter(customers__partner__code="P1001").count() == 3
