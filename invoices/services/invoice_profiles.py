"""The partner's invoice-information template: one per partner, saved by its admin or finance
user, checked field by field (what each invoice kind needs is invoices/policies.py)."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.selectors import PortalUser
from partner_center.errors import InvalidInput

from ..models import InvoiceProfile, TitleType

# The unified social credit code (18 characters, no I, O, S, V, Z) or an older 15- or
# 20-character taxpayer number.
TAX_ID = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}|[0-9A-Z]{15}|[0-9A-Z]{20}")
FIELDS = (
    "title_type", "title", "tax_id", "registered_address", "registered_phone", "bank_name", "bank_account",
    "email", "recipient", "recipient_phone", "mailing_address",
)  # fmt: skip


def clean_profile(data: dict[str, Any]) -> dict[str, str]:
    values = {name: str(data.get(name) or "").strip() for name in FIELDS}
    values["tax_id"] = values["tax_id"].upper()
    if values["title_type"] not in TitleType.values:
        raise InvalidInput(_("Choose the title type: enterprise or individual."))
    if not values["title"]:
        raise InvalidInput(_("Enter the invoice title."))
    if values["title_type"] == TitleType.ENTERPRISE and not values["tax_id"]:
        raise InvalidInput(_("An enterprise title needs its taxpayer ID."))
    if values["tax_id"] and not TAX_ID.fullmatch(values["tax_id"]):
        raise InvalidInput(_("The taxpayer ID is the 18-character unified social credit code."))
    if values["bank_account"] and not re.fullmatch(r"[0-9 -]{6,40}", values["bank_account"]):
        raise InvalidInput(_("The bank account is digits only."))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address for electronic invoices.")) from None
    return values


def invoice_profile_save(*, user: PortalUser, data: dict[str, Any]) -> InvoiceProfile:
    membership = require_capability(user, Capability.REQUEST_INVOICE)
    values = clean_profile(data)
    with transaction.atomic():
        profile, _created = InvoiceProfile.objects.select_for_update().get_or_create(
            partner=membership.partner, defaults={**values, "updated_by": membership.user}
        )
        for name, value in values.items():
            setattr(profile, name, value)
        profile.updated_by = membership.user
        profile.save()
    return profile
