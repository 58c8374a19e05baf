"""Every write of the voucher module: issue, recall (nine operation types), usage, the log."""
