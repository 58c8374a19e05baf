"""The Customer Management list's rows and filter inputs, written in Python.

A page of 20 rows x 14 cells (two with a reveal button each) and 14 filter widgets cost
several times the rest of the page in Django's template engine; the markup is simple and
always the same for the same values, so it is built here, every value escaped with
`html.escape` as the template's autoescape would. The rows are read with `values_list`
(no model instances, only the columns shown) through the same selector.
"""

from html import escape
from typing import Any

from django import forms
from django.db.models import F, QuerySet
from django.forms import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from partner_center.formatting import money, rate

from ..masking import mask_email, mask_mobile
from ..models import AssociationType, Customer, CustomerLevel, CustomerStatus, Industry

LISTED = (
    "pk",
    "name",
    "account",
    "association_type",
    "association_date",
    "account_manager",
    "reseller_name",
    "industry",
    "level",
    "available_quota",
    "discount",
    "status",
    "mobile",
    "email",
)
MARKER = "999999999999"  # reverse() once per page, then put each row's id in its place
REVEAL_FORM = "reveal-form"  # the page's one form (one CSRF token) every reveal button submits
DASH = "—"
EYE = (  # an eye, drawn (no icon font or emoji needed)
    '<svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor"'
    ' stroke-width="2"><path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z"/>'
    '<circle cx="12" cy="12" r="3"/></svg>'
)


class Row(dict):
    """A listed customer; `pk` is what keyset paging reads."""

    @property
    def pk(self) -> int:
        return self["pk"]


def listed(customers: QuerySet[Customer]) -> QuerySet:
    return customers.annotate(reseller_name=F("tier2_reseller__name")).values_list(*LISTED)


def as_row(values: tuple) -> Row:
    return Row(zip(LISTED, values, strict=True))


def contact_cell(name: str, masked: str, url: str, label: str) -> str:
    """A masked contact with its eye button (htmx swaps in the revealed value; without
    JavaScript the button posts the page's reveal form to `url`)."""
    if not masked:
        return DASH
    url, label = escape(url), escape(label)
    return (
        f'<span class="contact" data-testid="contact-{name}"><span class="masked">{escape(masked)}</span>'
        f'<button type="submit" form="{REVEAL_FORM}" formaction="{url}" class="link eye" title="{label}"'
        f' hx-post="{url}" hx-target="closest .contact" hx-swap="outerHTML" data-testid="reveal-{name}">'
        f'{EYE}<span class="visually-hidden">{label}</span></button></span>'
    )


def render_rows(rows: list[Row]) -> SafeString:
    """The <tr> of each listed customer, or the empty row."""
    if not rows:
        return mark_safe(
            f'<tr><td colspan="14" class="empty">{escape(_("No customers match these filters."))}</td></tr>'
        )  # noqa: S308
    labels: dict[str, dict[str, Any]] = {
        "association_type": dict(AssociationType.choices),
        "industry": dict(Industry.choices),
        "level": dict(CustomerLevel.choices),
        "status": dict(CustomerStatus.choices),
    }
    page_url = reverse("customers:customer", args=[MARKER])
    reveal = {field: reverse("customers:reveal", args=[MARKER, field]) for field in ("mobile", "email")}
    words = {"mobile": _("Reveal mobile"), "email": _("Reveal e-mail"), "view": escape(_("View"))}
    html = []
    for row in rows:
        pk = str(row["pk"])
        shown = {
            name: escape(str(choices.get(row[name], row[name]))) or DASH for name, choices in labels.items()
        }
        mobile = contact_cell(
            "mobile", mask_mobile(row["mobile"]), reveal["mobile"].replace(MARKER, pk), words["mobile"]
        )
        email = contact_cell(
            "email", mask_email(row["email"]), reveal["email"].replace(MARKER, pk), words["email"]
        )
        html.append(
            '<tr data-testid="customer-row">'
            f"<td>{escape(row['name'])}</td>"
            f'<td class="mono nowrap">{escape(row["account"])}</td>'
            f'<td class="nowrap">{shown["association_type"]}</td>'
            f'<td class="d-none d-md-table-cell nowrap">{row["association_date"]:%Y-%m-%d}</td>'
            f'<td class="d-none d-lg-table-cell">{escape(row["account_manager"]) or DASH}</td>'
            f'<td class="d-none d-lg-table-cell">{escape(row["reseller_name"] or "") or DASH}</td>'
            f'<td class="d-none d-xl-table-cell">{shown["industry"]}</td>'
            f'<td class="d-none d-xl-table-cell">{shown["level"]}</td>'
            f'<td class="num">{money(row["available_quota"])}</td>'
            f'<td class="num">{rate(row["discount"])}</td>'
            f'<td><span class="status status-{escape(row["status"])}">{shown["status"]}</span></td>'
            f'<td class="d-none d-md-table-cell nowrap">{mobile}</td>'
            f'<td class="d-none d-md-table-cell nowrap">{email}</td>'
            f'<td class="op"><a href="{page_url.replace(MARKER, pk)}">{words["view"]}</a></td>'
            "</tr>"
        )
    return mark_safe("\n".join(html))  # noqa: S308 - every value escaped above


def render_filter_inputs(fields: list[BoundField]) -> SafeString:
    """Each filter's label and input (a select for choices, else a text box), with its value."""
    html = []
    for field in fields:
        name, value = field.html_name, field.value()
        value = "" if value is None else str(value)
        label = f'<label for="f-{name}">{escape(str(field.label))}</label>'
        choices = getattr(field.field, "choices", None)
        if choices is not None:
            options = "".join(
                f'<option value="{escape(str(code))}"{" selected" if str(code) == value else ""}>'
                f"{escape(str(text))}</option>"
                for code, text in choices
            )
            control = f'<select id="f-{name}" name="{name}">{options}</select>'
        else:
            dated = isinstance(field.field, forms.DateField)
            example = escape(_("e.g. 2026-01-31"))
            hint = f' placeholder="{example}"' if dated else ""
            attrs = f'id="f-{name}" name="{name}" maxlength="100"{hint}'
            control = f'<input type="text" {attrs} value="{escape(value)}">'
        html.append(f"<div>{label}{control}</div>")
    return mark_safe("".join(html))  # noqa: S308 - every value escaped above
