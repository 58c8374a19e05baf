from decimal import Decimal

import pytest
from django.db.models import Sum

from incentives.models import DetailLine, Incentive, Statement
from incentives.services.figures import detail_lines_add
from incentives.services.statements import statement_publish
from partner_center.errors import DomainError
from tests import factories

pytestmark = pytest.mark.django_db


def assert_totals_hold():
    for incentive in Incentive.objects.all():
        assert incentive.amount == (incentive.lines.aggregate(s=Sum("amount"))["s"] or Decimal("0"))
    for statement in Statement.objects.all():
        assert statement.total == (statement.incentives.aggregate(s=Sum("amount"))["s"] or Decimal("0"))


def test_line_amounts_follow_the_rounding_rule_and_totals_are_exact_sums():
    partner = factories.PartnerFactory()
    statement = factories.bill(partner, lines=[("53.30", "0.05"), ("53.30", "0.05"), ("0.10", "0.0333")])

    amounts = sorted(DetailLine.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("0.00"), Decimal("2.67"), Decimal("2.67")]
    # rounding at the line, then summing: 2.67 + 2.67 + 0.00 (not round(5.33 + 0.00333))
    assert statement.total == Decimal("5.34")
    assert_totals_hold()


def test_totals_cover_several_incentives_of_one_bill():
    partner = factories.PartnerFactory()
    factories.bill(partner, program=factories.ProgramFactory(code="A"), lines=[("1000.00", "0.05")])
    statement = factories.bill(partner, program=factories.ProgramFactory(code="B"), lines=[("999.99", "0.1")])

    assert statement.incentives.count() == 2
    assert statement.total == Decimal("50.00") + Decimal("100.00")
    assert_totals_hold()


def test_lines_copy_partner_period_program_and_customer_attributes():
    partner = factories.PartnerFactory(kind="distributor")
    reseller = factories.PartnerFactory(kind="reseller", distributor=partner)
    customer = factories.CustomerFactory(
        partner=partner, tier2_reseller=reseller, account_manager="Zhang Min"
    )
    statement = factories.bill(partner, customer=customer)

    line = DetailLine.objects.get()
    incentive = statement.incentives.get()
    assert (line.partner, line.period, line.program) == (partner, statement.period, incentive.program)
    assert (line.tier2_reseller, line.account_manager) == (reseller, "Zhang Min")


def test_published_figures_are_frozen():
    partner = factories.PartnerFactory()
    statement = factories.bill(partner)
    statement_publish(statement_id=statement.pk, actor=None)
    incentive = statement.incentives.get()
    lines_before = DetailLine.objects.count()

    with pytest.raises(DomainError, match="only Estimated bills take new lines"):
        detail_lines_add(
            lines=[
                DetailLine(
                    incentive=incentive,
                    order_id="CS-late",
                    customer=factories.CustomerFactory(partner=partner),
                    product_type="ECS",
                    revenue=Decimal("10.00"),
                    rate=Decimal("0.1"),
                )
            ]
        )

    statement.refresh_from_db()
    assert DetailLine.objects.count() == lines_before
    assert statement.total == Decimal("50.00")


def test_seeded_demo_data_keeps_every_invariant():
    from incentives.demo import seed_demo
    from invoices.demo import EXTRA_LINES

    seed_demo(details=400, seed=7)

    assert DetailLine.objects.count() == 400 + EXTRA_LINES  # the payment demo's older referral bills
    assert_totals_hold()
    for line in DetailLine.objects.select_related("incentive__statement")[:400]:
        assert line.amount == (line.revenue * line.rate).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        assert line.partner_id == line.incentive.statement.partner_id
        assert line.period_id == line.incentive.statement.period_id
