"""Sales > Customers > Voucher management: quotas, issue, a voucher's page, the operation log."""
