"""Customer Management demo data: each demo customer's profile (association date, industry,
level, quota, discount, status, contacts), and Chinese customers for the Chinese reseller.

Idempotent: a customer is given a profile once (while it has no mobile), and the Chinese
customers are created once, by account. Deterministic for a given seed.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .demo_companies import seed_encyclopedia
from .models import (
    AssociationType,
    Authorisation,
    BillingMode,
    Customer,
    CustomerLevel,
    CustomerStatus,
    Industry,
    Partner,
    Resource,
)
from .services.authorisations import authorisation_request

CHINESE_PARTNER = "P2002"  # 杭州云联科技有限公司 (seed.PARTNERS)
CHINESE_CUSTOMERS = 40
CN_FAMILY = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
CN_PLACES = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "上海", "苏州"]
CN_NAMES = ["云帆", "智联", "汇通", "数智", "星辰", "恒信", "博睿", "新维", "瑞丰", "启明"]
CN_KINDS = ["科技有限公司", "电子商务有限公司", "智能制造有限公司", "信息服务有限公司", "医疗科技有限公司"]
MAIL_DOMAINS = ["example.com", "example.cn", "mail.example.net"]
PROFILE_FIELDS = [
    "association_date",
    "industry",
    "level",
    "available_quota",
    "budget",
    "discount",
    "status",
    "mobile",
    "email",
]


def profile(customer: Customer, rng: random.Random) -> None:
    """Fill the Customer Management fields of one customer (in memory)."""
    today = timezone.localdate()
    customer.association_date = today - timedelta(days=rng.randint(0, 3 * 365))
    customer.industry = rng.choice(Industry.values)
    customer.level = rng.choice(CustomerLevel.values)
    customer.available_quota = Decimal(rng.randint(0, 50_000_000)).scaleb(-2)
    customer.budget = Decimal(rng.randint(1, 2000) * 1000) if rng.random() < 0.6 else None
    customer.discount = Decimal(rng.choice([0, 0, 500, 800, 1000, 1500, 2000])).scaleb(-4)
    roll = rng.random()
    customer.status = (
        CustomerStatus.DISASSOCIATED
        if roll < 0.05
        else CustomerStatus.DISASSOCIATION_REQUESTED
        if roll < 0.1
        else CustomerStatus.ASSOCIATED
    )
    customer.mobile = f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"
    customer.email = f"{customer.account.replace('_', '.')}@{rng.choice(MAIL_DOMAINS)}"


def chinese_name(number: int, rng: random.Random) -> str:
    if number % 5 == 0:  # some are people, not companies
        return rng.choice(CN_FAMILY) + rng.choice(["伟", "芳", "敏", "静", "磊", "洋", "婷", "强"])
    return rng.choice(CN_PLACES) + rng.choice(CN_NAMES) + rng.choice(CN_KINDS)


def seed_customers(seed: int = 2026, companies: int | None = None) -> int:
    """Profiles for every demo customer still without one, the Chinese reseller's customers and the
    enterprise encyclopedia (`companies` entries, DEMO_COMPANIES by default). Returns how many
    customers got a profile."""
    rng = random.Random(seed + 16)
    partner = Partner.objects.filter(code=CHINESE_PARTNER).first()
    if partner is not None and not Customer.objects.filter(partner=partner).exists():
        Customer.objects.bulk_create(
            Customer(
                partner=partner,
                name=chinese_name(number, rng),
                account=f"hwc_{CHINESE_PARTNER.lower()}_{number:05d}",
                association_type=AssociationType.RESALE if number % 3 else AssociationType.REFERRAL,
                account_manager=rng.choice(["陈静", "王磊", "刘洋"]),
            )
            for number in range(1, CHINESE_CUSTOMERS + 1)
        )
    pending = list(Customer.objects.filter(mobile="").order_by("pk"))
    for customer in pending:
        profile(customer, rng)
    Customer.objects.bulk_update(pending, PROFILE_FIELDS, batch_size=1000)
    _demo_authorisation()
    _demo_resources(rng)
    seed_encyclopedia(settings.DEMO_COMPANIES if companies is None else companies, seed)
    from .demo_labels import seed_certifications

    seed_certifications()  # Capabilities > Capability certification
    return len(pending)


SERVICES = [
    ("ECS", "s6.large.2"),
    ("ECS", "c7.xlarge.4"),
    ("RDS", "MySQL 8.0 2 vCPUs 8 GB"),
    ("OBS", "Standard"),
]
REGIONS = ["cn-north-4", "cn-east-3", "cn-south-1", "ap-southeast-1"]


def _demo_resources(rng: random.Random) -> None:
    """0-4 resources per demo customer, pay-per-use or yearly/monthly, some expiring soon."""
    if Resource.objects.exists():
        return
    today = timezone.localdate()
    made = []
    for customer in Customer.objects.filter(partner__code__in=["P1001", "P2001", CHINESE_PARTNER]).order_by(
        "pk"
    ):
        for _n in range(rng.randint(0, 4)):
            service, spec = rng.choice(SERVICES)
            yearly = rng.random() < 0.6
            start = today - timedelta(days=rng.randint(30, 700))
            made.append(
                Resource(
                    partner_id=customer.partner_id,
                    customer=customer,
                    service=service,
                    specification=spec,
                    region=rng.choice(REGIONS),
                    billing_mode=BillingMode.YEARLY_MONTHLY if yearly else BillingMode.PAY_PER_USE,
                    start=start,
                    expiry=today + timedelta(days=rng.randint(-5, 365)) if yearly else None,
                    auto_renew=yearly and rng.random() < 0.3,
                    monthly_spend=Decimal(rng.randint(1_000, 2_000_000)).scaleb(-2),
                )
            )
    Resource.objects.bulk_create(made, batch_size=1000)


def _demo_authorisation() -> None:
    """Demo Reseller's request for one of its resale customers, waiting for Demo Distributor."""
    reseller_admin = get_user_model().objects.filter(username="reseller-admin").first()
    if reseller_admin is None or Authorisation.objects.exists():
        return
    customer = (
        Customer.objects.filter(
            partner__code="P2001", association_type=AssociationType.RESALE, status=CustomerStatus.ASSOCIATED
        )
        .order_by("pk")
        .first()
    )
    if customer is not None:
        authorisation_request(
            user=reseller_admin, customer_id=customer.pk, accept_commitment=True, notes="Order ECS for Q1."
        )
