"""The Partner Center shell's menus: the top bar's menu tree and the side menu.

Top bar: Sales > Incentives > Incentive Management (later menus, e.g. Customers, join the
tree as their pages exist). Side menu: the entries of Incentive Management. An entry is shown
only when its page exists (its URL name resolves), so no menu holds a dead link; pages add
themselves simply by defining the URL. Breadcrumbs follow the side menu's active entry.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from customers.selectors import membership_of

from .formatting import time_zone_name

# The Partner Center menu tree: top menu > group > (URL name, page).
PARTNER_CENTER_MENU = [
    (
        _("Sales"),
        [
            (_("Incentives"), [("home", _("Incentive Management")), ("indicators:list", _("Indicators"))]),
            (
                _("Customers"),
                [
                    ("customers:list", _("Customer Management")),
                    ("alerts:list", _("Customer alerts")),
                    ("vouchers:quotas", _("Voucher management")),
                ],
            ),
            (
                _("Operations dashboard"),
                [
                    ("dashboards:incentives", _("Incentive dashboard")),
                    ("dashboards:customers", _("Customer dashboard")),
                ],
            ),
            (_("Prospecting"), [("customers:companies", _("Customer expansion"))]),
            (_("Billing"), [("invoices:contracts", _("Offline contracts"))]),
        ],
    ),
    (_("Marketing"), [(_("Market development funds (MDF)"), [("mdf:overview", _("MDF"))])]),
    (_("Billing"), [(_("Billing"), [("billing:invoices", _("Invoices"))])]),
    (
        _("Capabilities"),
        [(_("Capabilities"), [("capabilities:certifications", _("Capability certification"))])],
    ),
]

INCENTIVE_MANAGEMENT_MENU = [
    (_("Incentive Management"), [("home", _("Overview"))]),
    (
        _("Confirm Incentives"),
        [("incentives:summary", _("Summary")), ("incentives:details", _("Details"))],
    ),
    (_("Export"), [("incentives:export_history", _("Export History"))]),
    (
        _("Payment Requests"),
        [
            ("invoices:payable", _("Payment Requests")),
            ("invoices:payment_requests", _("My payment requests")),
            ("invoices:payee", _("Payee profile")),
        ],
    ),
]


# Sales > Customers: its side menu, shown on the pages under /customers/ (customers/urls.py).
CUSTOMERS_MENU = [
    (
        _("Customers"),
        [
            ("customers:list", _("Customer Management")),
            ("customers:sub_customers", _("Sub-customers of resellers")),
            ("customers:authorisations", _("Customer authorisation")),
            ("alerts:list", _("Customer alerts")),
        ],
    ),
    (
        _("Voucher management"),
        [("vouchers:quotas", _("Voucher quota")), ("vouchers:records", _("Operation records"))],
    ),
    (
        _("Customer expansion"),
        [
            ("customers:companies", _("Enterprise encyclopedia")),
            ("customers:reports", _("My customer reports")),
        ],
    ),
]

# Sales > Incentives > Indicators: its side menu, on the pages under /incentives/indicators/.
INDICATORS_MENU = [(_("Indicators"), [("indicators:list", _("Indicator information"))])]

# Sales > Operations dashboard: its side menu, on the pages under /dashboards/.
DASHBOARDS_MENU = [
    (
        _("Operations dashboard"),
        [
            ("dashboards:incentives", _("Incentive dashboard")),
            ("dashboards:customers", _("Customer dashboard")),
        ],
    ),
]


# Billing > Invoices: its side menu, shown on the pages under /billing/ (invoices/billing_urls.py).
BILLING_MENU = [
    (
        _("Invoices"),
        [
            ("billing:invoices", _("Invoice requests")),
            ("billing:invoice_new", _("Request invoice")),
            ("billing:invoice_profile", _("Invoice information")),
        ],
    ),
]


# The modules with a side menu of their own: the pages under each prefix show it.
SIDE_MENUS = [
    ("/customers/", CUSTOMERS_MENU),
    ("/vouchers/", CUSTOMERS_MENU),
    ("/dashboards/", DASHBOARDS_MENU),
    ("/incentives/indicators/", INDICATORS_MENU),
    ("/billing/", BILLING_MENU),
]


def _url(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _tree(sections):
    """The top bar's menu tree; Incentive Management holds its side menu's entries."""
    home = _url("home")
    menus = []
    for title, groups in PARTNER_CENTER_MENU:
        shown = []
        for group, entries in groups:
            items = [
                {"url": url, "label": label, "sections": sections if url == home else []}
                for name, label in entries
                if (url := _url(name))
            ]
            if items:
                shown.append({"title": group, "items": items})
        if shown:
            menus.append({"title": title, "groups": shown})
    return menus


def _menu(current_path, menu=INCENTIVE_MANAGEMENT_MENU):
    sections = []
    for title, entries in menu:
        items = []
        for url_name, label in entries:
            url = _url(url_name)
            if url is None:
                continue
            items.append({"url": url, "label": label, "active": current_path == url})
        if items:
            sections.append({"title": title, "items": items})
    return sections


def _breadcrumbs(sections):
    """Incentive Management > section > page, for the side menu's active page."""
    home = _url("home")
    for section in sections:
        for item in section["items"]:
            if item["active"]:
                if item["url"] == home:
                    return [{"label": _("Incentive Management"), "url": ""}]
                return [
                    {"label": _("Incentive Management"), "url": home},
                    {"label": section["title"], "url": ""},
                    {"label": item["label"], "url": ""},
                ]
    return []


def partner_center_context(request):
    # a request refused before authentication ran (a bad Host header: the 400 page) has no user
    user = getattr(request, "user", None)
    membership = membership_of(user) if user is not None else None
    if membership is None:
        return {"time_zone": time_zone_name()}  # the admin shows it too
    sections = _menu(request.path)
    own_menu = next((menu for prefix, menu in SIDE_MENUS if request.path.startswith(prefix)), None)
    if own_menu is not None:
        customers = _menu(request.path, own_menu)
        crumbs = [
            {"label": own_menu[0][0], "url": ""},
            *(
                {"label": item["label"], "url": ""}
                for section in customers
                for item in section["items"]
                if item["active"]
            ),
        ]
        return {
            "membership": membership,
            "incentive_menu": customers,
            "menu_tree": _tree(sections),
            "breadcrumbs": crumbs,
            "time_zone": time_zone_name(),
        }
    return {
        "membership": membership,
        "incentive_menu": sections,
        "menu_tree": _tree(sections),
        "breadcrumbs": _breadcrumbs(sections),
        "time_zone": time_zone_name(),
    }
