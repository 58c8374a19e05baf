"""The rows of the Details list, read as plain tuples and rendered in Python.

A page of 20 rows x 14 cells cost more in Django's template engine (a variable lookup, an
autoescape and a filter per cell) than everything else of the page together. The rows are
the same every time for the same values, so they are built here with `html.escape` (what
the template's autoescape does) into the very markup `_rows.html` used to produce: same
elements, classes, ids, data-testid and whitespace. The page's columns are read with
`values_list` (no model instances, only the columns shown) through the same selector.
"""

from html import escape
from typing import Any, NamedTuple

from django.db.models import F, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from partner_center.formatting import money, rate

from ..models import DetailLine, FeedbackStatus, Statement


class ListedLine(NamedTuple):
    """One line of the Details list: the columns the row shows, nothing else."""

    pk: int
    partner_id: int
    incentive_id: str
    order_id: str
    customer_name: str
    customer_account: str
    product_type: str
    reseller: str | None
    account_manager: str
    revenue: Any
    rate: Any
    amount: Any
    feedback_status: str
    feedback: str
    feedback_reply: str


def listed(lines: QuerySet[DetailLine]) -> QuerySet:
    """`lines` as ListedLine rows' tuples (the order and slicing stay the caller's)."""
    return lines.annotate(
        incentive_code=F("incentive__incentive_id"),
        customer_name=F("customer__name"),
        customer_account=F("customer__account"),
        reseller_name=F("tier2_reseller__name"),
    ).values_list(
        "pk",
        "partner_id",
        "incentive_code",
        "order_id",
        "customer_name",
        "customer_account",
        "product_type",
        "reseller_name",
        "account_manager",
        "revenue",
        "rate",
        "amount",
        "feedback_status",
        "feedback",
        "feedback_reply",
    )


def as_listed(rows: list[tuple]) -> list[ListedLine]:
    return [ListedLine._make(row) for row in rows]


def render_rows(rows: list[ListedLine], shared: dict[str, Any], *, oob: bool = False) -> SafeString:
    """The <tr> of each row, exactly as `_rows.html` rendered them (see the module's doc).

    `shared` is the page's row context (views.details._rows_context): bill, lines_url,
    next_query, feedback_closed, can_export, cells (each column's classes, details_table)."""
    bill: Statement | None = shared["bill"]
    if bill is None or not rows:
        return mark_safe("\n")  # what the template's loop around no rows wrote
    lines_url = escape(shared["lines_url"])
    next_query = escape(shared["next_query"])
    t_feedback, t_reply = escape(_("Feedback")), escape(_("Reply"))
    t_details = escape(pgettext("line operation", "Details"))
    status = f'<span class="status status-{escape(bill.status)}">{escape(bill.get_status_display())}</span>'
    closed = shared["feedback_closed"]
    swap = ' hx-swap-oob="true"' if oob else ""
    feedback_labels = {value: escape(str(label)) for value, label in FeedbackStatus.choices}
    c = {key: escape(classes) for key, classes in shared["cells"].items()}  # the chooser's classes
    out = ["\n"]
    for row in rows:
        pk = row.pk
        url = f"{lines_url}{pk}/"
        order_id = escape(row.order_id)
        select = (
            f'<td class="{c["select"]}"><input type="checkbox" name="detail_ids" value="{pk}" '
            f'form="export-selected" '
            f'data-select-line aria-label="{order_id}"></td>'
            if shared["can_export"]
            else ""
        )
        feedback = _feedback_cell(row, feedback_labels, t_reply)
        if closed:
            write = f'<span class="disabled" title="{escape(closed)}">{t_feedback}</span>'
        else:
            link = f"{url}feedback/?{next_query}"
            write = f'<a href="{link}" hx-get="{link}" hx-target="#dialog-host">{t_feedback}</a>'
        out.append(
            f'<tr id="line-{pk}"{swap} data-testid="line-row">\n'
            f"  {select}\n"
            f'  <td class="mono {c["incentive"]}">{escape(row.incentive_id)}</td>\n'
            f'  <td class="mono {c["order"]}">{order_id}</td>\n'
            f'  <td class="{c["customer"]}">{escape(row.customer_name)}</td>\n'
            f'  <td class="mono {c["account"]}">{escape(row.customer_account)}</td>\n'
            f'  <td class="{c["product"]}">{escape(row.product_type)}</td>\n'
            f'  <td class="{c["reseller"]}">{escape(row.reseller or "—")}</td>\n'
            f'  <td class="{c["manager"]}">{escape(row.account_manager or "—")}</td>\n'
            f'  <td class="num {c["revenue"]}">{money(row.revenue)}</td>\n'
            f'  <td class="num {c["rate"]}">{rate(row.rate)}</td>\n'
            f'  <td class="num {c["amount"]}">{money(row.amount)}</td>\n'
            f'  <td class="{c["status"]}">{status}</td>\n'
            f'  <td class="feedback {c["feedback"]}" data-testid="line-feedback">{feedback}</td>\n'
            f'  <td class="ops {c["ops"]}">{write}\n'
            f'    <a href="{url}">{t_details}</a></td>\n'
            "</tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def _feedback_cell(row: ListedLine, labels: dict[str, str], t_reply: str) -> str:
    if not row.feedback_status:
        return '<span class="muted">—</span>'
    feedback = escape(row.feedback)
    shown = (
        f'<span class="fb fb-{escape(row.feedback_status)}">{labels[row.feedback_status]}</span> '
        f'<span class="fb-text" title="{feedback}">{escape(Truncator(row.feedback).chars(40))}</span>'
    )
    if row.feedback_reply:
        reply = escape(row.feedback_reply)
        short = escape(Truncator(row.feedback_reply).chars(60))
        shown += f'<div class="fb-reply" title="{reply}">{t_reply}: {short}</div>'
    return shown
