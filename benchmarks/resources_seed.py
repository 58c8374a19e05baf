"""Bulk resources for the benchmarks: a partner's customers get `count` resources in all (kept for
reruns, topped up), spread evenly over them; about 70 % yearly/monthly with expiries from 30 days
ago to a year ahead (so every renewal window holds some), the rest pay-per-use.

On PostgreSQL one INSERT ... SELECT over generate_series per million (the database writes the
rows itself, no model instances); elsewhere bulk_create in batches. Resource number n (1-based)
is a pure function of n, so a top-up continues the same sequence.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from customers.models import Customer, Partner, Resource

SERVICES = ["ECS", "RDS", "OBS", "CCE", "DCS", "ELB", "CDN", "GaussDB"]
REGIONS = ["cn-north-4", "cn-east-3", "cn-south-1", "ap-southeast-1"]
CHUNK = 1_000_000  # rows a statement (PostgreSQL)
BATCH = 10_000  # rows a bulk_create (others)


def seed_resources(partner: Partner, count: int) -> int:
    """Top the partner's resources up to `count`; returns how many were created."""
    have = Resource.objects.filter(partner=partner).count()
    if have >= count:
        return 0
    ids = list(Customer.objects.filter(partner=partner).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            for start in range(have + 1, count + 1, CHUNK):
                _insert_sql(partner, start, min(start + CHUNK - 1, count))
        else:
            for start in range(have + 1, count + 1, BATCH):
                numbers = range(start, min(start + BATCH, count + 1))
                Resource.objects.bulk_create(_resource(partner, ids, n) for n in numbers)
    return count - have


def _resource(partner: Partner, ids: list[int], n: int) -> Resource:
    """Resource number n, as the SQL below writes it."""
    today = timezone.localdate()
    yearly = n % 10 < 7
    return Resource(
        partner=partner, customer_id=ids[n % len(ids)], service=SERVICES[n % 8],
        specification=f"s6.large.{n % 4 + 1}", region=REGIONS[(n // 7) % 4],
        billing_mode="yearly_monthly" if yearly else "pay_per_use", start=today - timedelta(days=n % 700),
        expiry=today + timedelta(days=(n * 7919) % 400 - 30) if yearly else None,
        auto_renew=n % 3 == 0, monthly_spend=Decimal((n * 37) % 100_000) / 100,
    )  # fmt: skip


def _insert_sql(partner: Partner, first: int, last: int) -> None:
    table = Resource._meta.db_table
    customers = Customer._meta.db_table
    sql = f"""
        WITH ids AS (
            SELECT array_agg(id ORDER BY id) AS a, count(*) AS n FROM {customers} WHERE partner_id = %s
        )
        INSERT INTO {table} (partner_id, customer_id, service, specification, region, billing_mode,
                             start, expiry, auto_renew, monthly_spend)
        SELECT %s, ids.a[1 + g %% ids.n], (%s::text[])[1 + g %% 8], 's6.large.' || (g %% 4 + 1),
               (%s::text[])[1 + (g / 7) %% 4],
               CASE WHEN g %% 10 < 7 THEN 'yearly_monthly' ELSE 'pay_per_use' END,
               %s::date - (g %% 700),
               CASE WHEN g %% 10 < 7 THEN %s::date + ((g::bigint * 7919) %% 400 - 30)::int END,
               g %% 3 = 0, ((g::bigint * 37) %% 100000) / 100.0
        FROM ids, generate_series(%s::int, %s::int) AS g
    """  # noqa: S608  (table names from the models; every value is a parameter)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(sql, [partner.pk, partner.pk, SERVICES, REGIONS, today, today, first, last])
