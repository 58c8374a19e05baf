"""Every answer carries the strict Content-Security-Policy; the 500 page's inline styles are
admitted by their hash alone (the browser test, tests/browser/test_csp.py, checks the pages)."""

import base64
import hashlib
import re

import pytest
from django.test import RequestFactory

from partner_center.http_errors import server_error

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/", "/api/docs/", "/no-such-page/"])
def test_pages_carry_a_policy_without_inline_script_style_or_eval(client, url):
    policy = directives(client.get(url))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


def test_signed_in_pages_carry_it_too(client, partner_setup):
    client.force_login(partner_setup["admin"])
    assert directives(client.get("/"))["script-src"] == ["'self'"]


def test_the_server_error_page_admits_exactly_its_own_styles_by_hash():
    response = server_error(RequestFactory().get("/boom/"))
    from csp.middleware import CSPMiddleware

    response = CSPMiddleware(lambda request: response)(RequestFactory().get("/boom/"))
    css = re.search(rb"<style>(.*?)</style>", response.content, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
    assert directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert b"<script" not in response.content


def test_the_api_docs_load_their_script_from_a_file(client):
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page and "<style>" not in page
    assert "?script" in page
    script = client.get("/api/docs/?script")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_no_template_has_a_comment_django_would_print():
    """{# #} ends on its own line; one that does not is printed into the page (a stray style or
    script tag in it would then be refused by the CSP)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    broken = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == []
