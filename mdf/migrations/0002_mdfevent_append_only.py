"""On PostgreSQL the MDF audit trail refuses UPDATE and DELETE in the database itself."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION mdf_mdfevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'mdf_mdfevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER mdfevent_append_only
    BEFORE UPDATE OR DELETE ON mdf_mdfevent
    FOR EACH ROW EXECUTE FUNCTION mdf_mdfevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS mdfevent_append_only ON mdf_mdfevent;
DROP FUNCTION IF EXISTS mdf_mdfevent_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("mdf", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
