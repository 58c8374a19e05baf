import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from incentives.demo import seed_demo
from incentives.models import DetailLine, ExportJob
from tests.browser.test_summary import sign_in
from tests.workers import start_worker, stop, worker_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path, settings):
    from partner_center.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    app.control.purge()
    log = open(tmp_path / "worker.log", "w")
    process = start_worker(worker_env(settings.VAR_DIR, MEDIA_ROOT=settings.MEDIA_ROOT), log)
    yield process
    stop(process)
    log.close()


def test_export_selected_across_pages_then_download_from_export_history(page, worker):
    seed_demo(details=400)
    sign_in(page, "demo-finance")
    page.goto("/incentives/details/")
    rows = page.get_by_test_id("line-row")
    first_page = [rows.nth(n).locator("[data-select-line]").get_attribute("value") for n in (0, 1)]
    for n in (0, 1):
        rows.nth(n).locator("[data-select-line]").check()
    page.get_by_role("link", name="Next").click()
    second = page.get_by_test_id("line-row").first.locator("[data-select-line]")
    chosen = [*first_page, second.get_attribute("value")]
    second.check()
    expect(page.get_by_test_id("selection-count")).to_contain_text("3 lines selected")

    page.get_by_role("button", name="Export Selected").click()
    expect(page.get_by_test_id("messages")).to_contain_text("Export task created.")
    page.get_by_role("link", name="View it in Export History").click()
    page.evaluate("window.__notReloaded = true")
    expect(page.get_by_test_id("export-jobs")).to_contain_text(
        "Records exported successfully", timeout=60_000
    )
    assert page.evaluate("window.__notReloaded") is True

    job = ExportJob.objects.get()
    job.refresh_from_db()
    assert sorted(job.detail_ids) == sorted(int(pk) for pk in chosen)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == job.file_name and job.file_name.endswith(".xlsx")
    with open(download.value.path(), "rb") as file:
        workbook = load_workbook(file)
    orders = [row[1].value for row in workbook["Details"].iter_rows(min_row=2)]
    assert sorted(orders) == sorted(
        DetailLine.objects.filter(pk__in=chosen).values_list("order_id", flat=True)
    )
