"""A small hand-checked year of incentives: three months of 2026 and one of 2025, two programs,
two account managers (Li Wei, Zhang Min), bills in different statuses."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from incentives.models import DetailLine, Statement
from tests import factories


def period(code):
    year, month = map(int, code.split("-"))
    return factories.PeriodFactory(code=code, start=date(year, month, 1), end=date(year, month, 28))


@pytest.fixture
def year_of_incentives(partner_setup):
    partner = partner_setup["distributor"]
    li = factories.CustomerFactory(partner=partner, account_manager="Li Wei", industry="finance", level="V2")
    zhang = factories.CustomerFactory(
        partner=partner, account_manager="Zhang Min", industry="retail", level="V1"
    )
    resale = factories.ProgramFactory(code="RSL", association_type="resale")
    referral = factories.ProgramFactory(code="REF", association_type="referral")
    jan, feb, last_jan = period("2026-01"), period("2026-02"), period("2025-01")
    # 2026-01 (one bill, issued): RSL Li 1000*5% + 333.33*5% (16.67) = 66.67; REF Zhang 2000*3% = 60
    bill_jan = factories.bill(
        partner, jan, lines=(("1000.00", "0.0500"), ("333.33", "0.0500")), program=resale, customer=li
    )
    factories.bill(partner, jan, lines=(("2000.00", "0.0300"),), program=referral, customer=zhang)
    # 2026-02: RSL Zhang 500*10%; pending confirmation
    bill_feb = factories.bill(partner, feb, lines=(("500.00", "0.1000"),), program=resale, customer=zhang)
    # 2026-03: RSL Li 100*10% = 10.00; still estimated
    factories.bill(partner, period("2026-03"), lines=(("100.00", "0.1000"),), program=resale, customer=li)
    # 2025-01: RSL Li 400*5% = 20.00
    factories.bill(partner, last_jan, lines=(("400.00", "0.0500"),), program=resale, customer=li)
    Statement.objects.filter(pk=bill_jan.pk).update(status="issued")
    Statement.objects.filter(pk=bill_feb.pk).update(status="pending_confirmation")
    # the rival's lines never count
    rival_customer = factories.CustomerFactory(partner=partner_setup["rival"], account_manager="Li Wei")
    factories.bill(
        partner_setup["rival"], jan, lines=(("9999.00", "0.5000"),), program=resale, customer=rival_customer
    )
    return {
        "partner": partner,
        "li": li,
        "zhang": zhang,
        "resale": resale,
        "referral": referral,
        **partner_setup,
    }


def line_sum(**filters) -> Decimal:
    return DetailLine.objects.filter(**filters).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
