"""Voucher demo data for `seed_demo` (called from incentives/demo/seed.py): Demo Distributor's
quotas, vouchers active, partly used and recalled, and a log with every operation type and a
failed issue. Built through the services, so every figure and record is what the portal writes.
Idempotent: nothing is added when the partner already has voucher quotas.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from customers.models import Customer, Partner
from partner_center.errors import DomainError

from .models import Operation, Voucher, VoucherQuota
from .policies import SYSTEM_RECALLS
from .services.issue import voucher_issue
from .services.recall import (
    voucher_recall,
    voucher_record_usage,
    voucher_system_recall,
    vouchers_recall_expired,
)


def seed_vouchers(partner: Partner) -> None:
    if VoucherQuota.objects.filter(partner=partner).exists():
        return
    admin, sales = User.objects.get(username="demo-admin"), User.objects.get(username="demo-sales")
    today = timezone.localdate()
    customers = list(Customer.objects.filter(partner=partner, status="associated").order_by("pk")[:6])
    if not customers:
        return
    main = VoucherQuota.objects.create(
        partner=partner, number="VQ2026DEMO01", amount=Decimal("50000.00"), product_scope="ECS, OBS, RDS",
        valid_from=today - timedelta(days=60), valid_until=today + timedelta(days=300),
    )  # fmt: skip
    VoucherQuota.objects.create(
        partner=partner, number="VQ2026DEMO02", amount=Decimal("8000.00"), product_scope="",
        valid_from=today - timedelta(days=10), valid_until=today + timedelta(days=120),
    )  # fmt: skip

    def issue(n: int, amount: str, days: int = 90, scope: str = "", user: User = admin) -> Voucher:
        return voucher_issue(
            actor=user, quota_id=main.pk, customer_id=customers[n % len(customers)].pk, amount=amount,
            valid_until=today + timedelta(days=days), product_scope=scope,
        )  # fmt: skip

    issue(0, "5000.00", scope="ECS")
    used = issue(1, "3000.00", user=sales)
    voucher_record_usage(voucher_id=used.pk, used_amount="1250.50")
    manual = issue(2, "1200.00")
    voucher_record_usage(voucher_id=manual.pk, used_amount="200.00")
    voucher_recall(actor=admin, voucher_id=manual.pk, reason="Issued to the wrong customer")
    for n, operation in enumerate(SYSTEM_RECALLS):
        voucher = issue(n + 3, f"{300 + 50 * n}.00")
        if operation == Operation.RECALL_EXPIRY:
            Voucher.objects.filter(pk=voucher.pk).update(valid_until=today - timedelta(days=1))
            vouchers_recall_expired(today=today)
        else:
            voucher_system_recall(voucher_id=voucher.pk, operation=operation, reason="Reported by billing")
    try:
        issue(0, "99999.00")  # more than the quota's remaining amount: a failed record
    except DomainError:
        pass
