"""Whose figures a dashboard user sees: the partner's, narrowed to one account manager.

The rule itself (who sees which account managers' customers) is customers'
`managed_names` / `account_manager_scoped`; the dashboards' querysets go through it, and
these helpers only say which choice of the account-manager filter a user may make."""

from customers.selectors import PortalUser, managed_names, manager_name_of

own_manager_name = manager_name_of  # the name a sales user carries on lines and customers


def manager_filter(user: PortalUser, chosen: str) -> str:
    """The account manager the figures are narrowed to ('' = all the user sees).

    Users who see every account manager pick any; a supervisor picks among their team (''
    is the whole team); a sales user without a team always sees their own."""
    names = managed_names(user)
    if names is None or chosen in names:
        return chosen
    return fixed_manager(user)


def fixed_manager(user: PortalUser) -> str:
    """The one account manager a user's figures are always narrowed to, or '' when they may choose."""
    names = managed_names(user)
    if names is not None and len(names) == 1:
        return next(iter(names))
    return ""
