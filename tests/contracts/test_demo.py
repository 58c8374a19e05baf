"""seed_demo gives Demo Distributor one offline contract nearly complete and one behind."""

import pytest

from incentives.demo import seed_demo
from invoices.models import OfflineContract
from invoices.selectors.contracts import contract_progress

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_nearly_complete_and_a_behind_contract(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo(details=200)
    shares = sorted(
        contract_progress(c).percent for c in OfflineContract.objects.filter(partner__code="P1001")
    )
    assert len(shares) == 2 and shares[0] < 50 and 90 <= shares[1] < 100
    assert all(c.signed_pdf.read(5) == b"%PDF-" for c in OfflineContract.objects.all())


def test_the_demo_has_certifications_one_expiring_soon(settings, tmp_path):
    from django.utils import timezone

    from customers.models import CapabilityLabel, Certification
    from customers.selectors.labels import EXPIRING_DAYS

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo(details=60)
    held = Certification.objects.filter(partner__code="P1001")
    soon = timezone.localdate() + timezone.timedelta(days=EXPIRING_DAYS)
    assert held.count() == 3 and held.filter(valid_until__lt=soon).count() == 1
    assert CapabilityLabel.objects.exclude(certifications__partner__code="P1001").exists()  # one not held
