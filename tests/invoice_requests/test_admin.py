"""The invoice clerk's queue in the admin: counts per status, the earliest due first with the
overdue marked, the buttons of the table's next steps, and each button calling the service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incentives.operators import ensure_vendor_finance_group
from invoices.models import InvoiceRequest
from invoices.models import InvoiceRequestStatus as S
from invoices.services.invoice_requests import transition
from tests import factories

from .conftest import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    user = factories.UserFactory(username="clerk-li", is_staff=True)
    user.groups.add(ensure_vendor_finance_group())
    return user


def test_the_queue_counts_per_status_and_puts_the_overdue_first(client, orders, clerk):
    late = request_for(orders, "ORD-1001")
    fresh = request_for(orders, "ORD-1002")
    InvoiceRequest.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=2))
    transition(request_id=request_for(orders, "ORD-1003").pk, action="reject", actor=clerk, reason="no")
    client.force_login(clerk)
    page = client.get("/admin/invoices/invoicerequest/").content.decode()
    assert "Pending review: <strong>2</strong>" in page and "Rejected: <strong>1</strong>" in page
    assert page.index(late.number) < page.index(fresh.number)
    assert page.count('class="overdue"') == 1


def test_the_buttons_follow_the_table_and_call_the_services(client, orders, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    paper = request_for(orders, "ORD-1001", medium="paper")
    client.force_login(clerk)
    url = f"/admin/invoices/invoicerequest/{paper.pk}/change/"
    page = client.get(url).content.decode()
    assert (
        'data-action="approve"' in page
        and 'data-action="reject"' in page
        and 'data-action="issue"' not in page
    )
    client.post(f"/admin/invoices/invoicerequest/{paper.pk}/act/approve/")
    page = client.get(url).content.decode()
    assert 'data-action="mail"' in page and 'data-action="issue"' not in page  # paper: mailed, not issued
    refused = client.post(
        f"/admin/invoices/invoicerequest/{paper.pk}/act/mail/", {"carrier": "SF", "tracking_number": ""}
    )
    assert refused.status_code == 200  # the form again: a tracking number is required
    client.post(
        f"/admin/invoices/invoicerequest/{paper.pk}/act/mail/", {"carrier": "SF", "tracking_number": "SF9"}
    )
    paper.refresh_from_db()
    assert paper.status == S.PENDING_RECEIPT and paper.tracking_number == "SF9" and paper.due_at is None
    electronic = request_for(orders, "ORD-1002")
    client.post(f"/admin/invoices/invoicerequest/{electronic.pk}/act/approve/")
    client.post(f"/admin/invoices/invoicerequest/{electronic.pk}/act/issue/")
    electronic.refresh_from_db()
    assert electronic.status == S.ISSUED and electronic.pdf
    assert client.get(f"/admin/invoices/invoicerequest/{electronic.pk}/invoice.pdf").status_code == 200


def test_staff_without_the_clerks_permission_cannot_act(client, orders):
    staff = factories.UserFactory(username="nobody", is_staff=True)
    request = request_for(orders, "ORD-1001")
    client.force_login(staff)
    assert client.post(f"/admin/invoices/invoicerequest/{request.pk}/act/approve/").status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == S.PENDING_REVIEW
