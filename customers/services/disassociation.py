"""Disassociating a customer: the partner asks (at most once every 3 months per customer), an
operator approves or rejects in the admin with a reason. One transition table; each change
locks the customer row, checks TRANSITIONS, saves with update_fields and writes a CustomerEvent
in the same transaction; repeating a done change is a no-op success."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput, NotFound

from ..capabilities import Capability, require_capability
from ..models import Customer, CustomerEvent, CustomerStatus
from ..selectors.customers import managed_customers_for
from ..selectors.tenancy import PortalUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Actor: TypeAlias = "User | None"
C = CustomerStatus
RULE_MONTHS = 3  # a partner asks to disassociate a customer at most once in this many months
REASON_MAX = 1000

# action -> (from, to, statuses where it is already done)
TRANSITIONS: dict[str, tuple[str, str, set[str]]] = {
    # the partner asks (admin and sales users), with a reason
    "request": (C.ASSOCIATED, C.DISASSOCIATION_REQUESTED, {C.DISASSOCIATION_REQUESTED}),
    # an operator approves: the customer is no longer associated with the partner
    "approve": (C.DISASSOCIATION_REQUESTED, C.DISASSOCIATED, {C.DISASSOCIATED}),
    # an operator rejects, with a reason: the customer stays associated
    "reject": (C.DISASSOCIATION_REQUESTED, C.ASSOCIATED, set()),
}
VERBS = {
    "request": gettext_lazy("disassociated"),
    "approve": gettext_lazy("disassociated"),
    "reject": gettext_lazy("kept associated"),
}


@dataclass(frozen=True)
class Change:
    customer: Customer
    changed: bool


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."))
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("The reason is too long (at most %(most)s characters).") % {"most": REASON_MAX})
    return reason


def _transition(*, customer: Customer, action: str, actor: Actor, reason: str) -> Change:
    source, to, done = TRANSITIONS[action]
    if customer.status in done:
        return Change(customer, changed=False)
    if customer.status != source:
        raise Conflict(
            _("This customer cannot be %(verb)s: it is %(status)s.")
            % {"verb": VERBS[action], "status": C(customer.status).label}
        )
    old = customer.status
    customer.status = to
    customer.save(update_fields=["status"])
    CustomerEvent(
        customer=customer,
        old_status=old,
        new_status=to,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else _("System"),
        reason=reason,
    ).save()
    return Change(customer, changed=True)


def disassociation_request(*, user: PortalUser, customer_id: int, reason: str) -> Change:
    """The partner asks to disassociate one of its customers (once in RULE_MONTHS months)."""
    membership = require_capability(user, Capability.MANAGE_CUSTOMERS)
    reason = _reason(reason)
    with transaction.atomic():
        customer = managed_customers_for(user).select_for_update().filter(pk=customer_id).first()
        if customer is None:
            raise NotFound(_("No such customer among yours."))
        if customer.status == C.DISASSOCIATION_REQUESTED:
            return Change(customer, changed=False)
        since = months_before(timezone.localdate(), RULE_MONTHS)
        last = (
            CustomerEvent.objects.filter(customer=customer, new_status=C.DISASSOCIATION_REQUESTED)
            .order_by("-at")
            .first()
        )
        if last is not None and timezone.localdate(last.at) > since:
            raise Conflict(
                _("Disassociation of this customer was asked on %(date)s: at most once every 3 months.")
                % {"date": timezone.localdate(last.at).isoformat()}
            )
        return _transition(customer=customer, action="request", actor=membership.user, reason=reason)


def _operator(action: str, customer_id: int, actor: Actor, reason: str) -> Change:
    with transaction.atomic():
        customer = Customer.objects.select_for_update().filter(pk=customer_id).first()
        if customer is None:
            raise NotFound(_("No such customer."))
        return _transition(customer=customer, action=action, actor=actor, reason=reason)


def disassociation_approve(*, customer_id: int, actor: Actor) -> Change:
    """Disassociated (unbound): the customer's active vouchers are recalled in the same transaction."""
    from vouchers.models import Operation
    from vouchers.services.recall import vouchers_recall_for_customer

    with transaction.atomic():
        change = _operator("approve", customer_id, actor, "")
        if change.changed:
            vouchers_recall_for_customer(
                customer_id=customer_id, operation=Operation.RECALL_UNBINDING, actor=actor
            )
        return change


def disassociation_reject(*, customer_id: int, actor: Actor, reason: str) -> Change:
    return _operator("reject", customer_id, actor, _reason(reason))
