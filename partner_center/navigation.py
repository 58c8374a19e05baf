"""The Partner Center shell's menu: Sales > Incentives > Incentive Management.

An entry is shown only when its page exists (its URL name resolves), so the menu never
holds a dead link; pages add themselves simply by defining the URL.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from customers.selectors import membership_of

from .formatting import time_zone_name

INCENTIVE_MANAGEMENT_MENU = [
    (_("Incentive Management"), [("home", _("Overview"))]),
    (
        _("Confirm Incentives"),
        [("incentives:summary", _("Summary")), ("incentives:details", _("Details"))],
    ),
    (_("Export"), [("incentives:export_history", _("Export History"))]),
]


def _menu(current_path):
    sections = []
    for title, entries in INCENTIVE_MANAGEMENT_MENU:
        items = []
        for url_name, label in entries:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "active": current_path == url})
        if items:
            sections.append({"title": title, "items": items})
    return sections


def partner_center_context(request):
    membership = membership_of(request.user)
    if membership is None:
        return {"time_zone": time_zone_name()}  # the admin shows it too
    return {"membership": membership, "incentive_menu": _menu(request.path), "time_zone": time_zone_name()}
