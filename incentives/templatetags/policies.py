"""{% load policies %}: templates ask the rules, never compare status strings or roles.

    {% if bill|confirmable %}   {% if bill|takes_feedback %}   {% if job|downloadable %}

Who may act is asked with customers' {% load capabilities %}{% if membership|can:"confirm_bill" %}.
"""

from django import template

from .. import policies

register = template.Library()


@register.filter
def confirmable(bill) -> bool:
    return policies.bill_is_confirmable(bill)


@register.filter
def takes_feedback(bill) -> bool:
    return policies.line_takes_feedback(bill)


@register.filter
def author(message) -> str:
    return policies.feedback_author_label(message)


@register.filter
def export_active(job) -> bool:
    return policies.export_is_active(job)


@register.filter
def downloadable(job) -> bool:
    return policies.export_is_downloadable(job)


@register.filter
def export_failed(job) -> bool:
    return policies.export_is_failed(job)
