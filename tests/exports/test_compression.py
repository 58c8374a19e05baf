"""Pages go out gzipped to browsers that accept it; export downloads go out as they are."""

import gzip

import pytest
from django.urls import reverse

from incentives.services.exports import export_request, export_run

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_it_and_reads_the_same(client, partner_setup):
    client.force_login(partner_setup["admin"])
    plain = client.get("/incentives/summary/")
    zipped = client.get("/incentives/summary/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content) / 3
    assert b"Summary" in gzip.decompress(zipped.content)


def test_an_export_download_is_not_recompressed(client, partner_setup, export_data):
    job = export_run(export_request(user=partner_setup["finance"], method="period", period="2026-10").pk)
    client.force_login(partner_setup["finance"])
    response = client.get(reverse("incentives:export_download", args=[job.pk]), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert b"".join(response.streaming_content)[:2] == b"PK"  # the xlsx itself, a zip
