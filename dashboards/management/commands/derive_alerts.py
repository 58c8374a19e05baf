from django.core.management.base import BaseCommand

from dashboards.services.alerts import alerts_derive
from dashboards.services.customer_stats import customer_stats_refresh_all


class Command(BaseCommand):
    help = "Derive today's customer alerts (what the daily beat job does); a rerun creates nothing twice."

    def add_arguments(self, parser):
        parser.add_argument("--with-figures", action="store_true", help="also refresh the customer dashboard")

    def handle(self, *args, with_figures=False, **options):
        if with_figures:
            self.stdout.write(f"customer figures: {customer_stats_refresh_all()} rows")
        self.stdout.write(f"alerts raised: {alerts_derive()}")
