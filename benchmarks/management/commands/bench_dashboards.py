from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from benchmarks.timing import reference_cases, report_rows, time_interleaved
from dashboards.models import CustomerStat, IncentiveRollup, IndicatorValue
from incentives.models import DetailLine


class Command(BaseCommand):
    help = (
        "Benchmark the incentive and customer dashboards, Customer alerts and the indicator list on the "
        "demo data (run `seed_demo --details 1000000` first), as demo-admin and as demo-sales: p50/p95 "
        "server time over --runs requests, interleaved with the signed-in shell."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=100)

    def handle(self, *args, runs, **options):
        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        self.stdout.write(
            f"detail lines: {DetailLine.objects.count():,}; incentive rollup rows: "
            f"{IncentiveRollup.objects.count():,}; customer figures: {CustomerStat.objects.count():,}; "
            f"indicator values: {IndicatorValue.objects.count():,}"
        )
        users = get_user_model().objects
        anonymous, admin, sales = Client(), Client(), Client()
        admin.force_login(users.get(username="demo-admin"))
        sales.force_login(users.get(username="demo-sales"))
        cases = [
            *reference_cases(anonymous, admin),
            ("incentive dashboard (admin)", admin, ["/dashboards/incentives/"]),
            ("incentive dashboard, one manager", admin, ["/dashboards/incentives/?manager=Li+Wei"]),
            ("incentive dashboard (sales)", sales, ["/dashboards/incentives/"]),
            ("customer dashboard (admin)", admin, ["/dashboards/customers/"]),
            ("customer alerts (admin)", admin, ["/customers/alerts/"]),
            ("indicator list (admin)", admin, ["/incentives/indicators/"]),
        ]
        results = time_interleaved(cases, runs)
        self.stdout.write(f"{runs} requests each, interleaved, server time (in-process):")
        self.stdout.write(report_rows(results))
