"""The operators' admin site: Django's, reading only query parameters it can parse.

Django's changelist passes list-filter values to the database as they come: a NUL character
is refused by PostgreSQL (a 500), and a date drill-down year such as 99999999999999999 overflows
Python's date (another). Every admin view (every ModelAdmin's, Django's own included) therefore
sees the query string without such values: a filter given a value it cannot parse is ignored,
as if it were not given. Installed as the default admin site (PortalAdminConfig in settings).
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, QueryDict

from .params import whole_number

# the date drill-down's parameters (date_hierarchy): <field>__year / __month / __day
DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


def _parsable(name: str, value: str) -> bool:
    if "\x00" in value:
        return False  # names nothing, and PostgreSQL refuses it in any text
    part = name.rpartition("__")[2]
    if name != part and part in DATE_PARTS:
        low, high = DATE_PARTS[part]
        return whole_number(value, minimum=low, maximum=high) is not None
    return True


def parsable_query(query: QueryDict) -> QueryDict:
    """The query without the parameters whose values cannot be parsed (the same object if none)."""
    if all(_parsable(name, value) for name, values in query.lists() for value in values):
        return query
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if all(_parsable(name, value) for value in values):
            kept.setlist(name, values)
    kept._mutable = False
    return kept


class PortalAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        @wraps(view)
        def tolerant(request: HttpRequest, *args, **kwargs):
            request.GET = parsable_query(request.GET)  # type: ignore[assignment]  # immutable, as Django's
            return protected(request, *args, **kwargs)

        return tolerant


class PortalAdminConfig(AdminConfig):
    default_site = "partner_center.admin_site.PortalAdminSite"
