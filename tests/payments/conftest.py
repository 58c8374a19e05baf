"""Payable incentives for the distributor of partner_setup: issued bills of two periods, a resale
and a referral incentive each, plus the rival's; and a verified payee for the distributor."""

from decimal import Decimal

import pytest
from django.utils import translation

from incentives.models import Incentive
from incentives.services.statements import statement_approve, statement_confirm, statement_publish
from invoices.models import PayeeProfile, PayeeStatus
from tests import factories


def issued_bill(partner, period, programs, lines=(("1000.00", "0.05"),)):
    statement = None
    for program in programs:
        statement = factories.bill(partner, period, program=program, lines=lines)
    for service in (statement_publish, statement_confirm, statement_approve):
        service(statement_id=statement.pk, actor=None)
    statement.refresh_from_db()
    return statement


@pytest.fixture
def payable(partner_setup):
    p = partner_setup
    august = factories.PeriodFactory(code="2026-08")
    september = factories.PeriodFactory(code="2026-09")
    rsl = factories.ProgramFactory(code="RSL", name="Solution Partner Resale Incentive")
    ref = factories.ProgramFactory(code="REF", name="Referral Incentive", association_type="referral")
    issued_bill(p["distributor"], august, [rsl, ref], lines=[("1000.00", "0.05"), ("53.30", "0.05")])
    issued_bill(p["distributor"], september, [ref], lines=[("2000.00", "0.08")])
    issued_bill(p["rival"], september, [rsl])
    incentives = {
        f"{i.statement.period.code}-{i.program.code}": i
        for i in Incentive.objects.select_related("statement__period", "program")
    }
    return {**p, "incentives": incentives, "rsl": rsl, "ref": ref}


def verified_payee(partner, **fields):
    values = {
        "signing_entity": f"{partner.name} Ltd.", "tax_id": "913100001322206811", "currency": "CNY",
        "bank_name": "Bank of Demo, Shanghai", "account_holder": f"{partner.name} Ltd.",
        "account_number": "6222020200112233445", "status": PayeeStatus.VERIFIED, **fields,
    }  # fmt: skip
    return PayeeProfile.objects.create(partner=partner, **values)


@pytest.fixture
def payee(payable):
    return verified_payee(payable["distributor"])


def ids(payable, *keys):
    return [payable["incentives"][key].incentive_id for key in keys]


def amount(payable, *keys):
    return sum((payable["incentives"][key].amount for key in keys), Decimal("0.00"))


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here, whatever language an earlier test left active."""
    with translation.override("en"):
        yield
