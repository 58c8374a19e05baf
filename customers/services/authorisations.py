"""Customer authorisation: the one transition table and one service per transition.

A partner applies (its first request accepts the commitment letter, recorded with the time);
a reseller's request waits for its distributor's approval, then every request for the
customer's, who answers with a verification code on a small public page (services/consents.py;
an operator may still record it in the admin);
operators reject, the customer revokes, and requests with no answer expire after
AUTHORISATION_EXPIRY_DAYS (a daily Celery job). Each change locks the request row, checks
TRANSITIONS, saves with update_fields and writes an AuthorisationEvent in the same
transaction; repeating a done change is a no-op success.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput, NotFound

from ..capabilities import Capability, require_capability
from ..models import Authorisation, AuthorisationEvent, AuthorisationStatus, Customer, PartnerKind
from ..policies import LIVE, customer_is_associated, customer_needs_authorisation
from ..selectors.authorisations import authorisations_awaiting_for
from ..selectors.customers import managed_customers_for
from ..selectors.tenancy import PortalUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Actor: TypeAlias = "User | None"  # None: the system (the expiry job)
A = AuthorisationStatus
PENDING: set[str] = {A.PENDING_DISTRIBUTOR, A.PENDING_CUSTOMER}

# The only status changes there are: action -> (from, to, statuses where it is already done).
TRANSITIONS: dict[str, tuple[set[str], str, set[str]]] = {
    # the reseller's distributor approves in the portal
    "distributor_approve": ({A.PENDING_DISTRIBUTOR}, A.PENDING_CUSTOMER, {A.PENDING_CUSTOMER, A.AUTHORISED}),
    # the customer approves (recorded by an operator in the admin)
    "approve": ({A.PENDING_CUSTOMER}, A.AUTHORISED, {A.AUTHORISED}),
    # the distributor or an operator rejects, with a reason
    "reject": (PENDING, A.REJECTED, {A.REJECTED}),
    # no answer within AUTHORISATION_EXPIRY_DAYS
    "expire": (PENDING, A.EXPIRED, {A.EXPIRED}),
    # the customer withdraws a live authorisation, with a reason
    "revoke": ({A.AUTHORISED}, A.REVOKED, {A.REVOKED}),
}
VERBS = {
    "distributor_approve": gettext_lazy("approved by the distributor"),
    "approve": gettext_lazy("authorised"),
    "reject": gettext_lazy("rejected"),
    "expire": gettext_lazy("expired"),
    "revoke": gettext_lazy("revoked"),
}
NEEDS_REASON = {"reject", "revoke"}
REASON_MAX = 1000


@dataclass(frozen=True)
class Change:
    authorisation: Authorisation
    changed: bool


def _event(
    authorisation: Authorisation, old: str, new: str, actor: Actor, reason: str = "", label: str = ""
) -> None:
    AuthorisationEvent(
        authorisation=authorisation,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=label or (actor.get_username() if actor is not None else _("System")),
        reason=reason,
    ).save()


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."))
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("The reason is too long (at most %(most)s characters).") % {"most": REASON_MAX})
    return reason


def _transition(
    *, authorisation_id: int, action: str, actor: Actor, reason: str = "", label: str = ""
) -> Change:
    sources, to, done = TRANSITIONS[action]
    if action in NEEDS_REASON:
        reason = _clean_reason(reason)
    with transaction.atomic():
        authorisation = Authorisation.objects.select_for_update().filter(pk=authorisation_id).first()
        if authorisation is None:
            raise NotFound(_("No such authorisation request."))
        if authorisation.status in done:
            return Change(authorisation, changed=False)
        old = authorisation.status
        if old not in sources:
            raise Conflict(
                _("This request cannot be %(verb)s: it is %(status)s.")
                % {"verb": VERBS[action], "status": A(old).label}
            )
        authorisation.status, authorisation.status_changed_at = to, timezone.now()
        fields = ["status", "status_changed_at"]
        if reason:
            authorisation.reason = reason
            fields.append("reason")
        authorisation.save(update_fields=fields)
        _event(authorisation, old, to, actor, reason, label)
        _ask_customer(authorisation)
        return Change(authorisation, changed=True)


def _ask_customer(authorisation: Authorisation) -> None:
    """Entering Pending customer approval e-mails the customer its code (to approve); becoming
    Authorised, a new one (to revoke): services/consents.py, once the transaction commits."""
    from .consents import consent_send

    purposes: dict[str, str] = {A.PENDING_CUSTOMER: "approve", A.AUTHORISED: "revoke"}
    purpose = purposes.get(authorisation.status)
    if purpose:
        pk = authorisation.pk
        transaction.on_commit(lambda: consent_send(authorisation_id=pk, purpose=purpose))


def authorisation_request(
    *, user: PortalUser, customer_id: int, accept_commitment: bool = False, notes: str = ""
) -> Authorisation:
    """Apply for authorisation to order for one of the partner's resale customers."""
    membership = require_capability(user, Capability.MANAGE_CUSTOMERS)
    partner = membership.partner
    notes = (notes or "").strip()
    if len(notes) > REASON_MAX:
        raise InvalidInput(_("The notes are too long (at most %(most)s characters).") % {"most": REASON_MAX})
    with transaction.atomic():
        # the customer's row lock serialises two requests for the same customer
        customer = managed_customers_for(user).select_for_update().filter(pk=customer_id).first()
        if customer is None:
            raise NotFound(_("No such customer among yours."))
        if not customer_needs_authorisation(customer):
            raise Conflict(
                _("Only resale customers need an authorisation; a referral customer orders itself.")
            )
        if not customer_is_associated(customer):
            raise Conflict(_("This customer is not associated with your partner any more."))
        if Authorisation.objects.filter(partner=partner, customer=customer, status__in=LIVE).exists():
            raise Conflict(_("This customer already has an authorisation request pending or granted."))
        first = not Authorisation.objects.filter(partner=partner).exists()
        if first and not accept_commitment:
            raise InvalidInput(_("Your partner's first request needs the commitment letter accepted."))
        via_distributor = partner.kind == PartnerKind.RESELLER and partner.distributor_id is not None
        authorisation = Authorisation.objects.create(
            partner=partner,
            customer=customer,
            status=A.PENDING_DISTRIBUTOR if via_distributor else A.PENDING_CUSTOMER,
            notes=notes,
            commitment_accepted_at=timezone.now() if accept_commitment else None,
            requested_by=membership.user,
        )
        _event(authorisation, "", authorisation.status, membership.user)
        _ask_customer(authorisation)
    return authorisation


