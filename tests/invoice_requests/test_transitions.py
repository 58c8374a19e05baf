"""Every allowed and refused transition of the eleven statuses, written out by hand from the
issue's table (so a wrong TRANSITIONS fails here); repeats are no-op successes; every change
is audited with actor, time and reason."""

import pytest

from invoices.models import InvoiceRequest, InvoiceRequestEvent
from invoices.models import InvoiceRequestStatus as S
from invoices.services.invoice_requests import TRANSITIONS, transition
from partner_center.errors import Conflict, InvalidInput

from .conftest import in_status

pytestmark = pytest.mark.django_db

P, E = "paper", "electronic"
# (action, from status) -> (to status, the media it applies to)
ALLOWED = {
    ("approve", S.PENDING_REVIEW): (S.ISSUING, {P, E}),
    ("reject", S.PENDING_REVIEW): (S.REJECTED, {P, E}),
    ("cancel", S.PENDING_REVIEW): (S.CANCELLED, {P, E}),
    ("request_cancel", S.ISSUING): (S.CANCELLING, {P}),
    ("approve_cancel", S.CANCELLING): (S.CANCELLED, {P}),
    ("reject_cancel", S.CANCELLING): (S.CANCEL_FAILED, {P}),
    ("mail", S.ISSUING): (S.PENDING_RECEIPT, {P}),
    ("mail", S.CANCEL_FAILED): (S.PENDING_RECEIPT, {P}),
    ("issue", S.ISSUING): (S.ISSUED, {E}),
    ("issue", S.CANCEL_FAILED): (S.ISSUED, {E}),
    ("sign", S.PENDING_RECEIPT): (S.ISSUED, {P}),
    ("request_return", S.ISSUED): (S.RETURNING, {P, E}),
    ("request_return", S.RETURN_REJECTED): (S.RETURNING, {P, E}),
    ("approve_return", S.RETURNING): (S.RETURNED, {P, E}),
    ("reject_return", S.RETURNING): (S.RETURN_REJECTED, {P, E}),
}
ACTIONS = sorted({action for action, _status in ALLOWED})
REASON = "the partner is told why"


def test_the_table_is_the_issues_table():
    from_table = {
        (action, source): (rule.to, set(rule.media))
        for action, rule in TRANSITIONS.items()
        for source in rule.sources
    }
    assert from_table == ALLOWED
    assert len(S) == 11


CASES = [(action, status, medium) for action in ACTIONS for status in S for medium in (P, E)]


@pytest.mark.parametrize(("action", "status", "medium"), CASES, ids=["-".join(case) for case in CASES])
def test_each_action_from_each_status(orders, action, status, medium):
    request = in_status(orders, status, medium)
    events = InvoiceRequestEvent.objects.filter(request=request).count()
    allowed = ALLOWED.get((action, status))
    target = allowed[0] if allowed else None
    if allowed and medium in allowed[1]:
        done = transition(request_id=request.pk, action=action, actor=orders["admin"], reason=REASON)
        assert done.changed and done.request.status == target
        event = InvoiceRequestEvent.objects.filter(request=request).latest("id")
        assert (event.old_status, event.new_status, event.actor, event.reason) == (
            status, target, orders["admin"], REASON,
        )  # fmt: skip
        assert event.created_at is not None
        again = transition(request_id=request.pk, action=action, actor=orders["admin"], reason=REASON)
        assert not again.changed  # a repeat is a no-op success
        assert InvoiceRequestEvent.objects.filter(request=request).count() == events + 1
    elif status == TRANSITIONS[action].to:
        assert not transition(request_id=request.pk, action=action, actor=None, reason=REASON).changed
    else:
        with pytest.raises(Conflict) as refused:
            transition(request_id=request.pk, action=action, actor=orders["admin"], reason=REASON)
        assert request.number in refused.value.message
        assert InvoiceRequest.objects.get(pk=request.pk).status == status
        assert InvoiceRequestEvent.objects.filter(request=request).count() == events


@pytest.mark.parametrize("action", ["reject", "reject_cancel", "reject_return"])
def test_a_rejection_needs_a_reason(orders, action):
    source = next(status for (name, status) in ALLOWED if name == action)
    request = in_status(orders, source)
    with pytest.raises(InvalidInput):
        transition(request_id=request.pk, action=action, actor=orders["admin"], reason="  ")
    assert InvoiceRequest.objects.get(pk=request.pk).status == source


def test_the_rejection_reason_is_kept_for_the_partner(orders):
    request = in_status(orders, S.CANCELLING)
    transition(request_id=request.pk, action="reject_cancel", actor=orders["admin"], reason="Already printed")
    request.refresh_from_db()
    assert request.status == S.CANCEL_FAILED and request.reason == "Already printed"
