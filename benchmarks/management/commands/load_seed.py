"""The load test's data: --sessions partners, each with one admin user and pending bills, and
--lines detail lines spread over them (python -m benchmarks.load runs this; idempotent).

    manage.py load_seed --settings=benchmarks.settings --lines 1000000 --sessions 16

Partner LOAD01..LOADnn (direct partners), user load-01..load-nn (role admin: confirms, writes
feedback, exports), password PASSWORD; each with PERIODS monthly bills (2024-01..2025-12,
deadline far ahead, so no sweep confirms them) of PROGRAMS incentives, all published (Pending
confirmation), lines // sessions lines each. Built with the shared generator and the services,
as seed_demo and the benchmarks build theirs.
"""

import random
from datetime import datetime
from decimal import Decimal
from time import perf_counter

from django.core.management.base import BaseCommand
from django.utils import timezone

from benchmarks.load.accounts import PASSWORD, partner_code, username
from customers.models import Partner
from incentives.demo.generator import (
    bill_incentives,
    bulk_customers,
    month_period,
    partner_user,
    program_with_rates,
)
from incentives.models import DetailLine, Incentive, Statement
from incentives.services.figures import detail_lines_add
from incentives.services.statements import statement_publish
from partner_center.maintenance import vacuum_analyze

PERIODS = 24
PROGRAMS = 10
CUSTOMERS = 100
PRODUCTS = {"ECS": "0.0525", "RDS": "0.0400", "OSS": "0.0300"}
MANAGERS = ["Alice Wang", "Bo Chen", "Carol Li", "Dan Zhao"]


class Command(BaseCommand):
    help = "Create the load test's partners, users, pending bills and lines (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--lines", type=int, default=1_000_000, help="lines in all (default 1,000,000)")
        parser.add_argument("--sessions", type=int, default=16, help="partners, one user each (default 16)")

    def handle(self, *args, lines, sessions, **options):
        started = perf_counter()
        deadline = timezone.make_aware(datetime(2099, 12, 31, 23, 59, 59))
        periods = [month_period(2024 + n // 12, n % 12 + 1, deadline=deadline) for n in range(PERIODS)]
        programs = [
            program_with_rates(f"L{n:03d}", name=f"Load Program {n}", rates=PRODUCTS, policy="Load test")
            for n in range(PROGRAMS)
        ]
        created = 0
        for number in range(1, sessions + 1):
            partner, _new = Partner.objects.get_or_create(
                code=partner_code(number), defaults={"name": f"Load Partner {number:02d}", "kind": "direct"}
            )
            partner_user(username(number), partner=partner, role="admin", password=PASSWORD)
            if DetailLine.objects.filter(partner=partner).exists():
                continue
            customers = bulk_customers(
                partner, CUSTOMERS, name=f"Load Customer {number:02d}-{{:03d}}".format,
                account=f"ld{number:02d}{{n:04d}}", association_type="resale",
                account_manager=MANAGERS[number % len(MANAGERS)],
            )  # fmt: skip
            incentives = [i for period in periods for i in bill_incentives(partner, period, programs)]
            detail_lines_add(lines=self._lines(number, lines // sessions, incentives, customers))
            for statement in partner.statements.all():
                statement_publish(statement_id=statement.pk, actor=None)
            created += 1
        if created:
            vacuum_analyze(DetailLine, Incentive, Statement)
        total = DetailLine.objects.filter(partner__code__startswith="LOAD").count()
        self.stdout.write(
            f"load data: {sessions} partners ({created} new), {total:,} lines, "
            f"{perf_counter() - started:.1f} s"
        )

    @staticmethod
    def _lines(number, count, incentives, customers):
        rng = random.Random(number)
        products = list(PRODUCTS.items())
        for n in range(count):
            product, rate = products[n % len(products)]
            yield DetailLine(
                incentive=incentives[n % len(incentives)],
                order_id=f"LD{number:02d}{n:010d}",
                customer=customers[rng.randrange(len(customers))],
                product_type=product,
                revenue=Decimal(rng.randint(100, 1_000_000)).scaleb(-2),
                rate=Decimal(rate),
            )
