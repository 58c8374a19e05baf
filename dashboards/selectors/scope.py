"""Whose figures a dashboard user sees: the partner's, narrowed to one account manager."""

from customers.capabilities import Capability, user_can
from customers.selectors import PortalUser


def own_manager_name(user: PortalUser) -> str:
    """The account-manager name a sales user carries on lines and customers (full name, else username)."""
    if not user.is_authenticated:
        return ""
    return user.get_full_name() or user.get_username()


def manager_filter(user: PortalUser, chosen: str) -> str:
    """The account manager the figures are narrowed to ('' = all): a sales user always their own."""
    if not user_can(user, Capability.SEE_ALL_ACCOUNT_MANAGERS):
        return own_manager_name(user)
    return chosen
