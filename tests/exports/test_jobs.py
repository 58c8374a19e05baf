"""Export jobs end to end in-process: each method and format compared with the database."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from openpyxl import load_workbook

from incentives.export_kinds import DETAIL_COLUMNS
from incentives.models import DetailLine, ExportJob
from incentives.services.exports import export_fail, export_request, export_run, exports_expire
from partner_center.errors import DomainError

pytestmark = pytest.mark.django_db


def read_rows(job):
    with job.file.open("rb") as handle:
        data = handle.read()
    if job.file_format == "csv":
        lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        return lines[1:-2], Decimal(lines[-1][11])
    workbook = load_workbook(io.BytesIO(data))
    rows = [[c.value for c in r] for r in workbook["Details"].iter_rows(min_row=2)]
    by_label = {r[0].value: r for r in workbook["Summary"].iter_rows() if r[0].value}
    return rows, Decimal(str(by_label["CNY"][2].value))  # the currency's total


def expected(lines):
    return list(lines.order_by("pk").values_list("order_id", "customer__account", "amount"))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("method", "programs"), [("period", []), ("programs", ["RSL"]), ("programs", ["RSL", "REF"])]
)
def test_export_by_period_or_programs_holds_exactly_the_partners_lines(
    partner_setup, export_data, method, programs, file_format
):
    user = partner_setup["finance"]
    job = export_request(
        user=user, method=method, file_format=file_format, period="2026-10", programs=programs
    )

    job = export_run(job.pk)

    lines = DetailLine.objects.filter(partner=partner_setup["distributor"], period=export_data["period"])
    if programs:
        lines = lines.filter(program__code__in=programs)
    rows, total = read_rows(job)
    got = [(r[1], r[5], Decimal(str(r[11]))) for r in rows]
    assert got == [(o, a, Decimal(m)) for o, a, m in expected(lines)]
    assert total == job.total_amount == lines.aggregate(s=Sum("amount"))["s"]
    assert (job.status, job.rows_total, job.rows_written) == ("completed", lines.count(), lines.count())
    assert job.size_bytes == job.file.size and job.file_name.endswith(f".{file_format}")
    assert job.expires_at > timezone.now()


def test_export_selected_holds_the_chosen_lines(partner_setup, export_data):
    chosen = list(
        DetailLine.objects.filter(partner=partner_setup["distributor"]).values_list("pk", flat=True)[2:7]
    )
    job = export_request(user=partner_setup["admin"], method="selected", detail_ids=chosen)
    job = export_run(job.pk)
    rows, total = read_rows(job)
    assert [r[1] for r in rows] == [o for o, _a, _m in expected(DetailLine.objects.filter(pk__in=chosen))]
    assert total == DetailLine.objects.filter(pk__in=chosen).aggregate(s=Sum("amount"))["s"]


def test_text_is_protected_in_the_real_file(partner_setup, export_data):
    job = export_run(export_request(user=partner_setup["admin"], method="period", period="2026-10").pk)
    rows, _ = read_rows(job)
    names = {r[4] for r in rows}
    assert '=HYPERLINK("http://evil.example","click")' in names and "BellandEscape Co" in names
    assert any(r[15] and r[15].endswith("…[truncated]") for r in rows)


@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        ({"method": "period", "period": "1999-01"}, "Choose a reconciliation period of your account."),
        (
            {"method": "programs", "period": "2026-10", "programs": []},
            "Choose one or more incentive programs.",
        ),
        ({"method": "programs", "period": "2026-10", "programs": ["NOPE"]}, "Choose one or more"),
        ({"method": "selected", "detail_ids": []}, "Select at least one detail line"),
        ({"method": "selected", "detail_ids": ["x"]}, "not a list of detail line IDs"),
        ({"method": "bogus"}, "Unknown export method."),
        ({"method": "period", "period": "2026-10", "file_format": "pdf"}, "Unknown file format"),
    ],
)
def test_bad_requests_get_a_clear_message_and_create_nothing(
    partner_setup, export_data, request_kwargs, message
):
    with pytest.raises(DomainError, match=message):
        export_request(user=partner_setup["admin"], **request_kwargs)
    assert not ExportJob.objects.exists()


def test_another_partners_lines_cannot_be_selected(partner_setup, export_data):
    rival_line = DetailLine.objects.filter(partner=partner_setup["rival"]).first()
    own = DetailLine.objects.filter(partner=partner_setup["distributor"]).first()
    with pytest.raises(DomainError, match="not in your account"):
        export_request(user=partner_setup["admin"], method="selected", detail_ids=[own.pk, rival_line.pk])
    assert not ExportJob.objects.exists()


def test_export_selected_has_a_clear_limit(partner_setup, export_data, settings):
    settings.EXPORT_SELECTED_LIMIT = 3
    ids = list(
        DetailLine.objects.filter(partner=partner_setup["distributor"]).values_list("pk", flat=True)[:4]
    )
    with pytest.raises(DomainError, match="You selected 4 lines; Export Selected takes at most 3."):
        export_request(user=partner_setup["admin"], method="selected", detail_ids=ids)


@pytest.mark.parametrize("role", ["viewer", "sales"])
def test_only_admin_and_finance_may_export(partner_setup, export_data, role):
    with pytest.raises(DomainError, match="Only your partner's admin and finance users"):
        export_request(user=partner_setup[role], method="period", period="2026-10")


def test_a_second_delivery_of_the_task_changes_nothing(partner_setup, export_data, media):
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    first = export_run(job.pk)
    second = export_run(job.pk)
    assert (second.status, second.file.name, second.attempts) == ("completed", first.file.name, 1)
    assert len(list((media / "exports").rglob("*.xlsx"))) == 1


def test_a_redelivery_after_a_crash_rebuilds_from_scratch(partner_setup, export_data, media):
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", rows_written=3, attempts=1
    )  # the crashed run

    job = export_run(job.pk)

    assert (job.status, job.attempts) == ("completed", 2)
    assert job.rows_written == job.rows_total == 24
    assert len(list((media / "exports").rglob("*"))) == 1 + 2  # one file (+ its year/month folders)


def test_a_failure_is_marked_with_a_reason_and_leaves_no_file(partner_setup, export_data, media, monkeypatch):
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("incentives.services.exports.write_xlsx", broken)
    job = export_run(job.pk)

    assert job.status == "failed" and "The export failed (OSError)" in job.error
    assert not job.file and not (media / "exports").exists()
    export_fail(job_id=job.pk, reason="later")  # a finished job keeps its reason
    job.refresh_from_db()
    assert "OSError" in job.error


def test_files_expire_and_stalled_jobs_fail_with_a_reason(partner_setup, export_data, media, settings):
    done = export_run(export_request(user=partner_setup["admin"], method="period", period="2026-10").pk)
    stalled = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    path = done.file.path

    result = exports_expire(now=timezone.now() + timedelta(days=settings.EXPORT_RETENTION_DAYS, seconds=1))

    assert (result["expired"], result["failed"]) == (1, 1)
    done.refresh_from_db()
    stalled.refresh_from_db()
    assert done.status == "expired" and not done.file
    import os

    assert not os.path.exists(path)
    assert stalled.status == "failed" and "Please export again" in stalled.error
    assert export_run(stalled.pk).status == "failed"  # a late delivery does not revive it


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_file_has_the_kinds_columns_and_the_bill_status_label(partner_setup, export_data, file_format):
    job = export_request(
        user=partner_setup["admin"], method="period", period="2026-10", file_format=file_format
    )
    assert job.kind == "incentive_details"
    job = export_run(job.pk)
    with job.file.open("rb") as handle:
        data = handle.read()
    if file_format == "csv":
        header, first = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[:2]
    else:
        header, first = [
            [c.value for c in r] for r in load_workbook(io.BytesIO(data))["Details"].iter_rows(max_row=2)
        ]
    assert list(header) == DETAIL_COLUMNS.headers() and len(first) == len(DETAIL_COLUMNS)
    statuses = {line.incentive.statement.get_status_display() for line in DetailLine.objects.all()}
    assert first[13] in statuses and job.file_name.startswith("incentive-details-")
    assert first[12] == "CNY"  # the bill's currency


def test_an_unknown_kind_of_export_is_refused(partner_setup, export_data):
    with pytest.raises(DomainError, match="Unknown kind of export"):
        export_request(user=partner_setup["admin"], method="period", period="2026-10", kind="nope")
    assert not ExportJob.objects.exists()
