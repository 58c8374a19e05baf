"""On PostgreSQL the voucher operation log refuses UPDATE and DELETE in the database itself."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION vouchers_operationrecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'vouchers_operationrecord is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER operationrecord_append_only
    BEFORE UPDATE OR DELETE ON vouchers_operationrecord
    FOR EACH ROW EXECUTE FUNCTION vouchers_operationrecord_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS operationrecord_append_only ON vouchers_operationrecord;
DROP FUNCTION IF EXISTS vouchers_operationrecord_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("vouchers", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
