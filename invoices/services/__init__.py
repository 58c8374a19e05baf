"""Every write of the invoices app, one module per topic."""
