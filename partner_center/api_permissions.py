"""Who may call the API. (Kept apart from views: DRF imports this while loading its views.)"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from customers.selectors import membership_of


class IsPartnerMember(permissions.BasePermission):
    """Signed in and a member of a partner: the API serves partners' systems only."""

    message = _("This API is for partner users; your user is not a member of any partner.")

    def has_permission(self, request, view):
        return membership_of(request.user) is not None


class CanConfirm(permissions.BasePermission):
    """The partner's admin and finance users may confirm bills and export."""

    message = _("Your role may not do this; ask your partner's admin or finance user.")

    def has_permission(self, request, view):
        membership = membership_of(request.user)
        return membership is not None and membership.can_confirm
