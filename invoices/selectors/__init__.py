"""Every partner-facing read of the invoices app, scoped to the user's partner."""
