"""Quota arithmetic: requested, approved, claimed, paid and left, and no overdraft, even when
many partner users submit at the same moment (PostgreSQL row locks)."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import pytest
from django.db import connections

from mdf.models import Application, ApplicationStatus
from mdf.selectors.quotas import quota_figures
from mdf.services import applications as apps
from mdf.services import claims
from partner_center.errors import Conflict
from tests import factories

from .conftest import approved, claim_ready, draft, quota_for, submitted


def figures(quota):
    f = quota_figures(quota)
    return (f.requested, f.approved, f.claimed, f.paid, f.left)


@pytest.mark.django_db
def test_figures_follow_each_application_and_claim(mdf_setup):
    user, operator, quota = mdf_setup["admin"], mdf_setup["operator"], mdf_setup["quota"]
    D = Decimal
    assert figures(quota) == (0, 0, 0, 0, D("100000.00"))
    draft(user, title="Only a draft", items=[("venue", "5000")])
    assert figures(quota) == (0, 0, 0, 0, D("100000.00"))  # drafts hold nothing
    first = submitted(user, title="Summit A", items=[("venue", "30000")])
    assert figures(quota) == (D("30000"), 0, 0, 0, D("70000"))
    apps.application_approve(application_id=first.pk, actor=operator)
    assert figures(quota) == (0, D("30000"), 0, 0, D("70000"))
    second = submitted(user, title="Roadshow B", items=[("advertising", "20000")])
    apps.application_reject(application_id=second.pk, actor=operator, reason="no")
    assert figures(quota) == (0, D("30000"), 0, 0, D("70000"))  # a rejection gives it back
    claim = claim_ready(user, Application.objects.get(pk=first.pk))
    claims.claim_save(
        claim_id=claim.pk,
        actor=user,
        held_starts_on=claim.held_starts_on,
        held_ends_on=claim.held_ends_on,
        attendance=10,
        summary="s",
        over_reason="",
        amounts={i.pk: D("25000") for i in first.cost_items.all()},
    )
    claims.claim_submit(claim_id=claim.pk, actor=user)
    assert figures(quota) == (0, D("30000"), D("25000"), 0, D("70000"))
    claims.claim_approve(claim_id=claim.pk, actor=operator)
    assert figures(quota) == (0, D("30000"), D("25000"), 0, D("75000"))  # the unspent 5,000 returns
    claims.claim_pay(claim_id=claim.pk, actor=operator)
    assert figures(quota) == (0, D("30000"), D("25000"), D("25000"), D("75000"))


@pytest.mark.django_db
def test_submission_above_what_is_left_is_refused(mdf_setup):
    user = mdf_setup["admin"]
    submitted(user, title="Big summit", items=[("venue", "90000")])
    application = draft(user, title="Second roadshow", items=[("venue", "10000.01")])
    with pytest.raises(Conflict, match="exceeds the quota left, 10,000.00"):
        apps.application_submit(application_id=application.pk, actor=user, confirm_duplicate=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.quota is None


@pytest.mark.django_db
def test_cancelling_gives_the_amount_back(mdf_setup):
    user, quota = mdf_setup["admin"], mdf_setup["quota"]
    application = approved(user, mdf_setup["operator"], items=[("venue", "60000")])
    assert quota_figures(quota).left == Decimal("40000")
    apps.application_cancel(application_id=application.pk, actor=user)
    assert quota_figures(quota).left == Decimal("100000")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_concurrent_submissions_never_overdraw_the_quota():
    partner = factories.PartnerFactory()
    quota = quota_for(partner, amount="50000.00")
    users = [factories.member(partner, "sales", username=f"seller{n}") for n in range(12)]
    drafts = [
        draft(user, title=f"Activity {n} unique {n * 7919}", items=[("venue", "10000")])
        for n, user in enumerate(users)
    ]
    barrier = Barrier(len(users))

    def submit(pair):
        user, application = pair
        try:
            barrier.wait()
            return apps.application_submit(
                application_id=application.pk, actor=user, confirm_duplicate=True
            ).changed
        except Conflict:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        results = list(pool.map(submit, zip(users, drafts, strict=True)))

    assert results.count(True) == 5  # 5 x 10,000 fit in 50,000; the other 7 are refused
    f = quota_figures(quota)
    assert f.requested == Decimal("50000") and f.left == Decimal("0")
    assert Application.objects.filter(status=ApplicationStatus.UNDER_REVIEW).count() == 5
