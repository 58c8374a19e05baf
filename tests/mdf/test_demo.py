"""seed_demo brings MDF data: a quota, applications in several statuses, claims with proof."""

import pytest

from incentives.demo import seed_demo
from mdf.models import Application, Claim, Proof
from mdf.selectors.quotas import quota_figures

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_mdf_data_once():
    seed_demo(details=30)
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "approved", "draft", "returned", "under_review"]
    assert sorted(Claim.objects.values_list("status", flat=True)) == ["paid", "submitted"]
    assert Proof.objects.exclude(thumbnail="").count() == Proof.objects.count() > 0
    quota = Application.objects.get(title="Suzhou industry forum").quota
    figures = quota_figures(quota)
    assert figures.requested == 20000 and figures.left == quota.amount - figures.requested - figures.approved
    seed_demo(details=30)
    assert Application.objects.count() == 6 and Claim.objects.count() == 2
