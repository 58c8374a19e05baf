"""The invoices app's models, one module per topic; import them from here.

Payment requests (issue 14): payees.py, holds.py, payments.py. Invoice requests join later.
"""

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
