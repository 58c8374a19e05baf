"""The keyset page an API list request asks for, shared by the resources and company lists."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param

from partner_center.paging import KeysetPage, PageError, cursor_from, keyset_page
from partner_center.params import whole_number

from .customers import CURSOR_PARAMS, MAX_PAGE_SIZE, PAGE_SIZE


def requested_page(request: Request, rows: QuerySet) -> tuple[KeysetPage, str]:
    """The page of `rows` (after / before / last, page_size) and the request's URL without its
    cursor, for the next and previous links: 400 for a malformed cursor or size, 404 past the end."""
    try:
        cursor = cursor_from(request.query_params)
    except PageError as error:
        raise ValidationError({"detail": str(error)}) from None
    size = whole_number(request.query_params.get("page_size") or str(PAGE_SIZE), minimum=1)
    if size is None:
        raise ValidationError({"page_size": _("A whole number of 1 or more.")})
    try:
        page = keyset_page(rows, cursor, min(size, MAX_PAGE_SIZE))
    except PageError as error:
        raise NotFound(str(error)) from None
    url = request.build_absolute_uri()
    for name in CURSOR_PARAMS:
        url = remove_query_param(url, name)
    return page, url
