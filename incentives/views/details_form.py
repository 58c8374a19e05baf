"""The Details filter form's fields, written in Python with the markup the template had.

Four drop-downs (the partner's periods, feedback, the bill's programs and product types) and
six text boxes are rendered on every Details request; as template loops they cost about a
millisecond, a good part of what the page spends beyond the signed-in shell.
"""

from collections.abc import Iterable, Sequence
from html import escape

from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import Statement, StatementStatus
from ..selectors.details import ProgramChoice


def _options(choices: Iterable[tuple[str, str]], chosen: str | None) -> str:
    return "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
        for value, label in choices
    )


def _select(name: str, ident: str, label: str, first: str | None, options: str) -> str:
    empty = f'<option value="">{escape(first)}</option>\n        ' if first is not None else ""
    return (
        f'    <div>\n      <label for="{ident}">{escape(label)}</label>\n'
        f'      <select id="{ident}" name="{name}">\n        {empty}{options}\n      </select>\n    </div>\n'
    )


def filter_grid(
    data: QueryDict,
    bills: Sequence[Statement],
    feedback_choices: Iterable[tuple[str, object]],
    programs: Sequence[ProgramChoice],
    product_types: Sequence[str],
    text_filters: Iterable[tuple[str, object, str]],
) -> SafeString:
    """The filter grid's fields, the chosen values selected or filled in from `data`."""
    status = {value: str(label) for value, label in StatementStatus.choices}
    periods = ((bill.period.code, f"{bill.period.code} · {status[bill.status]}") for bill in bills)
    feedback = ((str(value), str(label)) for value, label in feedback_choices)
    out = [
        _select(
            "period", "f-period", _("Reconciliation period"), None, _options(periods, data.get("period"))
        ),
        _select("feedback", "f-feedback", _("Feedback"), _("Any"), _options(feedback, data.get("feedback"))),
        _select(
            "program",
            "f-program",
            _("Incentive program"),
            _("All programs"),
            _options(((p.code, p.name) for p in programs), data.get("program")),
        ),
        _select(
            "product_type",
            "f-product",
            _("Product type"),
            _("All product types"),
            _options(((t, t) for t in product_types), data.get("product_type")),
        ),
    ]
    for name, label, value in text_filters:
        out.append(
            f'    <div>\n      <label for="f-{name}">{escape(str(label))}</label>\n'
            f'      <input type="text" id="f-{name}" name="{name}" maxlength="100" value="{escape(value)}">\n'
            "    </div>\n"
        )
    for name in ("ordering", "page_size"):  # kept when the filters change
        if data.get(name):
            out.append(f'    <input type="hidden" name="{name}" value="{escape(str(data.get(name)))}">\n')
    return mark_safe("".join(out))  # noqa: S308 - every value escaped above
