"""Customer expansion: the enterprise encyclopedia's search and company page, reporting a company
as the partner's customer (refused with the reason when associated, held by another partner's
live report, or outside the site), the operators' approval and rejection, expiry, the API."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from customers.models import Customer, CustomerReport, CustomerReportEvent
from customers.services.reports import report_approve, report_reject, report_submit, reports_expire
from incentives.operators import ensure_operators_group
from partner_center.errors import Conflict, Forbidden, InvalidInput
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    make = factories.CompanyFactory
    return {
        "cn": make(name="杭州云帆智能科技有限公司", industry="manufacturing"),
        "cn2": make(name="宁波汇通物流有限公司", industry="logistics", region="浙江省宁波市"),
        "en": make(name="Northwind Analytics Pte. Ltd.", site="international", region="Singapore"),
    }


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="ops-wang", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


def report(user, company, spend="1000.00", **extra):
    return report_submit(user=user, company_id=company.pk, expected_spend=spend, **extra)


def test_search_finds_any_part_of_the_name_in_any_case(client, partner_setup, directory):
    client.force_login(partner_setup["sales"])
    body = client.get("/customers/expansion/", {"name": "云帆"}).content.decode()
    assert "杭州云帆智能科技有限公司" in body and "宁波汇通" not in body
    body = client.get("/customers/expansion/", {"name": "NORTHWIND analytics"}).content.decode()
    assert "Northwind Analytics Pte. Ltd." in body and "杭州" not in body
    assert client.get("/customers/expansion/", {"industry": "nonsense"}).status_code == 400


@pytest.mark.parametrize("role", ["finance", "viewer"])
def test_finance_and_viewers_may_not_prospect(client, partner_setup, directory, role):
    client.force_login(partner_setup[role])
    assert client.get("/customers/expansion/").status_code == 403
    assert client.get(f"/customers/expansion/{directory['cn'].pk}/").status_code == 403
    with pytest.raises(Forbidden):
        report(partner_setup[role], directory["cn"])


def test_the_company_page_shows_the_registered_details(client, partner_setup, directory):
    client.force_login(partner_setup["admin"])
    body = client.get(f"/customers/expansion/{directory['cn'].pk}/").content.decode()
    for text in [
        "杭州云帆智能科技有限公司",
        directory["cn"].credit_code,
        "浙江省杭州市",
        "CNY 1,000,000.00",
        "2015-06-01",
    ]:
        assert text in body
    assert 'data-testid="report-company"' in body
    assert client.get("/customers/expansion/999999/").status_code == 404


def test_reporting_creates_a_pending_report_with_its_event(client, partner_setup, directory):
    client.force_login(partner_setup["sales"])
    response = client.post(
        f"/customers/expansion/{directory['cn'].pk}/report/",
        {"expected_spend": "12000.50", "association_type": "resale", "notes": "Met the CTO."},
    )
    assert response.status_code == 302 and response.url == "/customers/reports/"
    made = CustomerReport.objects.get()
    assert (made.partner, made.status, made.expected_spend, made.notes) == (
        partner_setup["distributor"], "pending", Decimal("12000.50"), "Met the CTO.",
    )  # fmt: skip
    assert made.expires_at > timezone.now() + timedelta(days=29)
    assert [(e.old_status, e.new_status, e.actor) for e in made.events.all()] == [
        ("", "pending", partner_setup["sales"])
    ]
    assert "杭州云帆智能科技有限公司" in client.get("/customers/reports/").content.decode()


def test_a_company_reported_by_another_partner_is_refused_until_the_report_expires(partner_setup, directory):
    report(partner_setup["rival_admin"], directory["cn"])
    with pytest.raises(Conflict, match="Another partner reported this company"):
        report(partner_setup["admin"], directory["cn"])
    later = timezone.now() + timedelta(days=31)
    made = report(partner_setup["admin"], directory["cn"], now=later)  # the rival's has expired
    assert made.partner == partner_setup["distributor"]
    statuses = dict(CustomerReport.objects.values_list("partner__name", "status"))
    assert statuses == {"Rival Co": "expired", "Distributor Co": "pending"}


def test_the_refusal_is_on_the_page_and_the_form_before_anyone_clicks(client, partner_setup, directory):
    report(partner_setup["rival_admin"], directory["cn"])
    client.force_login(partner_setup["admin"])
    page = client.get(f"/customers/expansion/{directory['cn'].pk}/").content.decode()
    assert "Another partner reported this company" in page and 'data-testid="report-company"' not in page
    assert "Rival Co" not in page  # the other partner is never named
    response = client.post(
        f"/customers/expansion/{directory['cn'].pk}/report/",
        {"expected_spend": "1", "association_type": "resale"},
    )
    assert response.status_code == 409 and "Another partner reported" in response.content.decode()


def test_an_associated_company_is_refused(partner_setup, directory):
    factories.CustomerFactory(partner=partner_setup["rival"], name="宁波汇通物流有限公司")  # by name
    with pytest.raises(Conflict, match="already associated with a partner"):
        report(partner_setup["admin"], directory["cn2"])
    factories.CustomerFactory(partner=partner_setup["distributor"], company=directory["cn"], account="x1")
    with pytest.raises(Conflict, match="already your customer"):
        report(partner_setup["admin"], directory["cn"])


def test_a_disassociated_customer_no_longer_holds_the_company(partner_setup, directory):
    factories.CustomerFactory(partner=partner_setup["rival"], company=directory["cn"], status="disassociated")
    assert report(partner_setup["admin"], directory["cn"]).status == "pending"


def test_a_company_outside_the_partners_site_is_refused(partner_setup, directory):
    with pytest.raises(Conflict, match="registered on the International site"):
        report(partner_setup["admin"], directory["en"])
    abroad = factories.PartnerFactory(name="Abroad Co", site="international")
    abroad_admin = factories.member(abroad, "admin")
    assert report(abroad_admin, directory["en"]).status == "pending"
    with pytest.raises(Conflict, match="Chinese mainland site"):
        report(abroad_admin, directory["cn"])


def test_the_same_partner_reporting_twice_is_told_it_is_pending(partner_setup, directory):
    report(partner_setup["sales"], directory["cn"])
    with pytest.raises(Conflict, match="pending review"):
        report(partner_setup["admin"], directory["cn"])


@pytest.mark.parametrize("spend", ["-1", "abc", "1.005", "NaN", "1e30"])
def test_a_bad_expected_spend_is_refused_and_changes_nothing(partner_setup, directory, spend):
    with pytest.raises(InvalidInput):
        report(partner_setup["admin"], directory["cn"], spend=spend)
    assert not CustomerReport.objects.exists()


def test_approval_creates_and_associates_the_customer(partner_setup, directory, operator):
    made = report(partner_setup["sales"], directory["cn"], association_type="referral")
    change = report_approve(report_id=made.pk, actor=operator)
    assert change.changed
    customer = Customer.objects.get(company=directory["cn"])
    got = (customer.partner, customer.name, customer.status, customer.association_type, customer.industry)
    assert got == (
        partner_setup["distributor"], "杭州云帆智能科技有限公司", "associated", "referral", "manufacturing",
    )  # fmt: skip
    assert customer.account == f"hwc_{directory['cn'].credit_code.lower()}"
    assert change.report.customer == customer and customer.events.get().actor == operator
    assert not report_approve(report_id=made.pk, actor=operator).changed  # idempotent
    assert Customer.objects.count() == 1 and made.events.count() == 2
    with pytest.raises(Conflict, match="already associated"):  # now associated: nobody else may report it
        report(partner_setup["rival_admin"], directory["cn"])


def test_rejection_needs_a_reason_and_frees_the_company(partner_setup, directory, operator):
    made = report(partner_setup["rival_admin"], directory["cn"])
    with pytest.raises(InvalidInput):
        report_reject(report_id=made.pk, actor=operator, reason="  ")
    report_reject(report_id=made.pk, actor=operator, reason="Already the vendor's direct customer.")
    made.refresh_from_db()
    assert (made.status, made.reason) == ("rejected", "Already the vendor's direct customer.")
    with pytest.raises(Conflict, match="cannot be approved: it is Rejected"):
        report_approve(report_id=made.pk, actor=operator)
    assert report(partner_setup["admin"], directory["cn"]).status == "pending"


def test_the_expiry_job_expires_only_reports_past_their_validity(partner_setup, directory):
    old = report(partner_setup["admin"], directory["cn"], now=timezone.now() - timedelta(days=31))
    fresh = report(partner_setup["admin"], directory["cn2"])
    assert reports_expire() == 1 and reports_expire() == 0
    assert CustomerReport.objects.get(pk=old.pk).status == "expired"
    assert CustomerReport.objects.get(pk=fresh.pk).status == "pending"
    assert CustomerReportEvent.objects.filter(new_status="expired").get().actor is None


def test_report_events_are_append_only(partner_setup, directory):
    event = report(partner_setup["admin"], directory["cn"]).events.get()
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        CustomerReportEvent.objects.all().delete()


def test_operators_approve_and_reject_in_the_admin(client, partner_setup, directory, operator):
    first = report(partner_setup["admin"], directory["cn"])
    second = report(partner_setup["reseller_admin"], directory["cn2"])
    client.force_login(operator)
    url = reverse("admin:customers_customerreport_changelist")
    assert client.get(url).status_code == 200
    client.post(url, {"action": "approve", ACTION_CHECKBOX_NAME: [first.pk]})
    page = client.post(url, {"action": "reject", ACTION_CHECKBOX_NAME: [second.pk]})
    assert 'name="reason"' in page.content.decode()
    client.post(
        url, {"action": "reject", ACTION_CHECKBOX_NAME: [second.pk], "apply": "1", "reason": "Duplicate."}
    )
    assert dict(CustomerReport.objects.values_list("pk", "status")) == {
        first.pk: "approved",
        second.pk: "rejected",
    }
    assert client.get(reverse("admin:customers_company_changelist"), {"q": "云帆"}).status_code == 200


def test_the_api_searches_and_reports_with_the_pages_rules(partner_setup, directory):
    api = APIClient()
    api.force_authenticate(partner_setup["sales"])
    found = api.get("/api/v1/companies/", {"name": "汇通"}).json()
    assert found["count"] == 1 and found["results"][0]["credit_code"] == directory["cn2"].credit_code
    one = api.get(f"/api/v1/companies/{directory['en'].pk}/").json()
    assert one["may_report"] is False and "International" in one["refusal"]
    made = api.post("/api/v1/customer-reports/", {"company": directory["cn"].pk, "expected_spend": "50.00"})
    assert made.status_code == 201 and made.json()["status"] == "pending"
    api.force_authenticate(partner_setup["rival_admin"])
    again = api.post("/api/v1/customer-reports/", {"company": directory["cn"].pk, "expected_spend": "5"})
    assert again.status_code == 409 and "Another partner" in again.json()["detail"]
    assert api.get(f"/api/v1/customer-reports/{made.json()['id']}/").status_code == 404
    assert api.get("/api/v1/customer-reports/").json()["results"] == []
    api.force_authenticate(partner_setup["finance"])
    assert api.get("/api/v1/companies/").status_code == 403


def test_the_menu_leads_to_customer_expansion(client, partner_setup, directory):
    client.force_login(partner_setup["admin"])
    body = client.get("/customers/expansion/").content.decode()
    assert 'href="/customers/reports/"' in body and "Enterprise encyclopedia" in body
