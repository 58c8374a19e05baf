"""seed_demo gives Demo Distributor quotas, vouchers in every state and a log with every
operation type and a failed issue, and running it again adds nothing."""

import pytest

from incentives.demo import seed_demo
from vouchers.models import Operation, OperationRecord, Voucher, VoucherQuota, VoucherStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state_and_operation_type():
    seed_demo(details=60)
    records = OperationRecord.objects.filter(partner__code="P1001")
    assert set(records.values_list("operation", flat=True)) == set(Operation.values)
    assert records.filter(result="failed").exists()
    vouchers = Voucher.objects.filter(partner__code="P1001")
    assert set(vouchers.values_list("status", flat=True)) == set(VoucherStatus.values)
    assert vouchers.filter(status="active", used_amount__gt=0).exists()
    count = records.count()
    seed_demo(details=60)
    assert OperationRecord.objects.filter(partner__code="P1001").count() == count
    assert VoucherQuota.objects.filter(partner__code="P1001").count() == 2
