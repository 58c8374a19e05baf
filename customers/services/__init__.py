"""Customer writes, one module per topic; each raises only partner_center.errors."""
