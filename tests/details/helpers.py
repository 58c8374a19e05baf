"""Reading every page of the Details page and API, and the database's own answer."""

from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from incentives.models import DetailLine

DETAILS = "/incentives/details/"
API = "/api/v1/details/"


def db_lines(partner, period_code):
    lines = DetailLine.objects.filter(partner=partner, period__code=period_code)
    return list(lines.select_related("customer", "tier2_reseller", "incentive", "program").order_by("id"))


def expected(lines):
    return [line.pk for line in lines], sum((line.amount for line in lines), Decimal("0.00"))


def api_all(client, params, page_size=7):
    """Every line the API returns for these filters, following `next`; and the first response."""
    url, ids, first = f"{API}?{urlencode({**params, 'page_size': page_size})}", [], None
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        first = first or body
        assert (body["count"], body["total_amount"]) == (first["count"], first["total_amount"])
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
    return first, ids


def page_all(client, params):
    """Every line the Details page lists for these filters, following Next; and the first page."""
    first = response = client.get(reverse("incentives:details"), params)
    assert response.status_code == 200, response.content.decode()[:2000]
    ids = [line.pk for line in response.context["page"].rows]
    while response.context["page"].has_next:
        after = response.context["page"].next_cursor.after
        response = client.get(reverse("incentives:details"), {**params, "after": after})
        assert response.status_code == 200
        assert response.context["totals"] == first.context["totals"]
        ids += [line.pk for line in response.context["page"].rows]
    return first, ids
