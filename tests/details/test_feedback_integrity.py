"""The feedback thread is the audit trail: append-only; and the Details totals stay exact."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import DatabaseError, connection, connections
from django.db.models import Count, Sum

from incentives.models import DetailLine, FeedbackMessage, LineTotal
from incentives.services.feedback import feedback_add, feedback_reply
from incentives.services.line_totals import line_totals_move, line_totals_rebuild
from tests.details.helpers import db_lines

pytestmark = pytest.mark.django_db


def totals_agree_with_lines():
    by_lines = DetailLine.objects.values("incentive", "customer", "product_type", "feedback_status")
    by_lines = by_lines.annotate(n=Count("id"), s=Sum("amount")).order_by(*by_lines.query.values_select)
    by_totals = LineTotal.objects.exclude(line_count=0).values(
        "incentive", "customer", "product_type", "feedback_status"
    )
    by_totals = by_totals.annotate(n=Sum("line_count"), s=Sum("amount")).order_by(
        *by_totals.query.values_select
    )
    return [tuple(r.values()) for r in by_lines] == [tuple(r.values()) for r in by_totals]


def test_feedback_messages_cannot_be_edited_or_deleted_through_the_orm(world):
    message = FeedbackMessage.objects.first()
    message.text = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        message.save()
    with pytest.raises(ValueError, match="append-only"):
        message.delete()
    with pytest.raises(ValueError, match="append-only"):
        FeedbackMessage.objects.update(text="x")


def test_totals_heal_themselves_if_they_ever_disagree(world):
    line = db_lines(world["distributor"], "2026-11")[0]
    LineTotal.objects.filter(statement=line.incentive.statement).delete()  # simulate drift
    line.feedback_status = "open"
    line.save(update_fields=["feedback_status"])
    line_totals_move(line=line, statement_id=line.incentive.statement_id, old_status="", new_status="open")
    assert totals_agree_with_lines()


def test_rebuild_matches_the_lines(world):
    line_totals_rebuild(statement_ids=[bill.pk for bill in world["bills"].values()])
    assert totals_agree_with_lines()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_refuses_to_edit_or_delete_feedback_messages(world):
    message = FeedbackMessage.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE incentives_feedbackmessage SET text = 'x' WHERE id = %s", [message.pk])
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM incentives_feedbackmessage WHERE id = %s", [message.pk])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_feedback_and_replies_keep_every_message_and_exact_totals(world, operator):
    lines = [line for line in db_lines(world["distributor"], "2026-10")]
    # lines of the sales user's customers (a sales user writes only on those)
    quiet = [line for line in lines if not line.feedback_status and line.account_manager == "Li Wei"][:8]
    answered = [line for line in lines if line.feedback_status == "open"]
    users = [world["admin"], world["finance"], world["sales"]]
    jobs = [("add", line, users[n % 3]) for n, line in enumerate(quiet)]
    jobs += [("add", quiet[0], users[1]), ("add", quiet[0], users[2])]  # three writers on one line
    jobs += [("reply", line, operator) for line in answered]
    barrier = Barrier(len(jobs))

    def run(job):
        kind, line, user = job
        try:
            barrier.wait()
            if kind == "add":
                return feedback_add(line_id=line.pk, actor=user, text=f"{user.username} on {line.pk}")
            return feedback_reply(line_id=line.pk, actor=user, text="Looked at it.", status="answered")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(run, jobs))

    assert FeedbackMessage.objects.filter(line__in=quiet).count() == len(quiet) + 2
    assert set(
        DetailLine.objects.filter(pk__in=[line.pk for line in quiet]).values_list(
            "feedback_status", flat=True
        )
    ) == {"open"}
    assert totals_agree_with_lines()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_feedback_racing_the_payout_approval_never_lands_on_an_issued_bill(world, operator):
    from incentives.services.statements import statement_approve, statement_confirm
    from partner_center.errors import DomainError

    bill = world["bills"]["2026-10"]
    statement_confirm(statement_id=bill.pk, actor=world["finance"])
    line = next(line for line in db_lines(world["distributor"], "2026-10") if not line.feedback_status)
    barrier = Barrier(2)

    def approve():
        try:
            barrier.wait()
            return statement_approve(statement_id=bill.pk, actor=operator).changed
        finally:
            connections.close_all()

    def write():
        try:
            barrier.wait()
            return feedback_add(line_id=line.pk, actor=world["admin"], text="Just in time?").feedback_status
        except DomainError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        approved, written = pool.submit(approve), pool.submit(write)
        approved, written = approved.result(), written.result()

    assert approved is True
    messages = FeedbackMessage.objects.filter(line=line)
    # either the feedback committed before the approval took the bill's lock, or it was refused
    assert (written, messages.count()) in {("open", 1), ("refused", 0)}


def test_demo_data_has_feedback_in_every_status_once(db):
    from incentives.demo import seed_demo

    seed_demo(details=600)
    statuses = set(DetailLine.objects.exclude(feedback_status="").values_list("feedback_status", flat=True))
    messages = FeedbackMessage.objects.count()
    seed_demo(details=600)

    assert statuses == {"open", "answered", "resolved"}
    assert FeedbackMessage.objects.count() == messages
    assert totals_agree_with_lines()
