"""Benchmark the deadline sweep: N overdue Pending bills, one sweep, bills per second.

The bills belong to N new partners (codes B<run>-<n>) in one benchmark period (1999-12), so
they are easy to tell apart; being audited, they are not deleted afterwards. Run it on a
database of its own, e.g. DATABASE_URL=postgres://.../portal_bench (migrated first).
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from customers.models import Partner, PartnerKind
from incentives.models import ReconciliationPeriod, Statement, StatementEvent, StatementStatus
from incentives.services.statements import statements_confirm_overdue

S = StatementStatus


class Command(BaseCommand):
    help = "Create N overdue Pending bills for new partners and time one deadline sweep over them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bills", type=int, default=10_000, help="how many overdue bills (default 10,000)"
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="bills per sweep transaction")

    def handle(self, *, bills, batch_size, **options):
        now = timezone.now()
        others = Statement.objects.filter(status=S.PENDING, confirmation_deadline__lt=now).count()
        if others:
            raise CommandError(
                f"{others} bills outside the benchmark are already overdue and the sweep would confirm "
                "them too: run this on a database of its own."
            )
        run = uuid.uuid4().hex[:8]
        started = perf_counter()
        ids = self._overdue_bills(bills, run, deadline=now - timedelta(minutes=5))
        self.stdout.write(
            f"Created {bills:,} overdue bills (partners B{run}-*) in {perf_counter() - started:.1f} s"
        )

        started = perf_counter()
        changed = statements_confirm_overdue(batch_size=batch_size)
        seconds = perf_counter() - started

        events = StatementEvent.objects.filter(statement_id__in=ids, new_status=S.ISSUING).count()
        if changed != bills or events != bills:
            raise CommandError(f"Expected {bills} confirmations and events, got {changed} and {events}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Swept {changed:,} bills in {seconds:.2f} s ({changed / seconds:,.0f} bills/s, "
                f"batches of {batch_size}, {connection.vendor})"
            )
        )

    def _overdue_bills(self, count, run, *, deadline):
        with transaction.atomic():
            period, _ = ReconciliationPeriod.objects.get_or_create(
                code="1999-12",
                defaults={
                    "start": date(1999, 12, 1),
                    "end": date(1999, 12, 31),
                    "confirmation_deadline": deadline,
                },
            )
            partners = Partner.objects.bulk_create(
                (
                    Partner(code=f"B{run}-{n}", name=f"Benchmark {run} #{n}", kind=PartnerKind.DIRECT)
                    for n in range(count)
                ),
                batch_size=5000,
            )
            statements = Statement.objects.bulk_create(
                (
                    Statement(
                        partner=partner,
                        period=period,
                        status=S.PENDING,
                        total=Decimal(1000 + n).scaleb(-2),
                        confirmation_deadline=deadline,
                    )
                    for n, partner in enumerate(partners)
                ),
                batch_size=5000,
            )
        return [statement.pk for statement in statements]
