import random
from decimal import Decimal
from time import perf_counter

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from benchmarks.timing import reference_cases, report_rows, time_interleaved
from customers.models import Customer, Partner
from incentives.demo.generator import (
    bill_incentives,
    bulk_customers,
    month_period,
    partner_user,
    program_with_rates,
)
from incentives.models import (
    DetailLine,
    Incentive,
    IncentiveProgram,
    LineTotal,
    ProgramRate,
    ReconciliationPeriod,
    Statement,
)
from incentives.services.figures import detail_lines_add
from incentives.services.statements import statement_confirm, statement_publish
from incentives.views.summary import SUMMARY_PAGE_SIZE
from partner_center.maintenance import vacuum_analyze

PARTNER_CODE = "BENCH"
PROGRAMS = 100
API_PAGE_SIZE = 50  # REST_FRAMEWORK["PAGE_SIZE"]


class Command(BaseCommand):
    help = (
        "Benchmark the Summary and incentive pages: a partner with --incentives incentives among --lines "
        "detail lines; p50/p95 server time over --runs requests next to the login page's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--incentives", type=int, default=5000, help="multiple of 100 (default 5000)")
        parser.add_argument("--lines", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=100)

    def handle(self, *args, incentives, lines, runs, **options):
        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        user = self._bench_data(incentives, lines)
        self._measure(user, runs)

    def _bench_data(self, incentive_count, line_count):
        partner, created = Partner.objects.get_or_create(
            code=PARTNER_CODE, defaults={"name": "Bench Partner", "kind": "direct"}
        )
        user = partner_user("bench-admin", partner=partner, role="admin", password="bench-pass-2026")
        existing = Incentive.objects.filter(statement__partner=partner).count()
        if existing:
            lines = DetailLine.objects.filter(partner=partner).count()
            self.stdout.write(f"reusing bench partner: {existing:,} incentives, {lines:,} lines")
            return user
        started = perf_counter()
        periods = bench_periods(incentive_count // PROGRAMS)
        programs = bench_programs()
        customers = bulk_customers(
            partner, 200, name="Bench Customer {}".format, account="bench{n:05d}",
            association_type="resale", account_manager="Bench AM",
        )  # fmt: skip
        incentives = [
            incentive for period in periods for incentive in bill_incentives(partner, period, programs)
        ]
        rng = random.Random(3)

        def generate():
            for number in range(line_count):
                incentive = incentives[number % len(incentives)]
                yield DetailLine(
                    incentive=incentive,
                    order_id=f"BN{number:012d}",
                    customer=customers[number % len(customers)],
                    product_type="ECS",
                    revenue=Decimal(rng.randint(100, 1_000_000)).scaleb(-2),
                    rate=Decimal("0.0525"),
                )

        detail_lines_add(lines=generate())
        for number, statement in enumerate(partner.statements.all()):
            statement_publish(statement_id=statement.pk, actor=None)
            if number % 2:
                statement_confirm(statement_id=statement.pk, actor=user)
        # every table it wrote to: a planner that still thinks there are 4 programs, not 104,
        # joins them first and makes the Details API 2x slower
        vacuum_analyze(DetailLine, LineTotal, Incentive, IncentiveProgram, ProgramRate, Statement, Customer)
        self.stdout.write(
            f"created bench partner: {len(incentives):,} incentives, {line_count:,} lines "
            f"in {perf_counter() - started:.1f} s"
        )
        return user

    def _measure(self, user, runs):
        anonymous, partner = Client(), Client()
        partner.force_login(user)
        ids = list(
            Incentive.objects.filter(statement__partner__code=PARTNER_CODE).values_list(
                "incentive_id", flat=True
            )
        )
        random.Random(5).shuffle(ids)
        summary = "/incentives/summary/"
        # a page 75% deep (a page past the end is a 404): 150 of 200, and the API's 75 of 100
        pages, api_pages = -(-len(ids) // SUMMARY_PAGE_SIZE), -(-len(ids) // API_PAGE_SIZE)
        deep, api_deep = max(1, pages * 3 // 4), max(1, api_pages * 3 // 4)
        cases = [
            *reference_cases(anonymous, partner),
            ("Summary, first page", partner, [summary]),
            ("Summary, status=Pending confirmation", partner, [f"{summary}?status=pending_confirmation"]),
            (f"Summary, page {deep} of {pages}", partner, [f"{summary}?page={deep}"]),
            (
                "incentive page (random incentives)",
                partner,
                [f"/incentives/incentive/{i}/" for i in ids[: runs + 5]],
            ),
            ("API GET /api/v1/incentives/", partner, ["/api/v1/incentives/"]),
            (
                f"API GET /api/v1/incentives/?page={api_deep}",
                partner,
                [f"/api/v1/incentives/?page={api_deep}"],
            ),
        ]
        results = time_interleaved(cases, runs)
        self.stdout.write(f"{runs} requests each, interleaved, server time (in-process):")
        self.stdout.write(report_rows(results))


def bench_periods(count: int) -> list[ReconciliationPeriod]:
    """`count` monthly periods ending 2019-12, far from the demo's."""
    return [month_period(2019 - back // 12, 12 - back % 12) for back in range(count)]


def bench_programs() -> list[IncentiveProgram]:
    return [
        program_with_rates(
            f"B{number:03d}", name=f"Bench Program {number}", rates={"ECS": "0.0525"}, policy="Bench"
        )
        for number in range(PROGRAMS)
    ]
