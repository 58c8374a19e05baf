"""Keyset pages for the Details API: after / before / last, each with the count and total of
all matching lines (set by the view from the FilterSet's totals)."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from partner_center.paging import (
    BY_PK,
    Cursor,
    KeysetPage,
    KeysetSort,
    PageError,
    cursor_from,
    keyset_page,
    page_number_from,
    past_the_end,
)
from partner_center.params import MAX_ID, whole_number

if TYPE_CHECKING:
    from ..filters.details import Totals
    from ..models import ReconciliationPeriod

CURSOR_PARAMS = ("after", "before", "last")
ONE_OF = "At most one of `after`, `before` and `last` (more: 400)."


class DetailsPagination(BasePagination):
    """Keyset pages (after / before / last), each with the count and total of all matches."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def __init__(self):
        from rest_framework.settings import api_settings

        self.page_size = api_settings.PAGE_SIZE or 50
        # paginate_queryset sets page and request; the view sets totals and period after it
        self.totals: Totals | None = None
        self.period: ReconciliationPeriod | None = None
        self.page: KeysetPage | None = None
        self.row: Callable[[Any], Any] | None = None  # what each fetched row becomes (keyset_page)
        self.sort: KeysetSort = BY_PK  # the view sets it from `ordering`
        self.request: Request | None = None

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            cursor = cursor_from(request.query_params)
        except PageError as error:
            raise ValidationError({"detail": str(error)}) from None
        try:
            self.page = keyset_page(queryset, cursor, self._size(request), row=self.row, sort=self.sort)
        except PageError as error:
            raise NotFound(str(error)) from None
        return self.page.rows

    def _size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if not raw:
            return self.page_size
        size = whole_number(raw, minimum=1, maximum=self.max_page_size)
        if size is None:
            message = _("page_size must be a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise ValidationError({"page_size": [message]})
        return size

    def _link(self, request: Request, cursor: Cursor | None) -> str | None:
        if cursor is None:
            return None
        url = request.build_absolute_uri()
        for name in CURSOR_PARAMS:
            url = remove_query_param(url, name)
        name = "after" if cursor.after is not None else "before"
        return replace_query_param(url, name, cursor.after if cursor.after is not None else cursor.before)

    def get_paginated_response(self, data):
        assert self.page is not None and self.request is not None and self.totals is not None, (
            "paginate_queryset runs first, then the view sets the totals"
        )
        return Response(
            {
                "period": self.period.code if self.period else None,
                "count": self.totals.count,
                "total_amount": str(self.totals.amount),
                "next": self._link(self.request, self.page.next_cursor),
                "previous": self._link(self.request, self.page.previous_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["period", "count", "total_amount", "next", "previous", "results"],
            "properties": {
                "period": {"type": "string", "nullable": True, "example": "2026-10"},
                "count": {"type": "integer", "description": "All lines matching the filters."},
                "total_amount": {
                    "type": "string",
                    "format": "decimal",
                    "example": "123456.78",
                    "description": "Sum of the amounts of all matching lines, exact to the cent.",
                },
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        def param(name, kind, description):
            return {
                "name": name,
                "required": False,
                "in": "query",
                "description": description,
                "schema": kind,
            }

        integer = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        row_id = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
        return [
            param("after", row_id, f"Page of the lines after this line id (from `next`). {ONE_OF}"),
            param("before", row_id, f"Page of the lines before this line id (from `previous`). {ONE_OF}"),
            param("last", {"type": "boolean"}, f"The last page. {ONE_OF}"),
            param("page_size", integer, f"Lines per page, 1 to {self.max_page_size}."),
            param(
                "ordering",
                {"type": "string", "enum": ["amount", "-amount"]},
                "Sort by amount (`-amount`: largest first), then by line id; default: by line id. "
                "`next` / `previous` keep the order.",
            ),
        ]


class SummaryPagination(PageNumberPagination):
    """The Summary API's numbered pages, answering like the page and like Details: a malformed
    page number is a 400, a page past the end a 404, each with a readable `detail`.
    `page_size` (1 to 500) as in the Details API; a value outside that gives the default 50."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        if request.query_params.get(self.page_query_param) not in self.last_page_strings:
            try:
                number = page_number_from(request.query_params, self.page_query_param)
            except PageError as error:
                raise ValidationError({"detail": str(error)}) from None
            size = self.get_page_size(request) or 1  # None only without a page size: not ours
            pages = self.django_paginator_class(queryset, size).num_pages
            if number > pages:
                raise NotFound(str(past_the_end(number, pages)))
        return super().paginate_queryset(queryset, request, view)
