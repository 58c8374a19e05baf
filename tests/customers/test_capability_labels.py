"""Capabilities > Capability certification: certified labels (those expiring within 90 days
marked), labels not held with their criteria, and each badge as PNG and SVG through an
authorised view, with the partner's name and validity where the label's design allows."""

import io
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from customers.models import CapabilityLabel, Certification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(size=(200, 100), color="navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def label(name, shows_holder=True, level="certified"):
    made = CapabilityLabel(
        name=name, level=level, description=f"{name} partner", criteria=f"Two certified {name} engineers",
        shows_holder=shows_holder,
    )  # fmt: skip
    made.badge_image.save("badge.png", ContentFile(png()), save=False)
    made.save()
    return made


def certify(partner, made, number, days_left, certified_days_ago=300):
    today = timezone.localdate()
    return Certification.objects.create(
        partner=partner, label=made, certificate_number=number,
        certified_on=today - timedelta(days=certified_days_ago),
        valid_until=today + timedelta(days=days_left),
    )  # fmt: skip


@pytest.fixture
def labels(partner_setup):
    partner = partner_setup["distributor"]
    partner.name = 'Cloud & <Co> "杭州"'
    partner.save()
    cloud, ai, data, plain = label("Cloud Migration"), label("AI"), label("Big Data"), label("Plain", False)
    return {
        "cloud": certify(partner, cloud, "CERT-001", days_left=400),
        "ai": certify(partner, ai, "CERT-002", days_left=30),  # expiring soon
        "old": certify(partner, data, "CERT-003", days_left=-1),  # expired: Big Data is not held
        "plain": certify(partner, plain, "CERT-004", days_left=200),
        "rival": certify(partner_setup["rival"], cloud, "CERT-900", days_left=400),
    }


def test_the_page_lists_held_expiring_and_not_held_labels(client, partner_setup, labels):
    client.force_login(partner_setup["viewer"])
    body = client.get("/capabilities/").content.decode()
    held = body.split('data-testid="certifications"')[1].split('data-testid="not-held"')[0]
    assert "CERT-001" in held and "CERT-002" in held and "CERT-004" in held
    assert "CERT-003" not in held and "CERT-900" not in held
    expiring = body.split('data-testid="expiring"')[1].split("</div>")[0]
    assert "AI" in expiring and "Cloud Migration" not in expiring
    not_held = body.split('data-testid="not-held"')[1]
    assert "Big Data" in not_held and "Two certified Big Data engineers" in not_held
    assert "Cloud Migration" not in not_held


def test_the_png_badge_carries_the_partner_and_validity_band(client, partner_setup, labels):
    client.force_login(partner_setup["sales"])
    response = client.get(f"/capabilities/badges/{labels['cloud'].pk}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="badge-CERT-001.png"'
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (400, 200 + 64)  # the badge scaled, plus the band
    plain = Image.open(io.BytesIO(client.get(f"/capabilities/badges/{labels['plain'].pk}.png").content))
    assert plain.size == (400, 200)  # the label's design has no band


def test_the_svg_badge_names_the_partner_escaped(client, partner_setup, labels):
    client.force_login(partner_setup["admin"])
    response = client.get(f"/capabilities/badges/{labels['cloud'].pk}.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = ElementTree.fromstring(response.content)
    texts = [element.text for element in svg.iter("{http://www.w3.org/2000/svg}text")]
    until = labels["cloud"].valid_until.isoformat()
    assert texts == ['Cloud & <Co> "杭州"', f"Valid until {until} · CERT-001"]
    image = next(svg.iter("{http://www.w3.org/2000/svg}image"))
    assert image.get("href").startswith("data:image/png;base64,")


def test_badges_are_only_the_partners_own_and_valid(client, partner_setup, labels):
    client.force_login(partner_setup["admin"])
    assert client.get(f"/capabilities/badges/{labels['rival'].pk}.png").status_code == 404
    assert client.get(f"/capabilities/badges/{labels['old'].pk}.svg").status_code == 404
    client.logout()
    assert client.get(f"/capabilities/badges/{labels['cloud'].pk}.png").status_code != 200


def test_the_api_lists_certifications_with_badges_and_labels_not_held(partner_setup, labels):
    api = APIClient()
    api.force_authenticate(partner_setup["finance"])
    data = api.get("/api/v1/certifications/").json()
    numbers = {c["certificate_number"]: c for c in data["certifications"]}
    assert set(numbers) == {"CERT-001", "CERT-002", "CERT-004"}
    assert numbers["CERT-002"]["expiring_soon"] and not numbers["CERT-001"]["expiring_soon"]
    assert numbers["CERT-001"]["badge_svg"].endswith(f"/capabilities/badges/{labels['cloud'].pk}.svg")
    assert [label["name"] for label in data["not_held"]] == ["Big Data"]
    rival = APIClient()
    rival.force_authenticate(partner_setup["rival_admin"])
    assert [
        c["certificate_number"] for c in rival.get("/api/v1/certifications/").json()["certifications"]
    ] == ["CERT-900"]
