"""Shared fixtures. Tests marked `postgres` or `browser` skip with a visible reason where
their engine is missing, except in CI (CI=true or REQUIRE_ALL_TESTS=1), where a skip of
that kind is a failure: CI must really run them."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from tests import factories

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
STRICT = os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_ALL_TESTS") == "1"


def _skip_or_fail(reason):
    if STRICT:
        pytest.fail(f"{reason} (CI requires this test to run)", pytrace=False)
    pytest.skip(reason)


def pytest_sessionstart(session):
    """The compiled catalogs (.mo, not committed) are current: `make test` compiles them, and so
    does a plain `pytest` when a .po is newer than its .mo."""
    root = Path(__file__).resolve().parent.parent / "locale"
    stale = [
        po
        for po in root.rglob("*.po")
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale and shutil.which("msgfmt"):
        for po in stale:
            mo = po.with_suffix(".mo")
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _require_engines(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _skip_or_fail("needs PostgreSQL: set DATABASE_URL=postgres://...")
    if request.node.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        _skip_or_fail(f"needs Chromium at {CHROMIUM}: apt-get install chromium")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: API throttles count in it (tests share 127.0.0.1),
    row ids come again after a rollback (SQLite), and a value cached under one test's ids
    (e.g. a bill's Details choices) must not reach another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def partner_setup(db):
    """Demo-shaped tenants: a distributor with a reseller, and an unrelated rival."""
    distributor = factories.PartnerFactory(name="Distributor Co", kind="distributor")
    reseller = factories.PartnerFactory(name="Reseller Co", kind="reseller", distributor=distributor)
    rival = factories.PartnerFactory(name="Rival Co", kind="direct")
    sales = factories.member(distributor, "sales")
    # the account manager of the factories' customers (CustomerFactory.account_manager)
    sales.first_name, sales.last_name = "Li", "Wei"
    sales.save(update_fields=["first_name", "last_name"])
    return {
        "distributor": distributor,
        "reseller": reseller,
        "rival": rival,
        "admin": factories.member(distributor, "admin"),
        "finance": factories.member(distributor, "finance"),
        "sales": sales,
        "viewer": factories.member(distributor, "viewer"),
        "reseller_admin": factories.member(reseller, "admin"),
        "rival_admin": factories.member(rival, "admin"),
    }
