"""The operators' admin of vouchers: quotas granted, vouchers (with the system's recalls), the log."""

from . import quotas, records, vouchers  # noqa: F401
