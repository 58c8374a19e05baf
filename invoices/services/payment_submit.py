"""Creating a payment request: one submission, one request, over any number of periods.

An incentive is in at most one active request: the submission locks the chosen incentives'
rows, and the partial unique constraint `one_active_payment_per_incentive` backs that up, so
of two submissions racing for the same incentives exactly one makes a request and the other
gets a Conflict that names it.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.models import Partner
from customers.selectors import PortalUser
from incentives.models import Incentive, StatementStatus
from partner_center.errors import Conflict, InvalidInput

from ..models import PaymentOption, PaymentRequest, PaymentRequestItem, PaymentStatus
from ..policies import payment_options
from ..selectors.payments import active_hold, payee_of
from .payments import Actor, record_event

MAX_ITEMS = 1000


def payment_request_submit(*, user: PortalUser, incentive_ids: Iterable[str], option: str) -> PaymentRequest:
    """The partner's admin or finance user asks to be paid these incentives with this option."""
    membership = require_capability(user, Capability.REQUEST_PAYMENT)
    actor = membership.user
    return payment_request_create(
        partner=membership.partner, incentive_ids=incentive_ids, option=option, actor=actor
    )


def payment_request_create(
    *, partner: Partner, incentive_ids: Iterable[str], option: str, actor: Actor, automatic: bool = False
) -> PaymentRequest:
    ids = sorted({str(value).strip() for value in incentive_ids if str(value).strip()})
    if not ids:
        raise InvalidInput(_("Select at least one payable incentive."))
    if len(ids) > MAX_ITEMS:
        raise InvalidInput(_("One request takes at most %(count)d incentives.") % {"count": MAX_ITEMS})
    if option not in PaymentOption.values:
        raise InvalidInput(_("Choose a payment option."))
    with transaction.atomic():
        incentives = list(
            Incentive.objects.select_for_update(of=("self",))
            .filter(statement__partner=partner, incentive_id__in=ids)
            .select_related("program", "statement")
            .order_by("pk")
        )
        _check(partner, ids, incentives, option)
        currencies = {incentive.statement.currency for incentive in incentives}
        if len(currencies) > 1:
            raise InvalidInput(_("Incentives in different currencies need separate requests."))
        request = PaymentRequest.objects.create(
            partner=partner,
            option=option,
            total=sum((incentive.amount for incentive in incentives), Decimal("0.00")),
            currency=currencies.pop(),
            automatic=automatic,
            submitted_by=actor,
        )
        try:
            with transaction.atomic():
                PaymentRequestItem.objects.bulk_create(
                    PaymentRequestItem(request=request, incentive=incentive, amount=incentive.amount)
                    for incentive in incentives
                )
        except IntegrityError:
            raise Conflict(_("These incentives are already in a payment request.")) from None
        record_event(
            request=request,
            action="submit",
            old="",
            new=PaymentStatus.SUBMITTED,
            actor=actor,
            reason=_("Automatic monthly request") if automatic else "",
        )
    return request


def _check(partner: Partner, ids: list[str], incentives: list[Incentive], option: str) -> None:
    found = {incentive.incentive_id for incentive in incentives}
    unknown = [value for value in ids if value not in found]
    if unknown:
        raise InvalidInput(_("No such incentive of yours: %(ids)s.") % {"ids": ", ".join(unknown[:10])})
    hold = active_hold(partner)
    if hold is not None:
        raise Conflict(
            _("Your incentives are frozen, so payment cannot be requested: %(reason)s")
            % {"reason": hold.reason}
        )
    not_issued = [i.incentive_id for i in incentives if i.statement.status != StatementStatus.ISSUED]
    if not_issued:
        raise Conflict(
            _("Only incentives of bills issued successfully can be paid: %(ids)s.")
            % {"ids": ", ".join(not_issued[:10])}
        )
    taken = list(
        PaymentRequestItem.objects.filter(incentive__in=incentives, active=True)
        .select_related("request", "incentive")
        .order_by("incentive__incentive_id")
    )
    if taken:
        raise Conflict(
            _("%(ids)s already in payment request %(number)s.")
            % {
                "ids": ", ".join(item.incentive.incentive_id for item in taken[:10]),
                "number": taken[0].request.number,
            }
        )
    if any(incentive.amount <= 0 for incentive in incentives):
        raise InvalidInput(_("Only incentives with an amount can be paid."))
    kinds = {incentive.program.association_type for incentive in incentives}
    for choice in payment_options(kinds, payee_of(partner)):
        if choice.option == option and not choice.allowed:
            if choice.needs_profile:
                raise Conflict(choice.refusal)
            raise InvalidInput(choice.refusal)
