"""seed_demo gives Demo Distributor one offline contract nearly complete and one behind."""

import pytest

from incentives.demo import seed_demo
from invoices.models import OfflineContract
from invoices.selectors.contracts import contract_progress

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_nearly_complete_and_a_behind_contract(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_demo(details=200)
    shares = sorted(contract_progress(c).percent for c in OfflineContract.objects.filter(partner__code="P1001"))
    assert len(shares) == 2 and shares[0] < 50 and 90 <= shares[1] < 100
    assert all(c.signed_pdf.read(5) == b"%PDF-" for c in OfflineContract.objects.all())
