"""After a load run: every figure equals the database's own sums, and every write the load
generator saw succeed is in the audit trail exactly once (python -m benchmarks.load runs this).

    manage.py load_check --settings=benchmarks.settings --seen seen.json [--wait 300]

--seen is the generator's record: bills confirmed, feedback texts and export job IDs it saw
succeed, and the writes it could not be sure of (no answer, or a 5xx). Exits non-zero on any
difference, after printing each.
"""

import json
import time
from collections import Counter
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, F, Q, Sum

from incentives.models import (
    DetailLine,
    ExportJob,
    ExportStatus,
    FeedbackMessage,
    Incentive,
    LineTotal,
    Statement,
    StatementEvent,
    StatementStatus,
)
from incentives.services.line_totals import KEY

LOAD = Q(partner__code__startswith="LOAD")
FINISHED = [ExportStatus.COMPLETED, ExportStatus.FAILED, ExportStatus.EXPIRED]


class Command(BaseCommand):
    help = "Check the load test's figures and audit rows against what its generator saw."

    def add_arguments(self, parser):
        parser.add_argument("--seen", required=True, help="the generator's JSON record")
        parser.add_argument("--wait", type=float, default=300, help="seconds to wait for queued exports")

    def handle(self, *args, seen, wait, **options):
        with open(seen) as record:
            self.seen = json.load(record)
        self.since = datetime.fromisoformat(self.seen["since"])
        self.problems: list[str] = []
        self._exports(wait)
        self._figures()
        self._confirmations()
        self._feedback()
        for problem in self.problems:
            self.stdout.write(f"  DIFFERENCE: {problem}")
        if self.problems:
            raise CommandError(f"{len(self.problems)} differences")
        self.stdout.write("check: every count and total equals the database's; no write lost or doubled")

    def _figures(self) -> None:
        statements = Statement.objects.filter(LOAD).annotate(
            counted=Count("incentives"), summed=Sum("incentives__amount")
        )
        wrong = [s.pk for s in statements if s.counted != s.incentive_count or s.summed != s.total]
        if wrong:
            self.problems.append(f"bills whose count or total is not their incentives': {wrong[:10]}")
        incentives = Incentive.objects.filter(statement__partner__code__startswith="LOAD").annotate(
            summed=Sum("lines__amount")
        )
        wrong = [i.pk for i in incentives.iterator() if (i.summed or 0) != i.amount]
        if wrong:
            self.problems.append(f"incentives whose amount is not their lines' sum: {wrong[:10]}")
        lines = (
            DetailLine.objects.filter(LOAD).order_by().values(*KEY).annotate(n=Count("id"), a=Sum("amount"))
        )
        expected = {tuple(row[k] for k in KEY): (row["n"], row["a"]) for row in lines.iterator()}
        stored = {
            tuple(row[k] for k in KEY): (row["line_count"], row["amount"])
            for row in LineTotal.objects.filter(LOAD).values(*KEY, "line_count", "amount").iterator()
        }
        if expected != stored:
            differ = [key for key in expected.keys() | stored.keys() if expected.get(key) != stored.get(key)]
            self.problems.append(f"{len(differ)} line totals differ from the lines, e.g. {differ[:3]}")
        self.stdout.write(
            f"figures: {statements.count()} bills, {incentives.count()} incentives, "
            f"{sum(n for n, _a in expected.values()):,} lines in {len(stored):,} line totals"
        )

    def _confirmations(self) -> None:
        events = StatementEvent.objects.filter(
            statement__partner__code__startswith="LOAD", new_status=StatementStatus.ISSUING
        )
        per_bill = Counter(events.values_list("statement_id", flat=True))
        doubled = [bill for bill, n in per_bill.items() if n > 1]
        confirmed = set(
            Statement.objects.filter(LOAD, status=StatementStatus.ISSUING).values_list("pk", flat=True)
        )
        this_run = set(events.filter(created_at__gte=self.since).values_list("statement_id", flat=True))
        seen, uncertain = set(self.seen["confirmed"]), set(self.seen["confirm_uncertain"])
        if doubled:
            self.problems.append(f"bills confirmed twice: {doubled}")
        if confirmed != set(per_bill):
            self.problems.append(f"bills Issuing without one confirm event: {confirmed ^ set(per_bill)}")
        if seen - confirmed:
            self.problems.append(
                f"confirmations answered as done but not in the database: {seen - confirmed}"
            )
        if this_run - seen - uncertain:
            self.problems.append(f"bills confirmed that nobody confirmed: {this_run - seen - uncertain}")
        self.stdout.write(
            f"confirmations: {len(seen)} seen done ({len(uncertain)} uncertain), "
            f"{len(this_run)} confirm events in the run, {len(doubled)} doubled"
        )

    def _feedback(self) -> None:
        messages = FeedbackMessage.objects.filter(text__startswith="load s", created_at__gte=self.since)
        texts = Counter(messages.values_list("text", flat=True))
        seen, uncertain = set(self.seen["feedback"]), set(self.seen["feedback_uncertain"])
        doubled = [text for text, n in texts.items() if n > 1]
        if doubled:
            self.problems.append(f"feedback saved twice: {doubled[:5]}")
        if seen - set(texts):
            self.problems.append(f"feedback answered as saved but missing: {sorted(seen - set(texts))[:5]}")
        if set(texts) - seen - uncertain:
            self.problems.append(f"feedback nobody sent: {sorted(set(texts) - seen - uncertain)[:5]}")
        latest = DetailLine.objects.filter(pk__in=messages.values("line_id")).exclude(feedback_status="open")
        if latest.exists():
            self.problems.append(f"lines with feedback whose status is not Open: {latest.count()}")
        self.stdout.write(
            f"feedback: {len(seen)} seen saved ({len(uncertain)} uncertain), {sum(texts.values())} messages, "
            f"{len(doubled)} doubled"
        )

    def _exports(self, wait: float) -> None:
        jobs = ExportJob.objects.filter(LOAD, requested_at__gte=self.since)
        seen, uncertain = set(self.seen["exports"]), self.seen["exports_uncertain"]
        ends = time.monotonic() + wait
        while jobs.exclude(status__in=FINISHED).exists() and time.monotonic() < ends:
            time.sleep(2)
        statuses = Counter(jobs.values_list("status", flat=True))
        ids = set(jobs.values_list("pk", flat=True))
        if seen - ids:
            self.problems.append(f"exports answered as created but missing: {seen - ids}")
        if len(ids - seen) > uncertain:
            self.problems.append(f"{len(ids - seen)} export jobs nobody saw created ({uncertain} uncertain)")
        if set(statuses) - {ExportStatus.COMPLETED}:
            stuck = jobs.exclude(status=ExportStatus.COMPLETED).values_list("pk", "status", "error")[:5]
            self.problems.append(f"exports not completed: {dict(statuses)}, e.g. {list(stuck)}")
        period_jobs = jobs.filter(method="period", status=ExportStatus.COMPLETED)
        wrong = [
            job.pk
            for job in period_jobs.annotate(bill=Sum("partner__statements__total", filter=Q(
                partner__statements__period=F("period"))))
            if job.total_amount != job.bill
        ]  # fmt: skip
        if wrong:
            self.problems.append(f"period exports whose total is not the bill's: {wrong[:10]}")
        self.stdout.write(
            f"exports: {len(seen)} seen created ({uncertain} uncertain), {len(ids)} jobs: {dict(statuses)}; "
            f"{period_jobs.count()} period exports' totals checked against their bills"
        )
