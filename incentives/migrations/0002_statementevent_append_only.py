"""On PostgreSQL the audit trail refuses UPDATE and DELETE in the database itself."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION incentives_statementevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'incentives_statementevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER statementevent_append_only
    BEFORE UPDATE OR DELETE ON incentives_statementevent
    FOR EACH ROW EXECUTE FUNCTION incentives_statementevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS statementevent_append_only ON incentives_statementevent;
DROP FUNCTION IF EXISTS incentives_statementevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("incentives", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
