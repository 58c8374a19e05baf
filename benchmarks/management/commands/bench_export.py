import csv
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from time import perf_counter
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from openpyxl import Workbook

from benchmarks.management.commands.bench_summary import bench_periods, bench_programs
from customers.models import Customer, Membership, Partner
from incentives.demo.generator import bill_incentives
from incentives.models import DetailLine, ExportJob, ReconciliationPeriod
from incentives.services.exports import export_request
from incentives.services.figures import detail_lines_add
from partner_center.exports.columns import STATUS
from partner_center.exports.registry import get_kind
from partner_center.maintenance import vacuum_analyze

PARTNER_CODE = "EXPBENCH"
ROOT = Path(settings.BASE_DIR)


class Command(BaseCommand):
    help = (
        "Benchmark exports: N lines of one period exported by the worker code (xlsx and csv, in a child "
        "process for its peak memory) next to plain openpyxl write-only and csv.writer on the same rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lines", type=int, default=1_000_000)
        parser.add_argument(
            "--formats", nargs="+", choices=["xlsx", "csv"], default=["xlsx", "csv"], help="default: both"
        )

    def handle(self, *args: object, lines: int, formats: list[str], **options: object) -> None:
        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        user, period = self._data(lines)
        rows: list[list[Any]] | None = None
        results: dict[str, tuple[float, float, int]] = {}
        plain, peaks = {}, []
        writers = {"xlsx": self._plain_xlsx, "csv": self._plain_csv}
        for file_format, plain_writer in ((name, writers[name]) for name in formats):
            job = export_request(user=user, method="period", period=period.code, file_format=file_format)
            rows = rows if rows is not None else self._rows_as_written(job)
            # the plain writer just before and just after the worker, so that a change of load on
            # the machine during the run (other processes) moves both sides of the ratio alike
            before = plain_writer(rows)
            child = subprocess.run(
                [sys.executable, "manage.py", "export_run", str(job.pk)], cwd=ROOT, check=True,
                capture_output=True, text=True,
            )  # fmt: skip
            plain[file_format] = (before, plain_writer(rows))
            peaks.append(float(child.stdout.rsplit("peak memory:", 1)[1].split()[0]))
            job.refresh_from_db()
            if job.status != "completed":
                raise CommandError(job.error)
            # the worker's own time (counting, reading, writing, storing), not process start-up
            assert job.finished_at and job.started_at and job.size_bytes is not None
            seconds = (job.finished_at - job.started_at).total_seconds()
            results[file_format] = (job.rows_written / seconds, seconds, job.size_bytes)
        self.csv_path = "COPY" if connection.vendor == "postgresql" else "Python csv.writer"
        assert rows is not None
        self._report(len(rows), results, plain, max(peaks))

    def _data(self, count: int) -> tuple[User, ReconciliationPeriod]:
        partner, _ = Partner.objects.get_or_create(
            code=PARTNER_CODE, defaults={"name": "Export Bench", "kind": "direct"}
        )
        user, _ = get_user_model().objects.get_or_create(username="export-bench")
        Membership.objects.get_or_create(user=user, defaults={"partner": partner, "role": "finance"})
        period, program = bench_periods(1)[0], bench_programs()[0]
        existing = DetailLine.objects.filter(partner=partner).count()
        if existing >= count:
            self.stdout.write(f"reusing {existing:,} lines")
            return user, period
        (incentive,) = bill_incentives(partner, period, [program])
        customers = list(Customer.objects.filter(partner=partner).order_by("pk"))
        customers = customers or Customer.objects.bulk_create(
            Customer(partner=partner, name=f"出口基准客户 {n} Export Bench Customer", account=f"expb{n:05d}",
                     association_type="resale", account_manager="Bench AM")
            for n in range(500)
        )  # fmt: skip
        started = perf_counter()
        detail_lines_add(
            lines=(
                DetailLine(incentive=incentive, order_id=f"EB{n:012d}", customer=customers[n % 500],
                           product_type="ECS", revenue=Decimal(100 + n % 100_000).scaleb(-2) * 37,
                           rate=Decimal("0.0525"))
                for n in range(existing, count)
            )
        )  # fmt: skip
        vacuum_analyze(DetailLine)  # else the export's query is planned from stale statistics
        self.stdout.write(f"created {count - existing:,} lines in {perf_counter() - started:.1f} s")
        return user, period

    def _rows_as_written(self, job: ExportJob) -> list[list]:
        """The job's rows from memory, statuses already labelled: what the plain writers get."""
        kind = get_kind(job.kind)
        labels = [(index, kind.columns[index].labels()) for index in kind.columns.indexes(STATUS)]
        rows = []
        for row in kind.rows(job).values_list(*kind.columns.fields).iterator(chunk_size=5000):
            row = list(row)
            for index, names in labels:
                row[index] = names.get(row[index], row[index]) if row[index] else ""
            rows.append(row)
        return rows

    def _plain_xlsx(self, rows: list[list]) -> float:
        started = perf_counter()
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in rows:
            sheet.append(row)
        with tempfile.TemporaryFile() as out:
            workbook.save(out)
        return len(rows) / (perf_counter() - started)

    def _plain_csv(self, rows: list[list]) -> float:
        started = perf_counter()
        with tempfile.TemporaryFile("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            for row in rows:
                writer.writerow(row)
        return len(rows) / (perf_counter() - started)

    def _report(
        self,
        count: int,
        results: dict[str, tuple[float, float, int]],
        plain: dict[str, tuple[float, float]],
        peak_mb: float,
    ) -> None:
        load = os.getloadavg()[0]
        self.stdout.write(f"{count:,} rows, one period; {os.cpu_count()} cores, load average now {load:.1f}")
        names = {"xlsx": "plain openpyxl write-only", "csv": "plain csv.writer"}
        for file_format in results:
            rate, seconds, size = results[file_format]
            before, after = plain[file_format]
            how = self.csv_path if file_format == "csv" else "openpyxl"
            self.stdout.write(
                f"{file_format} export (worker code, {how}, from the database): {rate:,.0f} rows/s, "
                f"{seconds:.1f} s, {size / 1e6:.1f} MB"
            )
            ratio = rate / ((before + after) / 2)
            self.stdout.write(
                f"{names[file_format]} from an in-memory list: {before:,.0f} rows/s before, "
                f"{after:,.0f} after; ratio {file_format} export / plain: {ratio:.2f}x"
            )
        self.stdout.write(f"peak RSS of the export processes: {peak_mb:.0f} MB")
