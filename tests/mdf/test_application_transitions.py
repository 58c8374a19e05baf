"""Every application transition: its table, its audit event, its idempotency, its refusals."""

from decimal import Decimal

import pytest

from mdf.models import ApplicationStatus as A
from mdf.models import MdfEvent
from mdf.services import applications as apps
from partner_center.errors import Conflict, Forbidden, InvalidInput

from .conftest import approved, draft, submitted

pytestmark = pytest.mark.django_db


def events(application):
    return list(
        MdfEvent.objects.filter(application=application).values_list(
            "action", "old_status", "new_status", "actor__username", "reason"
        )
    )


def test_a_draft_is_saved_at_every_step_and_totals_its_cost_items(mdf_setup):
    user = mdf_setup["admin"]
    application = draft(user, items=[("venue", "30000.00"), ("catering", "1234.56")])
    assert application.status == A.DRAFT and application.steps_done == 3
    assert application.amount == Decimal("31234.56")
    assert application.partner == mdf_setup["distributor"]
    assert events(application) == [("create", "", "draft", user.username, "")]


def test_submit_moves_to_under_review_once_and_records_who(mdf_setup):
    user = mdf_setup["sales"]
    application = draft(user)
    first = apps.application_submit(application_id=application.pk, actor=user)
    again = apps.application_submit(application_id=application.pk, actor=user)
    assert (first.changed, again.changed) == (True, False)
    assert first.obj.status == A.UNDER_REVIEW and first.obj.quota == mdf_setup["quota"]
    assert events(application)[-1] == ("submit", "draft", "under_review", user.username, "")
    assert MdfEvent.objects.filter(application=application, action="submit").count() == 1


def test_submit_refuses_an_incomplete_draft(mdf_setup):
    user = mdf_setup["admin"]
    application = apps.application_save_plan(
        actor=user,
        title="Half done",
        activity_type="seminar",
        starts_on=draft(user).starts_on,
        ends_on=draft(user).ends_on,
        location="Beijing",
        plan="p",
        agreement_accepted=True,
    )
    with pytest.raises(InvalidInput, match="three steps"):
        apps.application_submit(application_id=application.pk, actor=user)
    application.refresh_from_db()
    assert application.status == A.DRAFT


@pytest.mark.parametrize("action", ["approve", "return", "reject"])
def test_reviewer_decisions_from_under_review(mdf_setup, action):
    application = submitted(mdf_setup["admin"])
    operator = mdf_setup["operator"]
    service = getattr(apps, f"application_{action}")
    done = service(application_id=application.pk, actor=operator, reason="Budget too vague")
    assert (
        done.changed
        and done.obj.status == {"approve": A.APPROVED, "return": A.RETURNED, "reject": A.REJECTED}[action]
    )
    assert service(application_id=application.pk, actor=operator, reason="again").changed is False
    assert events(application)[-1][:4] == (action, "under_review", done.obj.status, operator.username)


@pytest.mark.parametrize("action", ["return", "reject"])
def test_return_and_reject_need_a_reason(mdf_setup, action):
    application = submitted(mdf_setup["admin"])
    with pytest.raises(InvalidInput, match="reason"):
        getattr(apps, f"application_{action}")(
            application_id=application.pk, actor=mdf_setup["operator"], reason="  "
        )
    application.refresh_from_db()
    assert application.status == A.UNDER_REVIEW


def test_a_returned_application_is_edited_and_resubmitted(mdf_setup):
    user = mdf_setup["admin"]
    application = submitted(user)
    apps.application_return(application_id=application.pk, actor=mdf_setup["operator"], reason="Add catering")
    apps.application_save_budget(
        actor=user, application_id=application.pk, items=[("venue", "", "30000"), ("catering", "", "500")]
    )
    again = apps.application_submit(application_id=application.pk, actor=user, confirm_duplicate=True)
    assert again.changed and again.obj.amount == Decimal("30500.00")
    assert [e[0] for e in events(application)] == ["create", "submit", "return", "submit"]


def test_an_approved_application_cannot_change_its_key_facts(mdf_setup):
    user = mdf_setup["admin"]
    application = approved(user, mdf_setup["operator"])
    assert application.claim_due_on == application.ends_on + __import__("datetime").timedelta(days=90)
    with pytest.raises(Conflict, match="new application"):
        apps.application_save_budget(actor=user, application_id=application.pk, items=[("venue", "", "1")])


@pytest.mark.parametrize("reviewed", [False, True])
def test_the_partner_cancels_under_review_or_approved(mdf_setup, reviewed):
    user = mdf_setup["admin"]
    application = approved(user, mdf_setup["operator"]) if reviewed else submitted(user)
    done = apps.application_cancel(application_id=application.pk, actor=user, reason="Event moved online")
    assert done.changed and done.obj.status == A.CANCELLED
    assert apps.application_cancel(application_id=application.pk, actor=user).changed is False
    assert events(application)[-1][:3] == ("cancel", application.status, "cancelled")


@pytest.mark.parametrize("status_of", ["draft", "rejected"])
def test_wrong_transitions_are_conflicts_and_change_nothing(mdf_setup, status_of):
    user = mdf_setup["admin"]
    application = draft(user)
    if status_of == "rejected":
        apps.application_submit(application_id=application.pk, actor=user)
        apps.application_reject(application_id=application.pk, actor=mdf_setup["operator"], reason="No")
    before = events(application)
    for service in (apps.application_approve, apps.application_cancel):
        with pytest.raises(Conflict):
            service(
                application_id=application.pk,
                actor=user if service is apps.application_cancel else mdf_setup["operator"],
            )
    assert events(application) == before


@pytest.mark.parametrize("role", ["finance", "viewer"])
def test_only_admin_and_sales_apply(mdf_setup, role):
    with pytest.raises(Forbidden):
        draft(mdf_setup[role])
    application = draft(mdf_setup["admin"])
    with pytest.raises(Forbidden):
        apps.application_submit(application_id=application.pk, actor=mdf_setup[role])


def test_events_are_append_only(mdf_setup):
    application = draft(mdf_setup["admin"])
    event = MdfEvent.objects.get(application=application)
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        MdfEvent.objects.filter(pk=event.pk).delete()
