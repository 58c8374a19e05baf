"""Quota arithmetic to the cent across an issue and every recall type; refusals change nothing
and are logged; the log is append-only; the expiry job run twice recalls once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from customers.services.disassociation import disassociation_approve, disassociation_request
from partner_center.errors import Conflict, Forbidden, InvalidInput
from vouchers.models import Operation, OperationRecord, Voucher, VoucherStatus
from vouchers.policies import SYSTEM_RECALLS
from vouchers.services.recall import (
    voucher_recall,
    voucher_record_usage,
    voucher_system_recall,
    vouchers_recall_expired,
)

from .conftest import issued

pytestmark = pytest.mark.django_db
D = Decimal


def figures(quota):
    quota.refresh_from_db()
    return quota.issued_amount, quota.recalled_amount, quota.used_amount, quota.remaining_amount


def test_issue_takes_the_amount_from_the_quota_to_the_cent(vouchers_setup):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "333.33")
    issued(s["sales"], s["quota"], s["other_customer"], "0.01")
    assert figures(s["quota"]) == (D("333.34"), D("0"), D("333.34"), D("666.66"))
    assert voucher.status == VoucherStatus.ACTIVE and voucher.product_scope == "ECS, OBS"
    record = OperationRecord.objects.get(voucher=voucher)
    assert (record.operation, record.result, record.amount) == (Operation.ISSUE, "succeeded", D("333.33"))
    assert (record.customer_name, record.quota_number, record.operator_label) == (
        "Acme Cloud",
        "VQTEST1",
        s["admin"].username,
    )


@pytest.mark.parametrize("operation", [Operation.MANUAL_RECALL, *SYSTEM_RECALLS])
def test_every_recall_returns_the_unused_amount(vouchers_setup, operation):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "250.55")
    voucher_record_usage(voucher_id=voucher.pk, used_amount="100.10")
    if operation == Operation.MANUAL_RECALL:
        result = voucher_recall(actor=s["sales"], voucher_id=voucher.pk, reason="wrong customer")
    else:
        result = voucher_system_recall(voucher_id=voucher.pk, operation=operation)
    assert result.changed
    voucher.refresh_from_db()
    assert (voucher.status, voucher.recall_operation, voucher.returned_amount) == (
        "recalled",
        operation,
        D("150.45"),
    )
    assert figures(s["quota"]) == (D("250.55"), D("150.45"), D("100.10"), D("899.90"))
    record = OperationRecord.objects.get(voucher=voucher, operation=operation)
    assert record.result == "succeeded" and record.amount == D("150.45")
    expected = s["sales"].username if operation == Operation.MANUAL_RECALL else "System"
    assert record.operator_label == expected


def test_a_repeated_recall_is_a_no_op_that_returns_nothing_twice(vouchers_setup):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "100.00")
    assert voucher_recall(actor=s["admin"], voucher_id=voucher.pk).changed
    assert not voucher_recall(actor=s["admin"], voucher_id=voucher.pk).changed
    assert not voucher_system_recall(
        voucher_id=voucher.pk, operation=Operation.RECALL_REFUND_REVERSAL
    ).changed
    assert figures(s["quota"])[3] == D("1000.00")
    assert OperationRecord.objects.filter(voucher=voucher).count() == 2  # the issue and one recall


def test_the_expiry_job_run_twice_recalls_once(vouchers_setup):
    s = vouchers_setup
    old = issued(s["admin"], s["quota"], s["customer"], "40.00", days=1)
    live = issued(s["admin"], s["quota"], s["customer"], "60.00", days=10)
    later = timezone.localdate() + timedelta(days=2)
    assert vouchers_recall_expired(today=later) == 1
    assert vouchers_recall_expired(today=later) == 0
    assert Voucher.objects.get(pk=old.pk).recall_operation == Operation.RECALL_EXPIRY
    assert Voucher.objects.get(pk=live.pk).status == VoucherStatus.ACTIVE
    assert OperationRecord.objects.filter(operation=Operation.RECALL_EXPIRY).count() == 1
    assert figures(s["quota"])[3] == D("940.00")


def test_unbinding_a_customer_recalls_its_vouchers(vouchers_setup):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "70.00")
    disassociation_request(user=s["admin"], customer_id=s["customer"].pk, reason="moved away")
    disassociation_approve(customer_id=s["customer"].pk, actor=s["operator"])
    voucher.refresh_from_db()
    assert voucher.recall_operation == Operation.RECALL_UNBINDING
    assert (
        OperationRecord.objects.get(operation=Operation.RECALL_UNBINDING).operator_label == "voucher-operator"
    )
    assert figures(s["quota"])[3] == D("1000.00")


@pytest.mark.parametrize(
    ("change", "error", "code"),
    [
        ({"amount": "1000.01"}, Conflict, "quota_short"),
        ({"customer": "rival_customer"}, InvalidInput, "not_your_customer"),
        ({"customer": "reseller_customer"}, InvalidInput, "not_your_customer"),
        ({"scope": "RDS"}, InvalidInput, "invalid"),
        ({"days": 400}, InvalidInput, "invalid"),
        ({"amount": "1.001"}, InvalidInput, "invalid"),
    ],
)
def test_a_refused_issue_changes_nothing_and_is_logged_as_failed(vouchers_setup, change, error, code):
    s = vouchers_setup
    customer = s[change.get("customer", "customer")]
    with pytest.raises(error) as refused:
        issued(
            s["admin"],
            s["quota"],
            customer,
            change.get("amount", "10.00"),
            change.get("days", 30),
            change.get("scope", ""),
        )
    assert refused.value.code == code
    assert figures(s["quota"]) == (D("0"), D("0"), D("0"), D("1000.00"))
    assert not Voucher.objects.exists()
    record = OperationRecord.objects.get()
    assert (record.result, record.operation, record.quota_number, record.voucher_number) == (
        "failed",
        "issue",
        "VQTEST1",
        "",
    )
    assert record.message == refused.value.message
    if change.get("customer") in ("rival_customer", "reseller_customer"):
        assert record.customer_id is None and record.customer_name == ""  # not named in the partner's log
    else:
        assert record.customer_name == customer.name


def test_the_last_cent_can_be_issued_and_no_more(vouchers_setup):
    s = vouchers_setup
    issued(s["admin"], s["quota"], s["customer"], "999.99")
    issued(s["admin"], s["quota"], s["customer"], "0.01")
    with pytest.raises(Conflict):
        issued(s["admin"], s["quota"], s["customer"], "0.01")
    assert figures(s["quota"])[3] == D("0.00")


def test_roles_without_the_capability_are_refused_and_not_logged(vouchers_setup):
    s = vouchers_setup
    with pytest.raises(Forbidden):
        issued(s["finance"], s["quota"], s["customer"])
    voucher = issued(s["admin"], s["quota"], s["customer"])
    with pytest.raises(Forbidden):
        voucher_recall(actor=s["viewer"], voucher_id=voucher.pk)
    assert OperationRecord.objects.count() == 1


def test_the_operation_log_is_never_updated_or_deleted(vouchers_setup):
    s = vouchers_setup
    issued(s["admin"], s["quota"], s["customer"])
    record = OperationRecord.objects.get()
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        OperationRecord.objects.update(result="failed")
    with pytest.raises(ValueError):
        record.delete()
    if connection.vendor == "postgresql":  # and the database refuses it too
        from django.db import InternalError, transaction

        with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE vouchers_operationrecord SET result = 'failed'")
    assert OperationRecord.objects.get().result == "succeeded"
