"""An export file speaks the language its requester had when asking (stored on the job), with
the same figures in every language; the xlsx Summary says what the file covers."""

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from customers.models import UserPreference
from incentives.models import DetailLine, ExportJob, Statement
from incentives.services.exports import export_request, export_run
from tests import factories

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def request_on_the_page(client, user, language, **form):
    """The export asked for on Export History by a signed-in user reading the portal in `language`."""
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    client.force_login(user)
    response = client.post(reverse("incentives:export_new"), form, **EN)  # the stored choice wins
    assert response.status_code in (200, 302)
    job = ExportJob.objects.latest("pk")
    with translation.override("en"):  # the worker's own language is not the requester's
        return export_run(job.pk)


def workbook(job):
    with job.file.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def cover(book, summary):
    return {row[0].value: row[1].value for row in book[summary].iter_rows() if row[0].value}


def figures(book, details):
    """What the numbers say, whatever the language: order ID, revenue, rate, amount, currency."""
    rows = book[details].iter_rows(min_row=2, values_only=True)
    return [(r[1], r[9], r[10], r[11], r[12]) for r in rows]


def test_a_chinese_requester_gets_chinese_headers_labels_summary_and_name(client, partner_setup, export_data):
    admin, finance = partner_setup["admin"], partner_setup["finance"]
    admin.first_name, admin.last_name = "伟", "张"
    admin.save()
    chinese = request_on_the_page(
        client, admin, "zh-hans", method="programs", period="2026-10", programs="RSL"
    )
    english = request_on_the_page(client, finance, "en", method="programs", period="2026-10", programs="RSL")

    assert (chinese.language, english.language) == ("zh-hans", "en")
    assert chinese.status == english.status == "completed"
    zh, en = workbook(chinese), workbook(english)
    assert zh.sheetnames == ["汇总", "明细"] and en.sheetnames == ["Summary", "Details"]
    header = [cell.value for cell in zh["明细"][1]]
    assert header[:3] == ["激励ID", "订单号", "对账期"] and header[11:14] == ["金额", "币种", "状态"]
    assert [cell.value for cell in en["Details"][1]][11:14] == ["Amount", "Currency", "Status"]
    assert zh["明细"]["N2"].value == "待确认" and en["Details"]["N2"].value == "Pending confirmation"

    lines = DetailLine.objects.filter(partner=partner_setup["distributor"], program__code="RSL")
    total = lines.aggregate(s=Sum("amount"))["s"]
    zh_cover, en_cover = cover(zh, "汇总"), cover(en, "Summary")
    assert zh["汇总"]["A1"].value == "激励明细" and en["Summary"]["A1"].value == "Incentive details"
    assert zh_cover["合作伙伴"] == en_cover["Partner"] == "Distributor Co"
    assert zh_cover["合作伙伴编码"] == en_cover["Partner code"] == partner_setup["distributor"].code
    assert zh_cover["对账期"] == en_cover["Reconciliation period"] == "2026-10"
    assert (
        zh_cover["导出方式"] == "按激励项目名称导出"
        and en_cover["Export method"] == "Export by incentive plan name"
    )
    assert zh_cover["筛选条件"] == "激励项目：Resale (RSL)"
    assert en_cover["Filters"] == "Incentive programs: Resale (RSL)"
    assert zh_cover["申请人"] == f"伟 张 ({admin.username})" and en_cover["Requested by"] == finance.username
    assert zh_cover["申请时间"].endswith(" Asia/Shanghai") and en_cover["Requested at"].endswith(
        " Asia/Shanghai"
    )
    assert zh_cover["明细行数"] == en_cover["Detail lines"] == lines.count()
    # the same figures, per currency, in both languages
    assert zh_cover["币种"] == "明细行数" and en_cover["Currency"] == "Detail lines"  # the table's header
    assert Decimal(str(zh["汇总"].cell(zh["汇总"].max_row, 3).value)) == total == chinese.total_amount
    assert [c.value for c in zh["汇总"][zh["汇总"].max_row]] == [
        c.value for c in en["Summary"][en["Summary"].max_row]
    ]
    assert figures(zh, "明细") == figures(en, "Details") and len(figures(en, "Details")) == lines.count()
    assert chinese.file_name.startswith(f"激励明细-{partner_setup['distributor'].code}-2026-10-")
    assert english.file_name.startswith(f"incentive-details-{partner_setup['distributor'].code}-2026-10-")

    response = client.get(reverse("incentives:export_download", args=[chinese.pk]))
    assert "filename*=utf-8''%E6%BF%80%E5%8A%B1%E6%98%8E%E7%BB%86-" in response["Content-Disposition"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_csv_has_its_header_and_total_row_in_the_requesters_language(
    client, partner_setup, export_data, language
):
    job = request_on_the_page(
        client, partner_setup["admin"], language, method="period", period="2026-10", file_format="csv"
    )
    with job.file.open("rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
    header, body, total = rows[0], rows[1:-2], rows[-1]
    lines = DetailLine.objects.filter(partner=partner_setup["distributor"]).order_by("pk")
    if language == "zh-hans":
        assert header[11:14] == ["金额", "币种", "状态"] and total[0] == "总金额" and body[0][13] == "待确认"
    else:
        assert header[11:14] == ["Amount", "Currency", "Status"] and total[0] == "Total amount"
    assert [(r[1], r[11], r[12]) for r in body] == [
        (o, str(a), "CNY") for o, a in lines.values_list("order_id", "amount")
    ]
    cents = lines.aggregate(s=Sum("amount"))["s"].quantize(Decimal("0.01"))  # SQLite sums with more places
    assert (total[11], total[12]) == (str(cents), "CNY")


def test_an_api_request_keeps_the_language_of_its_accept_language(partner_setup, export_data):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(partner_setup["finance"])
    answer = api.post("/api/v1/exports/", {"method": "period", "period": "2026-10"}, format="json", **ZH)
    assert answer.status_code == 202
    assert ExportJob.objects.get(pk=answer.json()["id"]).language == "zh-hans"


def test_selected_lines_of_two_periods_and_currencies_are_totalled_per_currency(partner_setup, export_data):
    distributor = partner_setup["distributor"]
    usd = factories.bill(distributor, factories.PeriodFactory(code="2026-11"), lines=[("200.00", "0.05")])
    Statement.objects.filter(pk=usd.pk).update(currency="USD")
    october = list(DetailLine.objects.filter(partner=distributor, period__code="2026-10").order_by("pk")[:3])
    chosen = [line.pk for line in october] + list(usd.incentives.get().lines.values_list("pk", flat=True))
    with translation.override("zh-hans"):  # as a request in Chinese would
        job = export_request(user=partner_setup["admin"], method="selected", detail_ids=chosen)
    job = export_run(job.pk)

    book = workbook(job)
    summary = book["汇总"]
    assert cover(book, "汇总")["对账期"] == "2026-10, 2026-11"
    assert cover(book, "汇总")["筛选条件"] == "所选明细 4 条"
    rows = [[c.value for c in row] for row in summary.iter_rows(min_row=summary.max_row - 1)]
    october_total = sum(line.amount for line in october)
    assert rows == [["CNY", 3, float(october_total)], ["USD", 1, 10.0]]
    assert job.total_amount is None  # no one figure adds up two currencies
    assert job.file_name.startswith(f"激励明细-{distributor.code}-所选-")
    assert [row[12] for row in book["明细"].iter_rows(min_row=2, values_only=True)] == ["CNY"] * 3 + ["USD"]


def test_a_stalled_export_is_failed_with_its_reason_in_the_requesters_language(partner_setup, export_data):
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from incentives.services.exports import exports_expire

    with translation.override("zh-hans"):
        chinese = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    english = export_request(user=partner_setup["finance"], method="period", period="2026-10")

    later = timezone.now() + timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1)
    assert exports_expire(now=later) == {"expired": 0, "failed": 2, "temporary_files_removed": 0}

    chinese.refresh_from_db()
    english.refresh_from_db()
    assert chinese.status == english.status == "failed"
    assert chinese.error.startswith("导出") and english.error.startswith("The export stopped")
