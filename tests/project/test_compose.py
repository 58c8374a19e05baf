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


def _env(service, **given):
    """The service's environment with ${VAR:-default} / ${VAR:?msg} substituted as compose would,
    `given` standing for what an operator sets in the shell or an .env file."""
    values = {}
    for key, value in service["environment"].items():
        value = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: given.get(m[1], m[2]), str(value))
        values[key] = re.sub(r"\$\{(\w+):\?[^}]*\}", "compose-test-secret-" + "s" * 40, value)
    return values


def test_the_stack_has_migrate_web_worker_beat_postgres_and_redis(compose):
    services = compose["services"]
    assert set(services) == {"migrate", "web", "worker", "beat", "db", "redis"}
    assert services["web"]["command"].startswith("gunicorn partner_center.wsgi:application")
    assert "exec celery -A partner_center worker" in services["worker"]["command"]
    assert services["beat"]["command"].startswith("celery -A partner_center beat")
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_migrations_run_once_in_a_job_that_everything_else_waits_for(compose):
    services = compose["services"]
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"  # a one-off job, not restarted after it exits
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "worker", "beat"):
        assert "migrate" not in services[name]["command"]  # web=3 never races on migrations
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }


def test_the_web_health_check_asks_readyz_which_the_first_middleware_answers(compose, settings):
    check = compose["services"]["web"]["healthcheck"]["test"]
    assert check[:3] == ["CMD", "python", "-c"] and "http://127.0.0.1:8000/readyz" in check[3]
    # answered before host validation and the HTTPS redirect: the probe is plain HTTP by address
    assert settings.MIDDLEWARE[0] == "partner_center.health.HealthCheckMiddleware"


def test_app_services_share_one_environment_that_settings_accept(compose, tmp_path):
    services = compose["services"]
    env = _env(services["web"])
    assert env == _env(services["beat"]) == _env(services["migrate"])
    worker = _env(services["worker"])
    # the worker alone adds the folder its prefork children share their metrics in, made at start
    assert worker.pop("PROMETHEUS_MULTIPROC_DIR") == "/tmp/prometheus-worker"
    assert 'mkdir -p "$$PROMETHEUS_MULTIPROC_DIR"' in services["worker"]["command"]
    assert worker == env
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
    # no bucket given: files on the `media` volume (one host only), never a half-set bucket
    assert loaded["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert services["web"]["volumes"] == ["media:/data"]
    assert _env(services["web"])["MEDIA_ROOT"] == "/data/media"


OPERATOR_BUCKET = {
    "S3_BUCKET": "portal-files",
    "S3_ENDPOINT_URL": "https://minio.internal:9000",
    "S3_REGION": "cn-east-1",
    "S3_ACCESS_KEY_ID": "portal-app",
    "S3_SECRET_ACCESS_KEY": "minio-secret-" + "x" * 30,
}


def test_storage_settings_put_every_hosts_files_in_one_private_bucket(compose, tmp_path):
    services = compose["services"]
    env = _env(services["web"], **OPERATOR_BUCKET)
    assert all(_env(services[name], **OPERATOR_BUCKET).items() >= env.items() for name in ("worker", "beat"))
    for name in OPERATOR_BUCKET:  # passed through from the operator's environment, nothing baked in
        assert services["web"]["environment"][name] == f"${{{name}:-}}"
    env |= {"VAR_DIR": str(tmp_path), "MEDIA_ROOT": str(tmp_path / "media")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env={**CLEAN, **env}, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = loaded["storage"]["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "portal-files", "https://minio.internal:9000", "cn-east-1",
    )  # fmt: skip
    assert (options["access_key"], options["secret_key"]) == (
        "portal-app", OPERATOR_BUCKET["S3_SECRET_ACCESS_KEY"],
    )  # fmt: skip
    # private objects, never replaced by a same-named upload; downloads by 60-second presigned URLs
    assert options["default_acl"] is None and options["file_overwrite"] is False
    assert options["querystring_expire"] == loaded["s3_url_seconds"] == 60
    assert loaded["s3_downloads"] == "redirect"
    # the image has the extra these settings need
    assert 'pip install --no-cache-dir ".[s3]"' in (ROOT / "Dockerfile").read_text()
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**CLEAN, **env, "ALLOWED_HOSTS": "portal.example.com"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stderr


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
    settings_vars = {
        name
        for module in sorted((ROOT / "partner_center").glob("settings*.py"))
        for name in re.findall(r'env\.\w+\(\s*"([A-Z0-9_]+)"', module.read_text())
    }
    compose_vars = set(compose["services"]["web"]["environment"])
    assert settings_vars >= compose_vars, "compose sets variables the settings never read"
    missing = sorted(v for v in settings_vars if f"`{v}`" not in readme)
    assert not missing, f"README.md does not document {missing}"
