"""Automatic monthly requests: exactly once per incentive, however often the job runs."""

import pytest
from django.utils import timezone

from invoices.models import PaymentOption, PaymentRequest
from invoices.services.holds import hold_place
from invoices.services.payment_auto import payment_requests_automatic
from invoices.services.payments import payment_cancel
from invoices.tasks import submit_automatic_payment_requests, sync_holds_from_arrears

from .conftest import ids, verified_payee

pytestmark = pytest.mark.django_db


def test_run_twice_gives_one_request_with_every_payable_incentive(payable):
    verified_payee(payable["distributor"], auto_request=True, auto_option=PaymentOption.TOP_UP)
    assert payment_requests_automatic() == {"made": 1, "skipped": 0}
    assert submit_automatic_payment_requests() == {"made": 0, "skipped": 0}
    request = PaymentRequest.objects.get()
    assert request.automatic and request.submitted_by is None and request.option == PaymentOption.TOP_UP
    assert sorted(request.items.values_list("incentive__incentive_id", flat=True)) == sorted(
        ids(payable, "2026-08-RSL", "2026-08-REF", "2026-09-REF")
    )
    assert request.events.get().actor_label == "System"


def test_a_cancelled_automatic_request_is_not_made_again(payable):
    verified_payee(payable["distributor"], auto_request=True, auto_option=PaymentOption.COUPONS)
    payment_requests_automatic()
    payment_cancel(request_id=PaymentRequest.objects.get().pk, actor=payable["admin"])
    assert payment_requests_automatic() == {"made": 0, "skipped": 0}
    assert PaymentRequest.objects.count() == 1


def test_bank_transfer_takes_only_referral_incentives_and_a_hold_skips_the_partner(payable):
    verified_payee(payable["distributor"], auto_request=True, auto_option=PaymentOption.BANK_TRANSFER)
    hold_place(partner=payable["distributor"], reason="x", since=timezone.localdate(), until=None, actor=None)
    assert payment_requests_automatic() == {"made": 0, "skipped": 1}
    payable["distributor"].holds.update(lifted_at=timezone.now())
    assert payment_requests_automatic()["made"] == 1
    request = PaymentRequest.objects.get()
    assert sorted(request.items.values_list("incentive__incentive_id", flat=True)) == sorted(
        ids(payable, "2026-08-REF", "2026-09-REF")
    )


def test_the_daily_hold_task_runs_the_service(payable):
    assert sync_holds_from_arrears() == {"placed": 0, "lifted": 0}


def test_seed_demo_shows_a_request_in_every_status_and_a_hold_on_the_rival(db):
    from django.core.management import call_command

    from invoices.models import Hold, PaymentStatus

    call_command("seed_demo", "--details", "300")
    statuses = set(PaymentRequest.objects.values_list("status", flat=True))
    assert statuses == set(PaymentStatus.values)
    assert Hold.objects.get().partner.name == "Rival Cloud Partner"
    count = PaymentRequest.objects.count()
    call_command("seed_demo", "--details", "300")
    assert PaymentRequest.objects.count() == count
