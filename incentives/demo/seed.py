"""Demo data for local use and benchmarks (`manage.py seed_demo`).

Deterministic for a given --seed and idempotent: reference data is get-or-create, detail lines
are made only when the demo partner has none (in one transaction: nothing half-made). Figures
and statuses go through the same services as real imports, so the audit trail is real too.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from time import perf_counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from customers.demo import seed_customers
from customers.languages import user_language_set
from customers.models import AssociationType, Customer, Partner, PartnerKind, Role

from ..models import DetailLine, FeedbackMessage, Incentive, IncentiveProgram, ReconciliationPeriod
from ..operators import ensure_operators_group
from ..services.feedback import feedback_add, feedback_reply
from ..services.figures import detail_lines_add
from ..services.statements import statement_approve, statement_confirm, statement_publish
from .generator import (
    bill_incentives,
    bulk_customers,
    month_period,
    partner_user,
    program_with_rates,
    staff_user,
)
from .managers import feedback_author, name_account_managers
from .modules import seed_other_modules
from .texts import (
    CN_CITIES,
    CN_SUFFIXES,
    CN_WORDS,
    EN_SUFFIXES,
    EN_WORDS,
    FEEDBACK,
    MANAGERS,
    policy_text,
)

DEFAULT_PASSWORD = "demo-pass-2026"  # local demos only (README says so)

PARTNERS = [
    # code, name, kind, distributor code, customer count, share of lines
    ("P1001", "Demo Distributor", PartnerKind.DISTRIBUTOR, None, 300, 70),
    ("P2001", "Demo Reseller", PartnerKind.RESELLER, "P1001", 60, 10),
    ("P2002", "杭州云联科技有限公司", PartnerKind.RESELLER, "P1001", 0, 0),
    ("P2003", "Shenzhen Skyway IT Services", PartnerKind.RESELLER, "P1001", 0, 0),
    ("P3001", "Rival Cloud Partner", PartnerKind.DIRECT, None, 100, 20),
]
USERS = [
    ("demo-admin", "P1001", Role.ADMIN),
    ("demo-finance", "P1001", Role.FINANCE),
    ("demo-sales", "P1001", Role.SALES),
    ("demo-lead", "P1001", Role.SALES),  # demo-sales's supervisor (managers.py)
    ("demo-viewer", "P1001", Role.VIEWER),
    ("reseller-admin", "P2001", Role.ADMIN),
    ("rival-admin", "P3001", Role.ADMIN),
    ("demo-zh", "P1001", Role.ADMIN),  # a Chinese partner user: the portal in Simplified Chinese
    ("reseller-zh", "P2002", Role.ADMIN),  # the Chinese reseller's admin, Chinese customers
]
LANGUAGES = {"demo-zh": "zh-hans", "reseller-zh": "zh-hans"}
PROGRAMS = [
    (
        "RSL",
        "Solution Partner Resale Incentive",
        AssociationType.RESALE,
        {"ECS": "0.0500", "RDS": "0.0600", "OBS": "0.0400", "CCE": "0.0725", "CDN": "0.0300"},
    ),
    (
        "REF",
        "Referral Incentive",
        AssociationType.REFERRAL,
        {"ECS": "0.0800", "RDS": "0.0850", "OBS": "0.0625", "CCE": "0.1000"},
    ),
    (
        "GRW",
        "Cloud Migration Growth Bonus",
        AssociationType.RESALE,
        {"ECS": "0.0250", "RDS": "0.0315", "CCE": "0.0355"},
    ),
    (
        "SOL",
        "Solution Co-sell Incentive",
        AssociationType.SOLUTION,
        {"ECS": "0.0450", "OBS": "0.0350", "CDN": "0.0525", "GaussDB": "0.0650"},
    ),
]
PROGRAMS_OF = {"P1001": ["RSL", "REF", "GRW", "SOL"], "P2001": ["RSL", "REF"], "P3001": ["RSL", "REF", "SOL"]}
MONTHS_BACK = 6  # the current month and five before it


@dataclass
class SeedReport:
    lines_created: int
    lines_total: int
    statements: int
    lines_seconds: float


def seed_demo(
    *,
    password: str = DEFAULT_PASSWORD,
    details: int = 3000,
    seed: int = 2026,
    now: datetime | None = None,
    companies: int | None = None,
) -> SeedReport:
    now = now or timezone.now()
    rng = random.Random(seed)
    partners = _partners()
    operator = _users(partners, password)
    programs = _programs()
    periods = _periods(now)
    incentives = _bills(partners, periods, programs)
    created, started = 0, perf_counter()
    if not DetailLine.objects.filter(partner=partners["P1001"]).exists():
        with transaction.atomic():
            customers = _customers(partners, rng)
            created = detail_lines_add(lines=_lines(details, rng, incentives, customers, programs))
    lines_seconds = perf_counter() - started
    seed_customers(seed, companies)  # Customer Management, the Chinese reseller's customers, 企业百科
    statements = _advance_statuses(partners, periods, operator)
    _demo_feedback(partners["P1001"], periods[1], operator)
    seed_other_modules(partners, operator)
    return SeedReport(created, DetailLine.objects.count(), statements, lines_seconds)


def _partners() -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    for code, name, kind, distributor, _count, _share in PARTNERS:
        partners[code], _ = Partner.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "distributor": partners.get(distributor) if distributor else None,
            },
        )
    return partners


def _users(partners: dict[str, Partner], password: str) -> User:
    for username, partner_code, role in USERS:
        user = partner_user(username, partner=partners[partner_code], role=role, password=password)
        if username in LANGUAGES:
            user_language_set(user, LANGUAGES[username])
    name_account_managers()
    operator = staff_user("operator", password=password, is_staff=True)
    operator.groups.add(ensure_operators_group())
    return operator


def _programs() -> dict[str, IncentiveProgram]:
    return {
        code: program_with_rates(
            code, name=name, association_type=association, rates=rates, policy=policy_text(code, name, rates)
        )
        for code, name, association, rates in PROGRAMS
    }


def _periods(now: datetime) -> list[ReconciliationPeriod]:
    """Offsets: 0 Estimated, 1 Pending (deadline ahead), 2 Pending (deadline passed), 3.. older."""
    today = timezone.localdate(now)
    deadlines = {1: now + timedelta(days=7), 2: now - timedelta(days=1)}
    return [
        month_period(today.year, today.month - back, deadline=deadlines.get(back))
        for back in range(MONTHS_BACK)
    ]


def _bills(
    partners: dict[str, Partner], periods: list[ReconciliationPeriod], programs: dict[str, IncentiveProgram]
) -> dict[tuple[str, int], list[Incentive]]:
    return {
        (partner_code, period.pk): bill_incentives(
            partners[partner_code], period, [programs[code] for code in program_codes]
        )
        for partner_code, program_codes in PROGRAMS_OF.items()
        for period in periods
    }


def _customer_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(CN_CITIES) + rng.choice(CN_WORDS) + rng.choice(CN_SUFFIXES)
    return f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)} {rng.choice(EN_SUFFIXES)}"


def _customers(partners: dict[str, Partner], rng: random.Random) -> dict[str, list[Customer]]:
    resellers = [partners["P2001"], partners["P2002"], partners["P2003"]]
    customers: dict[str, list[Customer]] = {}
    for code, _name, kind, _dist, count, _share in PARTNERS:
        if not count:
            continue
        account = f"hwc_{code.lower()}_" + "{n:05d}"
        customers[code] = bulk_customers(
            partners[code], count, name=lambda _n: _customer_name(rng), account=account
        )
        for customer in customers[code]:  # who sells to them: drawn after, deterministic per seed
            customer.association_type = (
                AssociationType.RESALE if rng.random() < 0.7 else AssociationType.REFERRAL
            )
            customer.account_manager = rng.choice(MANAGERS)
            tier2 = kind == PartnerKind.DISTRIBUTOR and rng.random() < 0.4
            customer.tier2_reseller = rng.choice(resellers) if tier2 else None
        Customer.objects.bulk_update(
            customers[code], ["association_type", "account_manager", "tier2_reseller"], batch_size=1000
        )
    return customers


def _lines(
    count: int,
    rng: random.Random,
    incentives: dict[tuple[str, int], list[Incentive]],
    customers: dict[str, list[Customer]],
    programs: dict[str, IncentiveProgram],
) -> Iterator[DetailLine]:
    rates = {
        code: {rate.product_type: rate.rate for rate in program.rates.all()}
        for code, program in programs.items()
    }
    billing = [(code, share) for code, *_rest, share in PARTNERS if share]
    codes, weights = zip(*billing, strict=True)
    keys = {code: [key for key in incentives if key[0] == code] for code in codes}
    for number in range(count):
        partner_code = rng.choices(codes, weights)[0]
        incentive = rng.choice(incentives[rng.choice(keys[partner_code])])
        product_type, rate = rng.choice(list(rates[incentive.program.code].items()))
        yield DetailLine(
            incentive=incentive,
            order_id=f"CS{incentive.statement.period.code.replace('-', '')[2:]}{number:010d}",
            customer=rng.choice(customers[partner_code]),
            product_type=product_type,
            revenue=Decimal(rng.randint(5_000, 5_000_000)).scaleb(-2),
            rate=rate,
        )


def _advance_statuses(
    partners: dict[str, Partner], periods: list[ReconciliationPeriod], operator: User
) -> int:
    """Bring each month's bills to the status the demo needs, through the real services."""
    finance = get_user_model().objects.get(username="demo-finance")
    count = 0
    for back, period in enumerate(periods):
        for statement in period.statements.filter(partner__in=partners.values()):
            count += 1
            with transaction.atomic():
                if back >= 1:
                    statement_publish(statement_id=statement.pk, actor=operator)
                if back >= 3:
                    actor = finance if statement.partner_id == partners["P1001"].pk else None
                    statement_confirm(statement_id=statement.pk, actor=actor)
                if back >= 4:
                    statement_approve(statement_id=statement.pk, actor=operator)
    return count


