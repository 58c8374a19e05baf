"""Invoice request status changes: the one transition table over the eleven statuses, and one
service per change.

A change locks the request row, checks TRANSITIONS (statuses and paper/electronic), saves with
update_fields and writes an append-only InvoiceRequestEvent in the same transaction, with the
actor (None: the system), the time and the reason. Repeating a change that already happened is
a no-op success (Transition.changed is False); every other change is a Conflict with a message.
Creating a request is invoice_request_submit (services/invoice_submit.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput

from ..invoice_levels import due_at_for
from ..models import InvoiceMedium, InvoiceRequest, InvoiceRequestEvent, InvoiceRequestStatus
from .payments import Actor, actor_label

S, M = InvoiceRequestStatus, InvoiceMedium
PAPER, ELECTRONIC, BOTH = frozenset({M.PAPER}), frozenset({M.ELECTRONIC}), frozenset(M)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]  # the statuses it may start from
    to: str
    done: frozenset[str]  # where repeating it is a no-op success
    media: frozenset[str]  # paper, electronic or both
    verb: object  # "… cannot be %(verb)s"
    frees_orders: bool = False  # the request lets go of its orders (they may be invoiced again)


def _r(sources: set[str], to: str, media: frozenset[str], verb: object, frees: bool = False) -> Rule:
    return Rule(frozenset(sources), to, frozenset({to}), media, verb, frees)


# The only status changes there are (creation is "submit": none -> Pending review).
TRANSITIONS: dict[str, Rule] = {
    # the clerk approves the request (within 1 working day) or rejects it with a reason
    "approve": _r({S.PENDING_REVIEW}, S.ISSUING, BOTH, gettext_lazy("approved")),
    "reject": _r({S.PENDING_REVIEW}, S.REJECTED, BOTH, gettext_lazy("rejected"), frees=True),
    # the partner cancels before review: straight to Cancelled
    "cancel": _r({S.PENDING_REVIEW}, S.CANCELLED, BOTH, gettext_lazy("cancelled"), frees=True),
    # the partner asks to cancel a paper invoice being issued; the clerk decides
    "request_cancel": _r({S.ISSUING}, S.CANCELLING, PAPER, gettext_lazy("cancelled")),
    "approve_cancel": _r({S.CANCELLING}, S.CANCELLED, PAPER, gettext_lazy("cancelled"), frees=True),
    "reject_cancel": _r({S.CANCELLING}, S.CANCEL_FAILED, PAPER, gettext_lazy("refused cancellation")),
    # the clerk mails a paper invoice (carrier, tracking number) or issues an electronic one
    "mail": _r({S.ISSUING, S.CANCEL_FAILED}, S.PENDING_RECEIPT, PAPER, gettext_lazy("mailed")),
    "issue": _r({S.ISSUING, S.CANCEL_FAILED}, S.ISSUED, ELECTRONIC, gettext_lazy("issued")),
    # the partner signs for the paper invoice
    "sign": _r({S.PENDING_RECEIPT}, S.ISSUED, PAPER, gettext_lazy("signed for")),
    # the partner returns an issued invoice (again after a rejected return); the clerk decides
    "request_return": _r({S.ISSUED, S.RETURN_REJECTED}, S.RETURNING, BOTH, gettext_lazy("returned")),
    "approve_return": _r({S.RETURNING}, S.RETURNED, BOTH, gettext_lazy("returned"), frees=True),
    "reject_return": _r({S.RETURNING}, S.RETURN_REJECTED, BOTH, gettext_lazy("refused return")),
}

# The changes the partner makes; the rest are the invoice clerk's.
PARTNER_TRANSITIONS = frozenset({"cancel", "request_cancel", "sign", "request_return"})
# The changes that need a reason (shown to the partner).
NEEDS_REASON = frozenset({"reject", "reject_cancel", "reject_return"})


@dataclass(frozen=True)
class Transition:
    request: InvoiceRequest
    changed: bool


def record_event(
    *, request: InvoiceRequest, action: str, old: str, new: str, actor: Actor, reason: str = ""
) -> InvoiceRequestEvent:
    event = InvoiceRequestEvent(
        request=request, action=action, old_status=old, new_status=new, actor=actor,
        actor_label=actor_label(actor), reason=reason,
    )  # fmt: skip
    event.save()
    return event


def refusal(request: InvoiceRequest, rule: Rule) -> str:
    if request.status in rule.sources and request.medium not in rule.media:
        return _("Invoice request %(number)s cannot be %(verb)s: it is an invoice on %(medium)s.") % {
            "number": request.number, "verb": rule.verb, "medium": M(request.medium).label.lower()
        }  # fmt: skip
    return _("Invoice request %(number)s cannot be %(verb)s: it is %(status)s.") % {
        "number": request.number, "verb": rule.verb, "status": S(request.status).label
    }  # fmt: skip


def transition(
    *,
    request_id: int,
    action: str,
    actor: Actor,
    reason: str = "",
    effects: Callable[[InvoiceRequest], list[str]] | None = None,
) -> Transition:
    """The one way a request's status changes. `effects` (under the lock, same transaction)
    sets what goes with the change and returns the fields it set."""
    rule = TRANSITIONS[action]
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise InvalidInput(_("A reason is required; the partner is shown it."))
    with transaction.atomic():
        request = InvoiceRequest.objects.select_for_update().get(pk=request_id)
        if request.status in rule.done:
            return Transition(request, changed=False)
        if request.status not in rule.sources or request.medium not in rule.media:
            raise Conflict(refusal(request, rule))
        old, now = request.status, timezone.now()
        request.status, request.status_changed_at = rule.to, now
        request.due_at = due_at_for(rule.to, request.medium, now)
        fields = ["status", "status_changed_at", "due_at"]
        # the reason shown is the latest rejection's or the partner's return's; any other step clears it
        request.reason = reason if action in NEEDS_REASON or action == "request_return" else ""
        fields.append("reason")
        if effects is not None:
            fields += effects(request)
        request.save(update_fields=fields)
        if rule.frees_orders:
            request.orders.update(live=False)
        record_event(request=request, action=action, old=old, new=rule.to, actor=actor, reason=reason)
    _notify(request, action)
    return Transition(request, changed=True)


def _notify(request: InvoiceRequest, action: str) -> None:
    from .invoice_mail import invoice_request_notify

    transaction.on_commit(lambda: invoice_request_notify(request_id=request.pk, action=action))


def invoice_request_decide(*, request_id: int, action: str, actor: Actor, reason: str = "") -> Transition:
    """The clerk's approve / reject and the decisions on cancellations and returns."""
    if action not in (
        "approve",
        "reject",
        "approve_cancel",
        "reject_cancel",
        "approve_return",
        "reject_return",
    ):
        raise InvalidInput(_("Unknown decision."))
    return transition(request_id=request_id, action=action, actor=actor, reason=reason)


