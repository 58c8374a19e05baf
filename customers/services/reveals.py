"""Revealing one masked contact field of one customer, audited in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from partner_center.errors import InvalidInput, NotFound

from ..capabilities import Capability, require_capability
from ..models import ContactField, ContactReveal
from ..selectors.customers import managed_customers_for
from ..selectors.tenancy import PortalUser


def contact_reveal(*, user: PortalUser, customer_id: int, field: str) -> str:
    """The customer's unmasked `field` (mobile or e-mail), after recording who saw it and when.

    Admin and sales users only (403 otherwise); another partner's customer is a 404. Every
    reveal is a row: asking twice records two reveals, as the partner admin wants to know.
    """
    membership = require_capability(user, Capability.MANAGE_CUSTOMERS)
    if field not in ContactField.values:
        raise InvalidInput(_("Only a customer's mobile or e-mail can be revealed."))
    customer = managed_customers_for(user).filter(pk=customer_id).only("pk", field).first()
    if customer is None:
        raise NotFound(_("No such customer among yours."))
    with transaction.atomic():
        ContactReveal.objects.create(
            partner_id=membership.partner_id, customer=customer, actor_id=membership.user_id, field=field
        )
    return str(getattr(customer, field))
