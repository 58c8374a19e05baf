"""Demo data for local use and benchmarks (`manage.py seed_demo`).

Deterministic for a given --seed and idempotent: reference data is get-or-create, and the
detail lines are generated only when the demo partner has none yet (in one transaction, so
an interrupted run leaves nothing half-made). Figures go through the same services as real
imports, and statuses through the transition services, so the audit trail is real too.
"""

import calendar
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from time import perf_counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from customers.models import AssociationType, Customer, Membership, Partner, PartnerKind, Role

from .models import DetailLine, FeedbackMessage, IncentiveProgram, ProgramRate, ReconciliationPeriod
from .operators import ensure_operators_group
from .services.feedback import feedback_add, feedback_reply
from .services.figures import detail_lines_add, incentive_get_or_create, statement_get_or_create
from .services.statements import statement_approve, statement_confirm, statement_publish

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
    ("demo-viewer", "P1001", Role.VIEWER),
    ("reseller-admin", "P2001", Role.ADMIN),
    ("rival-admin", "P3001", Role.ADMIN),
]
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
MANAGERS = ["Li Wei", "Zhang Min", "Wang Fang", "Chen Jie", "Liu Yang", "Emily Carter", "David Brown", "赵磊"]
CN_CITIES = ["北京", "上海", "深圳", "杭州", "成都", "武汉", "南京", "西安", "苏州", "广州"]
CN_WORDS = ["云智", "星海", "华信", "天元", "数联", "博远", "恒通", "锐思", "青禾", "远航"]
CN_SUFFIXES = ["科技有限公司", "信息技术有限公司", "网络科技有限公司", "数据服务有限公司"]
EN_WORDS = [
    "Bluewave",
    "Northwind",
    "Silverline",
    "Evergreen",
    "Summit",
    "Harbor",
    "Pioneer",
    "Lumen",
    "Crescent",
    "Atlas",
]
EN_SUFFIXES = [
    "Technologies Co., Ltd.",
    "Trading Ltd.",
    "Digital Pte. Ltd.",
    "Software GmbH",
    "Logistics Inc.",
]
MONTHS_BACK = 6  # the current month and five before it


@dataclass
class SeedReport:
    lines_created: int
    lines_total: int
    statements: int
    lines_seconds: float


def seed_demo(*, password=DEFAULT_PASSWORD, details=3000, seed=2026, now=None) -> SeedReport:
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
    statements = _advance_statuses(partners, periods, operator)
    _demo_feedback(partners["P1001"], periods[1], operator)
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


def _users(partners, password):
    User = get_user_model()
    for username, partner_code, role in USERS:
        user = _user(User, username, password)
        Membership.objects.get_or_create(
            user=user, defaults={"partner": partners[partner_code], "role": role}
        )
    operator = _user(User, "operator", password, is_staff=True)
    operator.groups.add(ensure_operators_group())
    return operator


def _user(User, username, password, **flags):
    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com", **flags}
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _programs():
    programs = {}
    for code, name, association, rates in PROGRAMS:
        program, _ = IncentiveProgram.objects.get_or_create(
            code=code,
            defaults={"name": name, "association_type": association, "policy": _policy(name, rates)},
        )
        for product_type, rate in rates.items():
            ProgramRate.objects.get_or_create(
                program=program, product_type=product_type, defaults={"rate": Decimal(rate)}
            )
        programs[code] = program
    return programs


def _policy(name, rates):
    lines = [f"{name}: paid monthly on eligible, fully paid consumption of the partner's customers."]
    lines += [f"- {product}: {Decimal(rate) * 100:.2f}% of revenue" for product, rate in rates.items()]
    lines.append("Each detail line is revenue × rate, rounded half-up to the cent.")
    return "\n".join(lines)


def _month(today: date, back: int) -> tuple[date, date]:
    year, month = today.year, today.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _periods(now):
    """Offsets: 0 Estimated, 1 Pending (deadline ahead), 2 Pending (deadline passed), 3.. older."""
    today = timezone.localdate(now)
    periods = []
    for back in range(MONTHS_BACK):
        start, end = _month(today, back)
        deadline = timezone.make_aware(datetime.combine(end + timedelta(days=15), time(23, 59, 59)))
        if back == 1:
            deadline = now + timedelta(days=7)
        elif back == 2:
            deadline = now - timedelta(days=1)
        period, _ = ReconciliationPeriod.objects.get_or_create(
            code=f"{start:%Y-%m}", defaults={"start": start, "end": end, "confirmation_deadline": deadline}
        )
        periods.append(period)
    return periods


def _bills(partners, periods, programs):
    incentives = {}
    for partner_code, program_codes in PROGRAMS_OF.items():
        for period in periods:
            statement = statement_get_or_create(partner=partners[partner_code], period=period)
            statement.period, statement.partner = period, partners[partner_code]
            incentives[partner_code, period.pk] = [
                incentive_get_or_create(statement=statement, program=programs[code]) for code in program_codes
            ]
            for incentive in incentives[partner_code, period.pk]:
                incentive.statement = statement
    return incentives


def _customer_name(rng):
    if rng.random() < 0.5:
        return rng.choice(CN_CITIES) + rng.choice(CN_WORDS) + rng.choice(CN_SUFFIXES)
    return f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)} {rng.choice(EN_SUFFIXES)}"


def _customers(partners, rng):
    resellers = [partners["P2001"], partners["P2002"], partners["P2003"]]
    wanted = []
    for code, _name, kind, _dist, count, _share in PARTNERS:
        for number in range(1, count + 1):
            tier2 = rng.choice(resellers) if kind == PartnerKind.DISTRIBUTOR and rng.random() < 0.4 else None
            wanted.append(
                Customer(
                    partner=partners[code],
                    account=f"hwc_{code.lower()}_{number:05d}",
                    name=_customer_name(rng),
                    association_type=AssociationType.RESALE
                    if rng.random() < 0.7
                    else AssociationType.REFERRAL,
                    account_manager=rng.choice(MANAGERS),
                    tier2_reseller=tier2,
                )
            )
    existing = set(
        Customer.objects.filter(partner__in=partners.values()).values_list("partner_id", "account")
    )
    Customer.objects.bulk_create([c for c in wanted if (c.partner_id, c.account) not in existing])
    customers: dict[str, list[Customer]] = {}
    ordered = Customer.objects.filter(partner__in=partners.values()).select_related("partner")
    for customer in ordered.order_by("partner_id", "account"):
        customers.setdefault(customer.partner.code, []).append(customer)
    return customers


def _lines(count, rng, incentives, customers, programs):
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


def _advance_statuses(partners, periods, operator):
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


def _demo_feedback(partner, period, operator, most=200):
    """Feedback on ~1% of the distributor's lines of last month (at most `most`), through the
    services: a few answered, a few resolved. Only once: nothing if any feedback exists."""
    if FeedbackMessage.objects.filter(line__partner=partner).exists():
        return
    ids = list(
        DetailLine.objects.filter(partner=partner, period=period).order_by("id").values_list("id", flat=True)
    )
    if not ids:
        return
    count = min(len(ids) // 100 + 3, most, len(ids))
    sales = get_user_model().objects.get(username="demo-sales")
    for number, line_id in enumerate(ids[:: max(len(ids) // count, 1)][:count]):
        feedback_add(line_id=line_id, actor=sales, text="Please check this line's rate against the policy.")
        if number % 3 == 1:
            feedback_reply(
                line_id=line_id,
                actor=operator,
                text="The rate follows the program policy.",
                status="answered",
            )
        elif number % 3 == 2:
            feedback_reply(line_id=line_id, actor=operator, text="", status="resolved")
