import time

from django.core.management.base import BaseCommand, CommandError

from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import DetailLine, Incentive, LineTotal, Statement
from partner_center.maintenance import vacuum_analyze


class Command(BaseCommand):
    help = "Create the demo partners, users, programs, periods, bills and N detail lines (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of every demo user")
        parser.add_argument("--details", type=int, default=3000, help="detail lines to create (default 3000)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")
        parser.add_argument(
            "--companies",
            type=int,
            default=None,
            help="enterprise encyclopedia size (default DEMO_COMPANIES, 50,000)",
        )

    def handle(self, *args, password, details, seed, companies, **options):
        if details < 0 or (companies is not None and companies < 0):
            raise CommandError("--details and --companies must be zero or more.")
        started = time.perf_counter()
        report = seed_demo(password=password, details=details, seed=seed, companies=companies)
        elapsed = time.perf_counter() - started
        if report.lines_created:
            vacuum_analyze(DetailLine, LineTotal, Incentive, Statement)
            seconds = report.lines_seconds
            self.stdout.write(
                f"Created {report.lines_created:,} detail lines in {seconds:.1f} s "
                f"({report.lines_created / seconds:,.0f} lines/s); whole seed {elapsed:.1f} s."
            )
        else:
            self.stdout.write("Demo detail lines already present; created none.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {report.statements} bills, {report.lines_total:,} detail lines."
            )
        )
