"""Who sees and questions which line: the tenant and role matrix on the pages and the API.

A partner's own users read its lines (404 for everyone else's, never 403, so nobody learns
that a line exists); all but viewers write feedback. A distributor does not see its
resellers' bills, nor a reseller its distributor's, even for lines it resold.
"""

import pytest
from django.urls import reverse

from incentives.models import DetailLine, FeedbackMessage
from tests import factories
from tests.details.helpers import API, DETAILS

pytestmark = pytest.mark.django_db

OWNER = {"distributor": "distributor", "reseller": "reseller", "rival": "rival"}
USERS = {
    "admin": "distributor",
    "finance": "distributor",
    "sales": "distributor",
    "viewer": "distributor",
    "reseller_admin": "reseller",
    "rival_admin": "rival",
}
WRITERS = {"admin", "finance", "sales", "reseller_admin", "rival_admin"}


@pytest.fixture
def lines(world):
    """One 2026-10 line of each partner; the distributor's was resold by the reseller."""
    period = world["periods"]["2026-10"]
    lines = DetailLine.objects.filter(period=period, feedback_status="")
    return {
        "distributor": lines.filter(partner=world["distributor"], tier2_reseller=world["reseller"]).first(),
        "reseller": lines.filter(partner=world["reseller"]).first(),
        "rival": lines.filter(partner=world["rival"]).first(),
    }


def matrix():
    for user in USERS:
        for owner in OWNER:
            yield user, owner


@pytest.mark.parametrize(("user", "owner"), list(matrix()))
def test_lines_are_visible_only_to_their_own_partner(client, world, lines, user, owner):
    line = lines[owner]
    client.force_login(world[user])
    own = USERS[user] == owner

    details = client.get(reverse("incentives:detail_line", args=[line.pk]))
    dialog = client.get(reverse("incentives:detail_feedback", args=[line.pk]))
    api = client.get(f"{API}{line.pk}/")
    listed = client.get(API, {"order_id": line.order_id}).json()

    expected = 200 if own else 404
    assert (details.status_code, api.status_code) == (expected, expected)
    assert dialog.status_code == (404 if not own else 200 if user in WRITERS else 403)
    assert [row["id"] for row in listed["results"]] == ([line.pk] if own else [])


@pytest.mark.parametrize(("user", "owner"), list(matrix()))
def test_feedback_only_by_the_owning_partners_non_viewer_users(client, world, lines, user, owner):
    line = lines[owner]
    client.force_login(world[user])
    own, writer = USERS[user] == owner, user in WRITERS

    page = client.post(reverse("incentives:detail_feedback", args=[line.pk]), {"text": f"from {user}"})
    api = client.post(
        f"{API}{line.pk}/feedback/", {"text": f"api from {user}"}, content_type="application/json"
    )

    if own and writer:
        assert (page.status_code, api.status_code) == (302, 201)
        assert FeedbackMessage.objects.filter(line=line, author=world[user]).count() == 2
    else:
        # another partner's line is not found, whatever the role; an own viewer is refused
        assert page.status_code == api.status_code == (403 if own else 404)
        assert not FeedbackMessage.objects.filter(line=line).exists()


def test_list_page_and_api_show_only_the_users_partner(client, world):
    for user, partner in USERS.items():
        client.force_login(world[user])
        page = client.get(DETAILS, {"customer_name": "bluewave"})
        api = client.get(API, {"customer_name": "bluewave", "page_size": 500}).json()
        assert {line.partner_id for line in page.context["page"].rows} == {world[partner].pk}, user
        assert {DetailLine.objects.get(pk=row["id"]).partner_id for row in api["results"]} == {
            world[partner].pk
        }


def test_anonymous_users_are_sent_to_sign_in_or_refused(client, lines):
    line = lines["distributor"]
    for url in (DETAILS, reverse("incentives:detail_line", args=[line.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(f"{API}{line.pk}/").status_code in (401, 403)
    assert client.post(f"{API}{line.pk}/feedback/", {"text": "x"}).status_code in (401, 403)


def test_staff_operator_without_partner_cannot_use_the_partner_api(client, world, lines, operator):
    client.force_login(operator)
    assert client.get(f"{API}{lines['distributor'].pk}/").status_code == 403
    client.force_login(factories.UserFactory(username="other-staff", is_staff=True))
    assert client.get(reverse("incentives:detail_line", args=[lines["distributor"].pk])).status_code == 403
