"""Voucher fixtures: a quota granted to the distributor, its customers and a rival's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from vouchers.models import VoucherQuota
from vouchers.services.issue import voucher_issue


def quota_for(partner, amount="1000.00", scope="ECS, OBS", days=180, number=None):
    today = timezone.localdate()
    extra = {"number": number} if number else {}
    return VoucherQuota.objects.create(
        partner=partner, amount=Decimal(amount), valid_from=today - timedelta(days=1),
        valid_until=today + timedelta(days=days), product_scope=scope, **extra,
    )  # fmt: skip


def issued(user, quota, customer, amount="100.00", days=30, scope=""):
    return voucher_issue(
        actor=user, quota_id=quota.pk, customer_id=customer.pk, amount=amount,
        valid_until=timezone.localdate() + timedelta(days=days), product_scope=scope,
    )  # fmt: skip


@pytest.fixture
def vouchers_setup(partner_setup):
    distributor = partner_setup["distributor"]
    return {
        **partner_setup,
        "quota": quota_for(distributor, number="VQTEST1"),
        "customer": factories.CustomerFactory(partner=distributor, name="Acme Cloud", account="acme"),
        "other_customer": factories.CustomerFactory(partner=distributor, name="Beta Data", account="beta"),
        "reseller_customer": factories.CustomerFactory(partner=partner_setup["reseller"], account="resold"),
        "rival_customer": factories.CustomerFactory(partner=partner_setup["rival"], account="rival"),
        "operator": factories.UserFactory(username="voucher-operator", is_staff=True),
    }
