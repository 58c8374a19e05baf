from html import escape

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def select_field(bound_field):
    """A filter's <select>, rendered in Python.

    Django's widget renders a template per <option> (~50 µs each), and even format_html costs
    ~3 µs an option; with a hundred periods and programs on the Summary that was most of its
    time. html.escape is the same escaping as Django's escape(), without the wrappers.
    """
    current = "" if bound_field.value() is None else str(bound_field.value())
    options = "".join(
        f'<option value="{escape(str(value))}"{" selected" if str(value) == current else ""}>'
        f"{escape(str(label))}</option>"
        for value, label in bound_field.field.choices
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        bound_field.html_name,
        bound_field.id_for_label,
        mark_safe(options),  # every value and label escaped above
    )


@register.simple_tag
def progress(statement):
    """Status badge + compact indicator across Estimated -> ... -> Issued successfully.

    Rendered once per (language, status) and reused: it sits on every Summary row.
    """
    key = (get_language(), statement.status)
    if key not in _PROGRESS_CACHE:
        _PROGRESS_CACHE[key] = _render_progress(statement.status)
    return _PROGRESS_CACHE[key]


_PROGRESS_CACHE: dict = {}


def _render_progress(status):
    from incentives.models import StatementStatus

    current = StatementStatus.values.index(status)
    steps = format_html_join(
        "",
        '<li class="{}" title="{}"><span class="visually-hidden">{}</span></li>',
        (
            ("done" if index < current else "current" if index == current else "", label, label)
            for index, (_value, label) in enumerate(StatementStatus.choices)
        ),
    )
    return format_html(
        '<span class="status status-{}" data-testid="status">{}</span>'
        '<ol class="progress" aria-label="{}">{}</ol>',
        status,
        StatementStatus(status).label,
        _("Progress"),
        steps,
    )