def invoice_request_cancel(*, request_id: int, actor: Actor, reason: str = "") -> Transition:
    """The partner's Cancel: Pending review -> Cancelled, or Issuing (paper) -> Cancelling."""
    from ..policies import invoice_cancel_action

    current = InvoiceRequest.objects.get(pk=request_id)
    return transition(
        request_id=request_id, action=invoice_cancel_action(current), actor=actor, reason=reason
    )


def invoice_request_sign(*, request_id: int, actor: Actor) -> Transition:
    """Pending receipt -> Issued: the partner has the paper invoice."""
    return transition(request_id=request_id, action="sign", actor=actor)


def invoice_request_return(*, request_id: int, actor: Actor, reason: str) -> Transition:
    """Issued or Return rejected -> Return in progress, with the partner's reason."""
    if not (reason or "").strip():
        raise InvalidInput(_("Say why you return the invoice."))
    return transition(request_id=request_id, action="request_return", actor=actor, reason=reason)


def invoice_request_delete(*, request_id: int, actor: Actor) -> tuple[InvoiceRequest, bool]:
    """The partner deletes a rejected request from its list (kept, hidden, and audited)."""
    with transaction.atomic():
        request = InvoiceRequest.objects.select_for_update().get(pk=request_id)
        if request.hidden_at is not None:
            return request, False
        if request.status != S.REJECTED:
            raise Conflict(
                _("Invoice request %(number)s cannot be deleted: it is %(status)s.")
                % {"number": request.number, "status": request.get_status_display()}
            )
        request.hidden_at = timezone.now()
        request.save(update_fields=["hidden_at"])
        record_event(request=request, action="delete", old=request.status, new=request.status, actor=actor)
    return request, True
