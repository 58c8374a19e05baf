"""On PostgreSQL: the list's text filters through indexes, so their counts stay fast at 100,000
customers. Names and account managers match any part (a trigram index on UPPER(), the
expression Django's icontains filters on); accounts match by their start (a pattern index on
UPPER(account) after the partner). Other databases scan, which is fine at their sizes."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS customer_name_trgm ON customers_customer USING gin (UPPER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS customer_manager_trgm ON customers_customer"
    " USING gin (UPPER(account_manager) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS customer_account_prefix ON customers_customer"
    " (partner_id, UPPER(account) text_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS customer_name_trgm",
    "DROP INDEX IF EXISTS customer_manager_trgm",
    "DROP INDEX IF EXISTS customer_account_prefix",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("customers", "0003_customer_management")]
    operations = [migrations.RunPython(create, drop)]
