"""seed_demo creates the invoice information, resale orders and a request in every status, once."""

import pytest

from incentives.demo import seed_demo
from invoices.models import InvoiceProfile, InvoiceRequest, InvoiceRequestStatus, ResaleOrder


@pytest.mark.django_db
def test_the_demo_has_a_request_in_every_status_and_runs_twice(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo(details=300)
    orders = ResaleOrder.objects.count()
    seed_demo(details=300)
    assert ResaleOrder.objects.count() == orders > len(InvoiceRequestStatus)
    assert InvoiceProfile.objects.count() == 1
    assert sorted(InvoiceRequest.objects.values_list("status", flat=True)) == sorted(
        InvoiceRequestStatus.values
    )
    issued = InvoiceRequest.objects.get(status=InvoiceRequestStatus.ISSUED)
    assert issued.pdf and issued.invoice_number
