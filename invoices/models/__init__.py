"""The invoices app's models, one module per topic; import them from here.

Payment requests (issue 14): payees.py, holds.py, payments.py. Invoice requests (issue 15):
invoice_info.py (the invoice-information template, resale orders), invoice_requests.py. Offline
contracts (Sales > Billing > Contracts): contracts.py.
"""

from .contracts import ContractDiscount, OfflineContract
from .holds import Arrears, Hold, HoldSource
from .invoice_info import InvoiceProfile, ResaleOrder, TitleType
from .invoice_requests import (
    InvoiceKind,
    InvoiceMedium,
    InvoiceRequest,
    InvoiceRequestEvent,
    InvoiceRequestOrder,
    InvoiceRequestStatus,
    RequestBasis,
)
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
    "InvoiceKind",
    "InvoiceMedium",
    "InvoiceProfile",
    "InvoiceRequest",
    "InvoiceRequestEvent",
    "InvoiceRequestOrder",
    "InvoiceRequestStatus",
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
    "RequestBasis",
    "ResaleOrder",
    "TitleType",
]
