"""The invoices app's models, one module per topic; import them from here.

Payment requests (issue 14): payees.py, holds.py, payments.py. Offline contracts (Sales >
Billing > Contracts): contracts.py. Invoice requests join later.
"""

from .contracts import ContractDiscount, OfflineContract
from .holds import Arrears, Hold, HoldSource
from .payees import PayeeEvent, PayeeProfile, PayeeStatus
from .payments import (
    InvoiceStatus,
    PaymentEvent,
    PaymentInvoice,
    PaymentOption,
    PaymentRequest,
    PaymentRequestItem,
    PaymentStatus,
)

__all__ = [
    "Arrears",
    "ContractDiscount",
    "OfflineContract",
    "Hold",
    "HoldSource",
    "InvoiceStatus",
    "PayeeEvent",
    "PayeeProfile",
    "PayeeStatus",
    "PaymentEvent",
    "PaymentInvoice",
    "PaymentOption",
    "PaymentRequest",
    "PaymentRequestItem",
    "PaymentStatus",
]