def _awaiting(user: PortalUser, authorisation_id: int) -> Actor:
    """The distributor's user, if the request is one of its resellers' (else 404)."""
    membership = require_capability(user, Capability.MANAGE_CUSTOMERS)
    if not authorisations_awaiting_for(user, pending_only=False).filter(pk=authorisation_id).exists():
        raise NotFound(_("No such authorisation request."))
    return membership.user


def authorisation_distributor_approve(*, user: PortalUser, authorisation_id: int) -> Change:
    """Pending distributor approval -> Pending customer approval, by the reseller's distributor."""
    actor = _awaiting(user, authorisation_id)
    return _transition(authorisation_id=authorisation_id, action="distributor_approve", actor=actor)


def authorisation_distributor_reject(*, user: PortalUser, authorisation_id: int, reason: str) -> Change:
    actor = _awaiting(user, authorisation_id)
    change = _transition(authorisation_id=authorisation_id, action="reject", actor=actor, reason=reason)
    return change


def authorisation_approve(*, authorisation_id: int, actor: Actor) -> Change:
    """Pending customer approval -> Authorised (an operator records the customer's approval)."""
    return _transition(authorisation_id=authorisation_id, action="approve", actor=actor)


def authorisation_customer_approve(*, authorisation_id: int) -> Change:
    """The customer approves itself, with its verification code (services/consents.py)."""
    label = _("The customer (verification code)")
    return _transition(authorisation_id=authorisation_id, action="approve", actor=None, label=label)


def authorisation_customer_revoke(*, authorisation_id: int, reason: str) -> Change:
    label = _("The customer (verification code)")
    return _transition(
        authorisation_id=authorisation_id, action="revoke", actor=None, reason=reason, label=label
    )


def authorisation_reject(*, authorisation_id: int, actor: Actor, reason: str) -> Change:
    return _transition(authorisation_id=authorisation_id, action="reject", actor=actor, reason=reason)


def authorisation_revoke(*, authorisation_id: int, actor: Actor, reason: str) -> Change:
    return _transition(authorisation_id=authorisation_id, action="revoke", actor=actor, reason=reason)


def authorisations_expire(*, now=None) -> int:
    """Expire every request left unanswered for AUTHORISATION_EXPIRY_DAYS; how many expired."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUTHORISATION_EXPIRY_DAYS)
    stale = Authorisation.objects.filter(status__in=PENDING, status_changed_at__lt=cutoff)
    expired = 0
    for pk in stale.values_list("pk", flat=True).iterator():
        expired += _transition(authorisation_id=pk, action="expire", actor=None).changed
    return expired


def order_check(*, user: PortalUser, customer_id: int) -> tuple[bool, str]:
    """May the partner place an order for this customer now? (allowed, reason if not)"""
    customer: Customer | None = managed_customers_for(user).filter(pk=customer_id).first()
    if customer is None:
        raise NotFound(_("No such customer among yours."))
    if not customer_is_associated(customer):
        return False, _("This customer is not associated with your partner any more.")
    if not customer_needs_authorisation(customer):
        return True, ""
    if Authorisation.objects.filter(
        partner_id=customer.partner_id, customer=customer, status=A.AUTHORISED
    ).exists():
        return True, ""
    return False, _("Ordering for a resale customer needs a live customer authorisation.")
