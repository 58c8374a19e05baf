"""Details: fill LineTotal from the existing lines; on PostgreSQL also an index for
case-insensitive order ID prefixes and an append-only guard on the feedback thread."""

from django.db import migrations
from django.db.models import Count, F, Sum

KEY = (
    "partner_id",
    "period_id",
    "incentive_id",
    "program_id",
    "customer_id",
    "product_type",
    "tier2_reseller_id",
    "account_manager",
    "feedback_status",
)

POSTGRES = """
CREATE INDEX line_period_order_upper ON incentives_detailline
    (partner_id, period_id, (UPPER(order_id::text)) text_pattern_ops);
CREATE OR REPLACE FUNCTION incentives_feedbackmessage_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'incentives_feedbackmessage is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER feedbackmessage_append_only
    BEFORE UPDATE OR DELETE ON incentives_feedbackmessage
    FOR EACH ROW EXECUTE FUNCTION incentives_feedbackmessage_append_only();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS feedbackmessage_append_only ON incentives_feedbackmessage;
DROP FUNCTION IF EXISTS incentives_feedbackmessage_append_only();
DROP INDEX IF EXISTS line_period_order_upper;
"""


def fill_line_totals(apps, schema_editor):
    DetailLine = apps.get_model("incentives", "DetailLine")
    LineTotal = apps.get_model("incentives", "LineTotal")
    groups = (
        DetailLine.objects.order_by()
        .values(*KEY, statement=F("incentive__statement_id"))
        .annotate(lines=Count("id"), total=Sum("amount"))
    )
    batch = []
    for group in groups.iterator(chunk_size=5000):
        batch.append(
            LineTotal(
                statement_id=group["statement"],
                line_count=group["lines"],
                amount=group["total"],
                **{name: group[name] for name in KEY},
            )
        )
        if len(batch) == 5000:
            LineTotal.objects.bulk_create(batch)
            batch = []
    LineTotal.objects.bulk_create(batch)


def empty_line_totals(apps, schema_editor):
    apps.get_model("incentives", "LineTotal").objects.all().delete()


def postgres_only(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("incentives", "0005_details_feedback")]
    operations = [
        migrations.RunPython(fill_line_totals, empty_line_totals),
        migrations.RunPython(postgres_only(POSTGRES), postgres_only(POSTGRES_REVERSE)),
    ]
