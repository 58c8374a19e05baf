"""Malformed query strings and path parameters on every HTML list page, every API list and
every admin changelist: a clear 4xx or the value ignored, never a 5xx.

The parameters of each page are its own: the FilterSet's fields and the paging links for the
partner's pages, each changelist's own filters, search, ordering, page and date drill-down for
the admin (read from the changelist itself, so a new admin or filter is covered as it comes).
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from incentives.filters.details import DetailLineFilter
from incentives.filters.summary import IncentiveFilter

from .malformed import VALUES, values_for

pytestmark = pytest.mark.django_db
PAGING = ["after", "before", "last", "page_size", "page"]
PARTNER_PAGES = {
    "home": (reverse("home"), ["next"]),
    "summary": (reverse("incentives:summary"), [*IncentiveFilter.base_filters, "page", "next"]),
    "details": (reverse("incentives:details"), [*DetailLineFilter.base_filters, *PAGING]),
    "export history": (reverse("incentives:export_history"), ["watch"]),
    "api incentives": ("/api/v1/incentives/", [*IncentiveFilter.base_filters, "page", "page_size"]),
    "api statements": ("/api/v1/statements/", ["page", "page_size"]),
    "api details": ("/api/v1/details/", [*DetailLineFilter.base_filters, *PAGING]),
    "api exports": ("/api/v1/exports/", ["page", "page_size"]),
}
PATHS = [
    "/incentives/incentive/{}/",
    "/incentives/details/{}/",
    "/api/v1/incentives/{}/",
    "/api/v1/statements/{}/",
    "/api/v1/details/{}/",
    "/api/v1/exports/{}/",
    "/api/v1/exports/{}/download/",
    "/admin/incentives/statement/{}/change/",
    "/admin/incentives/incentive/{}/change/",
    "/admin/auth/user/{}/change/",
]
tried: dict[str, int] = {"requests": 0, "5xx": 0}


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # a 500 is an answer to count, not an exception here
    return client


def _probe(client, url, params=None):
    response = client.get(url, params or {})
    tried["requests"] += 1
    if response.status_code >= 500:
        tried["5xx"] += 1
    return response.status_code


def _admin_params(client, model):
    """The changelist's own parameters: each filter's, the date drill-down's, search, order, page."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    changelist = client.get(url).context["cl"]
    names = {"q", "o", "p"}
    for spec in changelist.filter_specs:
        names.add(spec.expected_parameters()[0])  # its value; the second is its __isnull
    if changelist.date_hierarchy:
        names.update(f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return url, sorted(names)


@pytest.mark.parametrize("page", PARTNER_PAGES)
def test_partner_pages_answer_malformed_parameters_without_a_server_error(client, everything, page):
    client.force_login(everything["admin"])
    url, names = PARTNER_PAGES[page]
    errors = [
        (name, value)
        for name in names
        for value in values_for(name)
        if _probe(client, url, {"period": "2026-10", name: value} if name != "period" else {name: value})
        >= 500
    ]
    assert not errors, f"5xx on {errors}"


def test_path_parameters_answer_malformed_values_without_a_server_error(client, everything):
    errors = []
    for who, paths in (("admin", PATHS[:7]), ("superuser", PATHS[7:])):
        client.force_login(everything[who])
        for path in paths:
            for value in VALUES:
                if value.strip("/ ") and _probe(client, path.format(value.replace("/", ""))) >= 500:
                    errors.append((path, value))
    assert not errors, f"5xx on {errors}"


def test_admin_changelists_ignore_malformed_filter_values(client, everything):
    client.force_login(everything["superuser"])
    errors = []
    for model in admin.site._registry:
        url, names = _admin_params(client, model)
        for name in names:
            for value in values_for(name):
                if _probe(client, url, {name: value}) >= 500:
                    errors.append((url, name, value))
    assert not errors, f"5xx on {errors}"


def test_zz_report_the_probe_counts(capsys):
    with capsys.disabled():
        print(f"\nmalformed inputs tried: {tried['requests']}, 5xx seen: {tried['5xx']}")
