"""Data access layer: write services, one module per topic (see README, "Where things live")."""
