"""Vouchers (代金券): quotas the vendor grants, vouchers issued to customers, recalls, the
append-only operation log and its export."""
