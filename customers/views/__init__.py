"""Sales > Customers pages, one module per menu entry. Thin: selectors read, services write."""
