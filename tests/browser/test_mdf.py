"""MDF end to end in Chromium: a partner applies in three steps, an operator approves in the
admin, the partner claims with photos, the operator approves and marks it paid, and the
partner sees Paid."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from incentives.operators import ensure_operators_group
from mdf.models import Application, Quota
from mdf.policies import REQUIRED_PROOF
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username, url="/accounts/login/"):
    page.goto(url)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator(
        "form#login-form [type=submit], form[action='/accounts/login/'] button[type=submit]"
    ).first.click()


def photo(tmp_path, name):
    path = tmp_path / f"{name}.jpg"
    image = Image.new("RGB", (300, 200), "teal")
    out = io.BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def test_apply_approve_claim_with_photos_approve_and_see_paid(browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    partner = factories.PartnerFactory(name="Browser Partner", kind="direct")
    factories.member(partner, "admin", username="mdf-admin")
    operator = factories.UserFactory(username="mdf-op", is_staff=True)
    operator.groups.add(ensure_operators_group())
    starts_on = timezone.localdate() + timedelta(days=45)
    Quota.objects.create(partner=partner, year=starts_on.year, span="year", amount=50000)

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        # the partner applies: three steps, each saving the draft
        sign_in(page, "mdf-admin")
        page.goto("/mdf/")
        page.get_by_test_id("new-application").click()
        page.get_by_label("Activity title").fill("Browser cloud day")
        page.get_by_label("Activity type").select_option("seminar")
        page.get_by_label("Activity starts on").fill(starts_on.isoformat())
        page.get_by_label("Activity ends on").fill(starts_on.isoformat())
        page.get_by_label("Location").fill("Wuhan")
        page.get_by_label("Activity plan").fill("Keynote and demos")
        page.get_by_label("I accept the MDF agreement", exact=False).check()
        page.get_by_test_id("save-step").click()
        page.get_by_label("Objectives").fill("30 leads")
        page.get_by_test_id("save-step").click()
        page.get_by_label("Venue").fill("12000")
        page.get_by_test_id("save-step").click()
        expect(page.get_by_test_id("application-amount")).to_contain_text("12,000.00")
        page.get_by_test_id("submit-application").click()
        expect(page.get_by_test_id("application-status")).to_have_text("Under review")
        application = Application.objects.get()

        # the operator approves in the admin
        operator_page = context.new_page()
        operator_page.set_default_timeout(15_000)
        context.clear_cookies()
        sign_in(operator_page, "mdf-op", url="/admin/login/")
        operator_page.goto(f"/admin/mdf/application/{application.pk}/change/")
        operator_page.get_by_role("button", name="Approve").click()
        expect(operator_page.locator(".messagelist")).to_contain_text("Approve done")

        # time passes: the activity took place last week
        ends_on = timezone.localdate() - timedelta(days=7)
        Application.objects.filter(pk=application.pk).update(starts_on=ends_on, ends_on=ends_on)

        # the partner claims with photos
        context.clear_cookies()
        sign_in(page, "mdf-admin")
        page.goto(f"/mdf/applications/{application.pk}/claim/")
        page.get_by_test_id("start-claim").click()
        page.get_by_label("Attendance").fill("41")
        page.get_by_label("Activity summary").fill("Held as planned")
        page.get_by_label("Venue").fill("11800")
        page.get_by_test_id("save-claim").click()
        for kind in [*REQUIRED_PROOF, "cost"]:
            form = page.get_by_test_id("proof-form")
            form.get_by_label("Proof kind").select_option(kind)
            if kind == "cost":
                form.get_by_label("Cost item", exact=False).select_option(label="Venue")
            form.locator("input[type=file]").set_input_files(photo(tmp_path, kind))
            page.get_by_test_id("upload-proof").click()
            expect(page.locator(".alert, .messages").first).to_be_visible()
        expect(page.get_by_test_id("checklist").locator(".missing")).to_have_count(0)
        expect(page.get_by_test_id("gallery").locator("li")).to_have_count(7)
        page.get_by_test_id("submit-claim").click()
        expect(page.get_by_test_id("claim-status")).to_have_text("Submitted")

        # the operator approves the claim, then marks it paid
        context.clear_cookies()
        sign_in(operator_page, "mdf-op", url="/admin/login/")
        claim_id = Application.objects.get(pk=application.pk).claim.pk
        operator_page.goto(f"/admin/mdf/claim/{claim_id}/change/")
        expect(operator_page.locator("#mdf-checklist")).not_to_contain_text("missing")
        expect(operator_page.locator("#mdf-gallery figure")).to_have_count(7)
        operator_page.get_by_role("button", name="Approve").click()
        operator_page.get_by_role("button", name="Mark paid").click()
        expect(operator_page.locator(".messagelist")).to_contain_text("Mark paid done")

        # the partner sees Paid
        context.clear_cookies()
        sign_in(page, "mdf-admin")
        page.goto(f"/mdf/applications/{application.pk}/claim/")
        expect(page.get_by_test_id("claim-status")).to_have_text("Paid")
        page.goto("/mdf/")
        expect(page.get_by_test_id("applications")).to_contain_text("Paid")
        expect(page.get_by_test_id("quota-left")).to_contain_text("38,200.00")
    finally:
        context.close()
