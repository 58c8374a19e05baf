"""Voucher models, one module per topic."""

from .quotas import VoucherQuota
from .records import Operation, OperationRecord, OperationResult
from .vouchers import Voucher, VoucherStatus

__all__ = ["Operation", "OperationRecord", "OperationResult", "Voucher", "VoucherQuota", "VoucherStatus"]
