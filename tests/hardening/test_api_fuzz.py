"""Schemathesis against the API's own OpenAPI schema, in-process through the WSGI app.

Each operation of /api/schema/ gets a bounded number of generated requests (valid and invalid
by the schema), sent with a partner admin's token; every answer must be no 5xx, have a status
code and a content type the schema documents, and a body the schema describes.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from incentives.models import DetailLine
from incentives.services.exports import export_request
from incentives.services.feedback import feedback_add
from incentives.services.statements import statement_publish
from partner_center.wsgi import application
from tests import factories

EXAMPLES = 8  # per operation: the 13 operations in about a minute on 2 shared cores
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

sent = {"requests": 0, "5xx": 0}
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def api_world(partner_setup):
    """Small, so each operation's fixture is cheap: a published bill with lines (one with
    feedback), an Estimated one, and an export job of the partner."""
    finance = partner_setup["finance"]
    period = factories.PeriodFactory(code="2026-10")
    published = factories.bill(partner_setup["distributor"], period, lines=[("1000.00", "0.05")] * 3)
    statement_publish(statement_id=published.pk, actor=None)
    factories.bill(partner_setup["distributor"], factories.PeriodFactory(code="2026-11"))
    line = DetailLine.objects.filter(incentive__statement=published).first()
    feedback_add(line_id=line.pk, actor=finance, text="Please check.")
    export_request(user=finance, method="period", file_format="xlsx", period="2026-10")
    return partner_setup


@pytest.fixture
def token(api_world):
    """A finance user's token; requests keep the test's connection, as Django's test client does
    (the WSGI handler would close it at the end of each request, and the test's transaction with it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield AuthToken.objects.create(user=api_world["finance"])[1]  # (the row, the secret)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
    derandomize=True,  # the same requests every run
    database=None,  # and no example database left in the checkout
)
def test_the_api_answers_as_its_schema_says(case, token):
    sent["requests"] += 1
    # identity: schemathesis's in-process (WSGI) transport asks for gzip but does not inflate it
    headers = {"Authorization": f"Token {token}", "Accept-Encoding": "identity"}
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    sent["5xx"] += response.status_code >= 500  # not_a_server_error fails the test first


def test_zz_report_the_request_counts(capsys):
    with capsys.disabled():
        print(f"\nschemathesis requests: {sent['requests']}, 5xx seen: {sent['5xx']}")
