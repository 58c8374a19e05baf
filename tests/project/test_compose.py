"""docker-compose.yml cannot run here (no Docker engine), so it is checked against the code:
its services and commands, and its environment loaded into the real settings."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.project.test_settings import CLEAN, PROBE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _env(service):
    """The service's environment with ${VAR:-default} / ${VAR:?msg} substituted as compose would."""
    values = {}
    for key, value in service["environment"].items():
        value = re.sub(r"\$\{(\w+):-([^}]*)\}", r"\2", str(value))
        values[key] = re.sub(r"\$\{(\w+):\?[^}]*\}", "compose-test-secret-" + "s" * 40, value)
    return values


def test_the_stack_has_web_worker_beat_postgres_and_redis(compose):
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn partner_center.wsgi:application" in services["web"]["command"]
    assert "manage.py migrate" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A partner_center worker")
    assert services["beat"]["command"].startswith("celery -A partner_center beat")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("web", "worker", "beat"):
        assert set(services[name]["depends_on"]) == {"db", "redis"}


def test_app_services_share_one_environment_that_settings_accept(compose, tmp_path):
    services = compose["services"]
    env = _env(services["web"])
    assert _env(services["worker"]) == env == _env(services["beat"])
    db = services["db"]["environment"]
    assert (
        env["DATABASE_URL"]
        == f"postgres://{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}@db:5432/{db['POSTGRES_DB']}"
    )

    env = env | {"VAR_DIR": str(tmp_path), "MEDIA_ROOT": str(tmp_path / "media")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql" and loaded["host"] == "db"
    assert loaded["broker"] == "redis://redis:6379/0"
    # three gunicorn workers share the sessions' cache
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["cache_location"] == "redis://redis:6379/1"
    assert loaded["debug"] is False


def test_compose_environment_passes_check_deploy(compose, tmp_path):
    env = _env(compose["services"]["web"]) | {"VAR_DIR": str(tmp_path), "MEDIA_ROOT": str(tmp_path / "m")}
    env["ALLOWED_HOSTS"] = "portal.example.com"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_check_deploy_warns_when_sessions_sit_in_a_per_process_cache(compose, tmp_path):
    env = _env(compose["services"]["web"]) | {"VAR_DIR": str(tmp_path), "MEDIA_ROOT": str(tmp_path / "m")}
    env |= {"ALLOWED_HOSTS": "portal.example.com", "CACHE_URL": "locmemcache://"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "customers.W001" in result.stderr and "CACHE_URL" in result.stderr


def test_readme_documents_every_environment_variable(compose):
    readme = (ROOT / "README.md").read_text()
    sources = [
        (ROOT / "partner_center" / name).read_text() for name in ("settings.py", "settings_security.py")
    ]
    settings_vars = {name for text in sources for name in re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', text)}
    compose_vars = set(compose["services"]["web"]["environment"])
    assert settings_vars >= compose_vars, "compose sets variables the settings never read"
    missing = sorted(v for v in settings_vars if f"`{v}`" not in readme)
    assert not missing, f"README.md does not document {missing}"
