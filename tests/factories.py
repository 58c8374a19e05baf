"""Test factories (factory_boy). Bills with lines are built through the real services."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from customers.models import AssociationType, Customer, Partner
from incentives.demo.generator import bill_incentives, partner_user, program_with_rates
from incentives.models import (
    DetailLine,
    IncentiveProgram,
    ReconciliationPeriod,
    Statement,
    StatementStatus,
)
from incentives.services.figures import detail_lines_add

PASSWORD = "test-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    code = factory.Sequence(lambda n: f"T{n:04d}")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = "direct"


def member(partner, role, username=None):
    return partner_user(
        username or f"{partner.code.lower()}-{role}", partner=partner, role=role, password=PASSWORD
    )


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Customer {n}")
    account = factory.Sequence(lambda n: f"acct{n:06d}")
    association_type = AssociationType.RESALE
    account_manager = "Li Wei"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncentiveProgram
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"PRG{n}")
    name = factory.LazyAttribute(lambda p: f"Program {p.code}")
    association_type = AssociationType.RESALE
    policy = "Pays a share of eligible revenue."

    @factory.post_generation
    def rates(obj, create, extracted, **kwargs):  # noqa: N805
        program_with_rates(obj.code, rates=extracted)  # the program exists: adds its rates


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReconciliationPeriod
        django_get_or_create = ["code"]

    code = "2026-10"
    start = date(2026, 10, 1)
    end = date(2026, 10, 31)
    confirmation_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


def bill(partner, period=None, lines=(("1000.00", "0.0500"),), program=None, customer=None):
    """A bill (Estimated) with one incentive whose lines are (revenue, rate) pairs."""
    period = period or PeriodFactory()
    program = program or ProgramFactory(code="RSL")
    customer = customer or CustomerFactory(partner=partner)
    (incentive,) = bill_incentives(partner, period, [program])
    statement = incentive.statement
    start = DetailLine.objects.count()
    detail_lines_add(
        lines=[
            DetailLine(
                incentive=incentive,
                order_id=f"CS{start + number:08d}",
                customer=customer,
                product_type="ECS",
                revenue=Decimal(revenue),
                rate=Decimal(rate),
            )
            for number, (revenue, rate) in enumerate(lines)
        ]
    )
    statement.refresh_from_db()
    return statement


def overdue_bills(count, *, overdue_by=timedelta(hours=1), total="100.00"):
    """`count` Pending bills whose deadline passed, one per new partner, created in bulk."""
    period = PeriodFactory(code="2026-09", start=date(2026, 9, 1), end=date(2026, 9, 30))
    partners = Partner.objects.bulk_create(PartnerFactory.build() for _ in range(count))
    deadline = timezone.now() - overdue_by
    return Statement.objects.bulk_create(
        Statement(
            partner=partner,
            period=period,
            status=StatementStatus.PENDING,
            total=Decimal(total),
            confirmation_deadline=deadline,
        )
        for partner in partners
    )


class CompanyFactory(factory.django.DjangoModelFactory):
    """An enterprise-encyclopedia company on the Chinese mainland site."""

    class Meta:
        model = "customers.Company"

    name = factory.Sequence(lambda n: f"杭州测试{n}科技有限公司")
    credit_code = factory.Sequence(lambda n: f"91330106{n:09d}X")
    industry = "internet"
    region = "浙江省杭州市"
    site = "china"
    size = "small"
    registered_capital = Decimal("1000000.00")
    founded = date(2015, 6, 1)
