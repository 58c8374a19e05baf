"""The operation log: one append-only record per issue or recall, successful or failed.

A failed operation is rolled back, so its record is written afterwards in a transaction of its
own; `failures_logged` does that for every domain error but Forbidden (a role that may not act
has operated nothing).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from partner_center.errors import DomainError, Forbidden

from ..models import OperationRecord, OperationResult

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from customers.models import Customer

    from ..models import Voucher, VoucherQuota


@dataclass
class Attempt:
    """What is known of an operation so far, filled in as the service finds it out."""

    partner_id: int | None
    operation: str
    operator: "User | None"
    customer: "Customer | None" = None
    quota: "VoucherQuota | None" = None
    voucher: "Voucher | None" = None
    amount: Decimal | None = None
    extra: dict = field(default_factory=dict)


def log(attempt: Attempt, result: str, message: str = "") -> OperationRecord:
    assert attempt.partner_id is not None
    customer, quota, voucher = attempt.customer, attempt.quota, attempt.voucher
    return OperationRecord.objects.create(
        partner_id=attempt.partner_id,
        operation=attempt.operation,
        result=result,
        customer=customer,
        customer_name=getattr(customer, "name", ""),
        quota=quota,
        quota_number=getattr(quota, "number", ""),
        voucher=voucher,
        voucher_number=getattr(voucher, "number", ""),
        amount=attempt.amount,
        operator=attempt.operator,
        operator_label=attempt.operator.get_username() if attempt.operator is not None else _("System"),
        message=message,
    )


def succeeded(attempt: Attempt, message: str = "") -> OperationRecord:
    return log(attempt, OperationResult.SUCCEEDED, message)


@contextmanager
def failures_logged(attempt: Attempt) -> Iterator[Attempt]:
    try:
        yield attempt
    except Forbidden:
        raise
    except DomainError as error:
        if attempt.partner_id is not None:
            with transaction.atomic():
                log(attempt, OperationResult.FAILED, error.message)
        raise
