import pytest

from incentives.models import DetailLine
from tests.summary import conftest as summary

bills = summary.bills  # the Summary's pending bills, for these tests too


@pytest.fixture
def htmx_from():
    """The headers htmx sends for a request made from the page at `path`."""

    def headers(path):
        return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{path}"}

    return headers


@pytest.fixture
def line(bills):
    """A detail line of the distributor's pending bill (takes feedback)."""
    return DetailLine.objects.filter(incentive__statement=bills["distributor"]).first()
