"""The fast paths answer exactly what the slow ones did.

The Details rows are rendered in Python (incentives/views/details_rows.py) and the API list
builds plain dicts (incentives/api/details_rows.py); both must stay identical to what the
template and DetailLineSerializer produced, in both languages and for every role.
"""

from pathlib import Path

import pytest
from django.template import engines
from django.utils.text import Truncator
from django.utils.translation import override
from rest_framework.test import APIClient

from incentives.api.details import DetailLineSerializer
from incentives.models import DetailLine, FeedbackStatus
from partner_center.formatting import money, rate

from .helpers import API, DETAILS

# templates/incentives/details/_rows.html as it was before the rows were rendered in Python
REFERENCE_ROWS = (Path(__file__).parent / "reference_rows.html").read_text(encoding="utf-8")


def reference_rows(response):
    """The rows of a Details response as the old template rendered them from the same page."""
    context = response.context
    ids = [row.pk for row in context["page"].rows]
    lines = DetailLine.objects.select_related("incentive", "customer", "tier2_reseller").in_bulk(ids)
    labels = dict(FeedbackStatus.choices)
    rows = [
        {
            "pk": line.pk,
            "url": f"{context['lines_url']}{line.pk}/",
            "incentive_id": line.incentive.incentive_id,
            "order_id": line.order_id,
            "customer_name": line.customer.name,
            "customer_account": line.customer.account,
            "product_type": line.product_type,
            "reseller": line.tier2_reseller.name if line.tier2_reseller else "—",
            "account_manager": line.account_manager or "—",
            "revenue": money(line.revenue),
            "rate": rate(line.rate),
            "amount": money(line.amount),
            "feedback_status": line.feedback_status,
            "feedback_status_label": labels[line.feedback_status],
            "feedback": line.feedback,
            "feedback_short": Truncator(line.feedback).chars(40),
            "feedback_reply": line.feedback_reply,
            "feedback_reply_short": Truncator(line.feedback_reply).chars(60),
        }
        for line in (lines[pk] for pk in ids)
    ]
    shared = {name: context[name] for name in ("bill", "next_query", "feedback_closed", "can_export")}
    return (
        engines["django"].from_string(REFERENCE_ROWS).render({"rows": rows, "c": context["cells"], **shared})
    )


@pytest.mark.parametrize("role", ["admin", "viewer"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "params", [{}, {"feedback": "with"}, {"feedback": "answered"}, {"period": "2026-09"}, {"last": "1"}]
)
def test_rows_are_the_markup_the_template_wrote(client, world, role, language, params):
    client.force_login(world[role])
    response = client.get(DETAILS, params, headers={"accept-language": language})
    assert response.status_code == 200 and response.context["page"].rows
    with override(language):
        assert reference_rows(response) in response.content.decode()


@pytest.mark.parametrize(
    "params", [{}, {"feedback": "with"}, {"feedback": "answered"}, {"period": "2026-09"}]
)
def test_the_api_list_answers_what_the_serializer_did(world, params):
    client = APIClient()
    client.force_authenticate(world["admin"])
    body = client.get(API, {**params, "page_size": 500}).json()
    ids = [row["id"] for row in body["results"]]
    lines = DetailLine.objects.select_related("incentive__statement__period", "program", "customer")
    lines = lines.select_related("tier2_reseller").in_bulk(ids)
    want = DetailLineSerializer([lines[pk] for pk in ids], many=True).data
    assert ids and body["results"] == want
    assert [list(row) for row in body["results"]] == [list(row) for row in want]  # same field order
    assert any(row["feedback_at"] for row in want) and any(row["tier2_reseller"] for row in want)
