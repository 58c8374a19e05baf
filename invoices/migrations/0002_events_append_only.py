"""On PostgreSQL the payment and payee audit trails refuse UPDATE and DELETE in the database itself."""

from django.db import migrations

TABLES = ("invoices_paymentevent", "invoices_payeeevent")


def _create(table):
    return f"""
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(_create(table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_append_only();")


class Migration(migrations.Migration):
    dependencies = [("invoices", "0001_payment_requests")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
