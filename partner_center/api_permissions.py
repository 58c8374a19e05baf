"""Who may call the API: partner members, and per action the capability table's answer.
(Kept apart from views: DRF imports this while loading its views.)"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from customers.capabilities import CAPABILITIES, Capability, user_can
from customers.selectors import membership_of


class IsPartnerMember(permissions.BasePermission):
    """Signed in and a member of a partner: the API serves partners' systems only."""

    message = _("This API is for partner users; your user is not a member of any partner.")

    def has_permission(self, request, view):
        return membership_of(request.user) is not None


def requires(capability: Capability) -> type[permissions.BasePermission]:
    """A DRF permission class for one capability, refusing with the table's reason."""

    class HasCapability(permissions.BasePermission):
        message = CAPABILITIES[capability].refusal

        def has_permission(self, request, view):
            return user_can(request.user, capability)

    HasCapability.__name__ = HasCapability.__qualname__ = f"Can{capability.title().replace('_', '')}"
    return HasCapability


CanConfirmBill = requires(Capability.CONFIRM_BILL)
CanExport = requires(Capability.EXPORT)
CanDownloadExport = requires(Capability.DOWNLOAD_EXPORT)
CanRequestPayment = requires(Capability.REQUEST_PAYMENT)
CanRequestInvoice = requires(Capability.REQUEST_INVOICE)