def _demo_feedback(partner: Partner, period: ReconciliationPeriod, operator: User, most: int = 200) -> None:
    """Feedback on ~1% of the distributor's lines of last month (at most `most`), through the
    services: a few answered, a few resolved. Only once: nothing if any feedback exists."""
    if FeedbackMessage.objects.filter(line__partner=partner).exists():
        return
    ids = list(
        DetailLine.objects.filter(partner=partner, period=period)
        .order_by("id")
        .values_list("id", "account_manager")
    )
    if not ids:
        return
    count = min(len(ids) // 100 + 3, most, len(ids))
    users = get_user_model().objects.filter(username__in=["demo-sales", "demo-finance", "demo-zh"])
    authors = {user.username: user for user in users}
    for number, (line_id, manager) in enumerate(ids[:: max(len(ids) // count, 1)][:count]):
        # every other thread in Chinese, from the Chinese user, answered in Chinese
        author = authors["demo-zh"] if number % 2 else feedback_author(manager, authors)
        texts = FEEDBACK["zh"] if number % 2 else FEEDBACK["en"]
        feedback_add(line_id=line_id, actor=author, text=texts["ask"])
        if number % 3 == 1:
            feedback_reply(line_id=line_id, actor=operator, text=texts["answer"], status="answered")
        elif number % 3 == 2:
            feedback_reply(line_id=line_id, actor=operator, text="", status="resolved")
