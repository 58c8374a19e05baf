"""On PostgreSQL: two-character parts of names (common in Chinese: 云帆, 华为) through an index.
A trigram index cannot serve a search shorter than three characters, so the name's distinct
upper-case character pairs are indexed too (GIN on an IMMUTABLE function's tsvector; lexemes
built from an array, no text-search parser). customers/filters/companies.py asks it."""

from django.db import migrations

CREATE = [
    """
CREATE OR REPLACE FUNCTION customers_bigrams(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT substr(upper(t), i, 2) FROM generate_series(1, greatest(length(t) - 1, 0)) AS i
    ))
$$
""",
    "CREATE INDEX IF NOT EXISTS company_name_bigrams ON customers_company USING gin (customers_bigrams(name))",
]
DROP = ["DROP INDEX IF EXISTS company_name_bigrams", "DROP FUNCTION IF EXISTS customers_bigrams(text)"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("customers", "0009_prospecting")]
    operations = [migrations.RunPython(create, drop)]
