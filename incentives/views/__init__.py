"""Partner pages of Incentive Management, one module per menu entry. Thin: selectors read, services write."""
