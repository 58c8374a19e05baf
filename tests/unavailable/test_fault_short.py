"""The fault test, short: the load harness of benchmarks/load on a PostgreSQL cluster of its
own (its tables copied from the test database), gunicorn with production settings, a Celery
worker and two partner sessions for 15 s, with PostgreSQL restarted once a third of the way in.
It passes only if every failed request was our 503, nothing failed once the database was
back, every export completed, and load_check found every count, total and audit row exact
(no confirmation, feedback or export lost or doubled). The full run, 5 minutes at 1,000,000
lines with Redis restarted too: README, "Load and fault tests"."""

import shutil

import pytest

from benchmarks.load import servers
from benchmarks.load.__main__ import main
from tests.workers import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_portal_survives_a_postgresql_restart_under_load(capsys):
    assert (servers.PG_BIN / "initdb").exists() and shutil.which("redis-server"), "PostgreSQL 15, Redis"
    arguments = ["--lines", "1200", "--sessions", "2", "--duration", "15", "--workers", "2"]
    code = main([*arguments, "--fault", "postgres", "--schema-from", database_url(), "--wait", "90"])
    printed = capsys.readouterr().out
    assert "PostgreSQL restarted" in printed
    assert "outside the outages: 0" in printed
    assert code == 0, printed
