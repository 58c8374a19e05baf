"""Database upkeep after bulk loads."""

from django.db import connection


def vacuum_analyze(*models) -> None:
    """VACUUM ANALYZE the models' tables on PostgreSQL, after a bulk load.

    Autovacuum gets there eventually; until it does, the planner works from stale statistics
    and index-only scans visit the heap, and the pages are several times slower than they
    will be in a settled database. Nothing to do on SQLite, or inside a transaction.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
