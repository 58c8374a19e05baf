"""Finance in the admin: the queue per status with counts and due dates, and the buttons of a
request's page, which call the same services; operators verify payees and lift holds."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from incentives.operators import ensure_operators_group
from invoices.models import (
    PayeeProfile,
    PayeeStatus,
    PaymentEvent,
    PaymentOption,
    PaymentRequest,
    PaymentStatus,
)
from invoices.services.payment_submit import payment_request_submit
from partner_center.working_days import add_working_days
from tests import factories

from .conftest import ids, verified_payee

pytestmark = pytest.mark.django_db
S = PaymentStatus


@pytest.fixture
def operator(db):
    user = factories.UserFactory(username="operator", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


def act(client, request, action, data=None):
    return client.post(reverse("admin:invoices_paymentrequest_act", args=[request.pk, action]), data or {})


def test_the_queue_counts_requests_per_status(client, operator, payable):
    payment_request_submit(user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option="top_up")
    client.force_login(operator)
    page = client.get(reverse("admin:invoices_paymentrequest_changelist")).content.decode()
    assert "Submitted (processing): <strong>1</strong>" in page
    assert "Paid: <strong>0</strong>" in page
    assert "Top-up or coupons due" in page


def test_finance_runs_a_bank_transfer_to_paid_through_the_buttons(client, operator, payable, payee, settings):
    request = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-09-REF"), option=PaymentOption.BANK_TRANSFER
    )
    client.force_login(operator)
    page = client.get(reverse("admin:invoices_paymentrequest_change", args=[request.pk])).content.decode()
    assert 'data-action="accept"' in page and 'data-action="pay"' not in page
    act(client, request, "accept")
    request.refresh_from_db()
    assert request.status == S.AWAITING_INVOICE
    PaymentRequest.objects.filter(pk=request.pk).update(status=S.INVOICE_REVIEW)
    assert act(client, request, "reject_invoice", {"reason": ""}).status_code == 200  # the form again
    act(client, request, "reject_invoice", {"reason": "Wrong invoice title"})
    request.refresh_from_db()
    assert request.status == S.AWAITING_INVOICE
    PaymentRequest.objects.filter(pk=request.pk).update(status=S.INVOICE_REVIEW)
    act(client, request, "approve")
    act(client, request, "pay", {"paid_on": "2026-10-20", "reference": "ICBC-77", "amount": "1.00"})
    request.refresh_from_db()
    assert request.status == S.APPROVED  # a wrong amount is refused
    act(
        client,
        request,
        "pay",
        {"paid_on": "2026-10-20", "reference": "ICBC-77", "amount": str(request.total)},
    )
    request.refresh_from_db()
    assert (request.status, request.payment_reference, request.paid_on) == (
        S.PAID,
        "ICBC-77",
        date(2026, 10, 20),
    )
    actions = list(PaymentEvent.objects.filter(request=request).values_list("action", flat=True))
    assert actions == ["submit", "accept", "reject_invoice", "approve", "pay"]
    assert all(
        e.actor == operator for e in PaymentEvent.objects.filter(request=request).exclude(action="submit")
    )


def test_staff_without_the_permission_gets_a_403(client, payable):
    staff = factories.UserFactory(username="staff", is_staff=True)
    request = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option="top_up"
    )
    client.force_login(staff)
    assert act(client, request, "fulfil", {"paid_on": "2026-10-20", "amount": "1"}).status_code == 403
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_e_mail_goes_to_admin_and_finance_when_an_invoice_is_needed_and_when_paid(
    client, operator, payable, payee, django_capture_on_commit_callbacks
):
    request = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-09-REF"), option=PaymentOption.BANK_TRANSFER
    )
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, request, "accept")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([payable["admin"].email, payable["finance"].email])
    assert request.number in mail.outbox[0].subject and "invoice" in mail.outbox[0].subject


def test_working_days_follow_the_china_calendar_with_make_up_days():
    # National Day 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)


def test_operators_verify_and_reject_payee_profiles(client, operator, payable):
    profile = verified_payee(payable["distributor"], status=PayeeStatus.PENDING)
    client.force_login(operator)
    url = reverse("admin:invoices_payeeprofile_changelist")
    client.post(
        url,
        {"action": "reject", "_selected_action": [profile.pk], "apply": "1", "reason": "Letter unreadable"},
    )
    profile.refresh_from_db()
    assert (profile.status, profile.rejection_reason) == (PayeeStatus.REJECTED, "Letter unreadable")
    PayeeProfile.objects.filter(pk=profile.pk).update(status=PayeeStatus.PENDING)
    client.post(url, {"action": "verify", "_selected_action": [profile.pk]})
    profile.refresh_from_db()
    assert profile.status == PayeeStatus.VERIFIED and profile.verified_at is not None
    assert list(profile.events.values_list("action", flat=True)) == ["reject", "verify"]


def test_a_money_amount_is_decimal_everywhere(payable):
    request = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option="coupons"
    )
    assert isinstance(request.total, Decimal)


def test_every_admin_page_of_the_app_opens(client, operator, payable, payee):
    request = payment_request_submit(
        user=payable["admin"], incentive_ids=ids(payable, "2026-08-RSL"), option="top_up"
    )
    client.force_login(operator)
    client.post(
        reverse("admin:invoices_hold_add"),
        {"partner": payable["rival"].pk, "reason": "Audit", "since": "2026-10-01", "until": ""},
    )
    hold = payable["rival"].holds.get()
    pages = [
        reverse("admin:invoices_paymentrequest_change", args=[request.pk]),
        reverse("admin:invoices_paymentrequest_act", args=[request.pk, "fulfil"]),
        reverse("admin:invoices_payeeprofile_change", args=[payee.pk]),
        reverse("admin:invoices_hold_changelist"),
        reverse("admin:invoices_hold_change", args=[hold.pk]),
        reverse("admin:invoices_arrears_changelist"),
        reverse("admin:invoices_arrears_add"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.post(reverse("admin:invoices_hold_changelist"), {"action": "lift", "_selected_action": [hold.pk]})
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == operator
