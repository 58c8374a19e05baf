"""/healthz and /readyz: what a load balancer and compose's health checks ask."""

import pytest
from django.db import connection
from django.test import Client, override_settings

from partner_center import health

pytestmark = pytest.mark.django_db


@pytest.fixture
def probe():
    # a load balancer probes by address over plain HTTP, with no cookie
    return Client(HTTP_HOST="10.0.0.7")


@override_settings(ALLOWED_HOSTS=["portal.example.com"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_without_touching_the_database(probe, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = probe.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


@override_settings(ALLOWED_HOSTS=["portal.example.com"], SECURE_SSL_REDIRECT=True)
def test_readyz_is_ready_when_database_cache_broker_and_migrations_answer(probe):
    response = probe.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ready"}
    assert "Set-Cookie" not in response


def test_readyz_names_the_failed_check_and_nothing_else(probe, monkeypatch):
    def database_away():
        raise connection.Database.OperationalError("connection refused by 10.0.0.9:5432")

    monkeypatch.setitem(health.CHECKS, "database", database_away)
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert b"10.0.0.9" not in response.content


def test_readyz_is_unavailable_while_a_migration_is_pending(probe, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    assert probe.get("/readyz").json() == {"status": "unavailable", "failed": ["migrations"]}


def test_readyz_is_unavailable_when_the_broker_does_not_answer(probe, monkeypatch):
    from kombu import Connection

    from partner_center.celery import app

    # a real connection attempt, to a port nothing listens on
    monkeypatch.setattr(app, "connection_for_write", lambda: Connection("redis://127.0.0.1:1/0"))
    assert probe.get("/readyz").json()["failed"] == ["broker"]
