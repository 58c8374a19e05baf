"""Customer Management demo data: each demo customer's profile (association date, industry,
level, quota, discount, status, contacts), and Chinese customers for the Chinese reseller.

Idempotent: a customer is given a profile once (while it has no mobile), and the Chinese
customers are created once, by account. Deterministic for a given seed.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import (
    AssociationType,
    Authorisation,
    Customer,
    CustomerLevel,
    CustomerStatus,
    Industry,
    Partner,
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


def seed_customers(seed: int = 2026) -> int:
    """Profiles for every demo customer still without one, and the Chinese reseller's customers.
    Returns how many customers got a profile."""
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
    return len(pending)


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
