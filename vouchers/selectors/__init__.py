"""Partner-scoped reads of the voucher module."""
