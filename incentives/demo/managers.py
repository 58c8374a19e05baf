"""The demo's account managers: demo-sales is "Li Wei" and demo-lead "Zhang Min" (two of the
names the demo's customers carry, texts.MANAGERS), and demo-lead supervises demo-sales. So
demo-sales sees Li Wei's customers, lines and figures only, demo-lead also Zhang Min's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from customers.models import Membership
from customers.selectors import manager_name_of

NAMES = {"demo-sales": ("Li", "Wei"), "demo-lead": ("Zhang", "Min")}
SUPERVISORS = {"demo-sales": "demo-lead"}


def name_account_managers() -> None:
    """Idempotent: the sales users' names, and who supervises whom."""
    users = {user.username: user for user in get_user_model().objects.filter(username__in=list(NAMES))}
    for username, (first, last) in NAMES.items():
        user = users[username]
        if (user.first_name, user.last_name) != (first, last):
            user.first_name, user.last_name = first, last
            user.save(update_fields=["first_name", "last_name"])
    for username, supervisor in SUPERVISORS.items():
        lead = Membership.objects.get(user=users[supervisor])
        Membership.objects.filter(user=users[username]).exclude(supervisor=lead).update(supervisor=lead)


def feedback_author(account_manager: str, authors: dict[str, User]) -> User:
    """Who writes the demo's English feedback on a line: demo-sales on its own customers' lines
    (a sales user sees no other), demo-finance on the others'."""
    sales = authors["demo-sales"]
    return sales if account_manager == manager_name_of(sales) else authors["demo-finance"]
