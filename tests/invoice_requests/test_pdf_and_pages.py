"""The electronic invoice PDF opens and carries the right number, buyer and total; the partner
pages: the list with filters and the next step, the request form's invoiceable orders and
total, the detail with reason, timeline and the actions of its status; the tenancy of pages."""

from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from invoices.models import InvoiceProfile, InvoiceRequest
from invoices.services.invoice_issue import invoice_request_issue
from invoices.services.invoice_requests import transition

from .conftest import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def issued(orders, *order_ids):
    request = request_for(orders, *order_ids)
    transition(request_id=request.pk, action="approve", actor=orders["admin"])
    return invoice_request_issue(request_id=request.pk, actor=orders["admin"]).request


def test_the_pdf_opens_and_carries_the_number_and_total(orders, media):
    request = issued(orders, "ORD-1001", "ORD-1002")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(request.pdf.read())).pages)
    assert len(request.invoice_number) == 20 and request.invoice_number in text
    assert "CNY 1,393.33" in text and "78.87" in text  # total and tax
    assert "Distributor Co Ltd." in text and "ORD-1001" in text and "ORD-1002" in text


def test_the_pdf_is_downloaded_by_the_partner_only(client, orders, media):
    request = issued(orders, "ORD-1001")
    client.force_login(orders["viewer"])
    answer = client.get(reverse("billing:invoice_download", args=[request.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    client.force_login(orders["rival_admin"])
    assert client.get(reverse("billing:invoice_download", args=[request.pk])).status_code == 404
    assert client.get(reverse("billing:invoice_request", args=[request.pk])).status_code == 404


def test_issue_and_reject_mail_the_partner(orders, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        electronic = issued(orders, "ORD-1001")
        rejected = request_for(orders, "ORD-1002")
        transition(request_id=rejected.pk, action="reject", actor=orders["admin"], reason="Wrong tax ID")
    assert {message.subject for message in mail.outbox} == {
        f"Invoice request {rejected.number} was rejected",
        f"Invoice request {electronic.number}: your electronic invoice is issued",
    }
    rejection = next(m for m in mail.outbox if "rejected" in m.subject)
    assert "Wrong tax ID" in rejection.body
    assert {tuple(m.to) for m in mail.outbox} == {(orders["admin"].email,), (orders["finance"].email,)}


def test_the_list_shows_status_next_step_and_reason_with_filters(client, orders):
    waiting = request_for(orders, "ORD-1001")
    rejected = request_for(orders, "ORD-1002", medium="paper")
    transition(request_id=rejected.pk, action="reject", actor=orders["admin"], reason="Title misspelt")
    client.force_login(orders["viewer"])
    page = client.get(reverse("billing:invoices")).content.decode()
    assert waiting.number in page and rejected.number in page
    assert "The invoice clerk reviews by" in page and "CST" in page and "Title misspelt" in page
    only = client.get(reverse("billing:invoices"), {"status": "rejected"}).content.decode()
    assert rejected.number in only and waiting.number not in only
    paper = client.get(reverse("billing:invoices"), {"medium": "electronic"}).content.decode()
    assert waiting.number in paper and rejected.number not in paper


def test_the_form_shows_the_invoiceable_orders_and_total_before_submitting(client, orders):
    client.force_login(orders["finance"])
    page = client.get(
        reverse("billing:invoice_new"),
        {"basis": "period", "period": "2026-10", "kind": "ordinary", "medium": "paper"},
    ).content.decode()
    assert "ORD-1001" in page and "ORD-1003" in page and "ORD-1101" not in page and "RIVAL-1" not in page
    assert "CNY 1,393.34" in page and 'data-testid="submit-invoice-request"' in page
    answer = client.post(
        reverse("billing:invoice_new"),
        {"basis": "period", "period": "2026-10", "kind": "ordinary", "medium": "paper"},
    )
    assert answer.status_code == 302
    detail = client.get(answer["Location"]).content.decode()
    assert (
        "Pending review" in detail and "CNY 1,393.34" in detail and 'data-testid="cancel-invoice"' in detail
    )


def test_a_viewer_sees_but_cannot_request(client, orders):
    client.force_login(orders["viewer"])
    page = client.get(
        reverse("billing:invoice_new"), {"basis": "period", "period": "2026-10"}
    ).content.decode()
    assert "ORD-1001" in page and "submit-invoice-request" not in page
    answer = client.post(
        reverse("billing:invoice_new"),
        {"basis": "period", "period": "2026-10", "kind": "ordinary", "medium": "paper"},
    )
    assert answer.status_code == 403


def test_the_detail_offers_the_actions_of_its_status(client, orders):
    request = request_for(orders, "ORD-1001", medium="paper")
    client.force_login(orders["finance"])
    for action in ("approve", "request_cancel", "reject_cancel"):
        transition(request_id=request.pk, action=action, actor=orders["admin"], reason="Already printed")
    page = client.get(reverse("billing:invoice_request", args=[request.pk])).content.decode()
    assert "Issuing (cancellation failed)" in page and "Already printed" in page
    assert "cancel-invoice" not in page  # no second cancel
    answer = client.post(reverse("billing:invoice_cancel", args=[request.pk]), follow=True)
    assert "cannot be cancelled" in answer.content.decode()


def test_a_rejected_request_is_deleted_from_the_list_and_can_be_asked_again(client, orders):
    request = request_for(orders, "ORD-1001")
    transition(request_id=request.pk, action="reject", actor=orders["admin"], reason="no")
    client.force_login(orders["finance"])
    page = client.get(reverse("billing:invoice_request", args=[request.pk])).content.decode()
    assert "request-again" in page and "delete-invoice" in page
    again = client.get(
        f"{reverse('billing:invoice_new')}?basis=orders&orders=ORD-1001&kind=ordinary&medium=paper"
    )
    assert "basis=orders&amp;period=&amp;customer=&amp;orders=ORD-1001" in page
    assert "CNY 1,060.00" in again.content.decode()  # freed by the rejection: invoiceable again
    deleted = client.post(reverse("billing:invoice_delete", args=[request.pk]), follow=True).content.decode()
    assert f"Invoice request {request.number} deleted." in deleted
    assert request.number not in client.get(reverse("billing:invoices")).content.decode()
    assert request.events.latest("id").action == "delete"


def test_the_invoice_information_page_saves_and_explains(client, orders):
    client.force_login(orders["admin"])
    form = {"title_type": "enterprise", "title": "New title", "tax_id": "bad"}
    page = client.post(reverse("billing:invoice_profile"), form, follow=True).content.decode()
    assert "unified social credit code" in page
    form["tax_id"] = "91310000132220681X"
    assert InvoiceProfile.objects.get(partner=orders["distributor"]).title == "Distributor Co Ltd."
    client.post(reverse("billing:invoice_profile"), form)
    assert InvoiceProfile.objects.get(partner=orders["distributor"]).title == "New title"


def test_the_list_pages_through_every_request_keeping_the_filters(client, orders, monkeypatch):
    """No request is out of reach: the list is paged (older ones are on the next pages), a
    filter stays in the page links, and a page past the end or a malformed one is refused."""
    import invoices.views.invoice_requests as views

    monkeypatch.setattr(views, "LIST_ROWS", 2)
    made = [
        request_for(orders, order_id, medium="paper") for order_id in ("ORD-1001", "ORD-1002", "ORD-1003")
    ]
    InvoiceRequest.objects.filter(pk__in=[r.pk for r in made]).update(status="cancelled")
    client.force_login(orders["viewer"])

    first = client.get(reverse("billing:invoices"), {"status": "cancelled"}).content.decode()
    second = client.get(reverse("billing:invoices"), {"status": "cancelled", "page": "2"}).content.decode()

    assert "Page 1 of 2" in first and "status=cancelled&amp;page=2" in first
    assert [r.number in first for r in made] == [False, True, True]  # newest first
    assert made[0].number in second and "Page 2 of 2" in second
    assert client.get(reverse("billing:invoices"), {"page": "3"}).status_code == 404
    assert client.get(reverse("billing:invoices"), {"page": "²"}).status_code == 400
