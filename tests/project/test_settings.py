"""Settings are parsed from the environment in a fresh interpreter each time, as in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "broker": s.CELERY_BROKER_URL, "debug": s.DEBUG, "hosts": s.ALLOWED_HOSTS,
    "tz": s.TIME_ZONE, "media": str(s.MEDIA_ROOT), "ssl": s.SECURE_SSL_REDIRECT,
    "cache": s.CACHES["default"]["BACKEND"], "cache_location": s.CACHES["default"].get("LOCATION"),
    "storage": s.STORAGES["default"], "s3_downloads": s.S3_DOWNLOADS, "s3_url_seconds": s.S3_URL_SECONDS,
}))
"""
UNSET = {
    "DATABASE_URL",
    "FILE_STORAGE",
    "S3_BUCKET",
    "CELERY_BROKER_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CACHE_URL",
}
CLEAN = {k: v for k, v in os.environ.items() if k not in UNSET} | {
    "DJANGO_SETTINGS_MODULE": "partner_center.settings"
}


def load(**env):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**CLEAN, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_embedded_defaults_need_no_server(tmp_path):
    loaded = json.loads(load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path)).stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["name"] == str(tmp_path / "db.sqlite3")
    assert loaded["broker"] == "filesystem://"
    assert (tmp_path / "broker" / "queue").is_dir()
    assert loaded["tz"] == "Asia/Shanghai"


def test_production_values_come_from_the_environment(tmp_path):
    loaded = json.loads(
        load(
            DJANGO_DEBUG="false",
            SECRET_KEY="k" * 60,
            DATABASE_URL="postgres://u:p@db.internal:5432/portal",
            CELERY_BROKER_URL="redis://cache:6379/2",
            ALLOWED_HOSTS="portal.example.com,api.example.com",
            TIME_ZONE="UTC",
            MEDIA_ROOT=str(tmp_path / "media"),
        ).stdout
    )
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert (loaded["name"], loaded["host"]) == ("portal", "db.internal")
    assert loaded["broker"] == "redis://cache:6379/2"
    assert loaded["hosts"] == ["portal.example.com", "api.example.com"]
    assert loaded["debug"] is False and loaded["ssl"] is True
    assert (loaded["tz"], loaded["media"]) == ("UTC", str(tmp_path / "media"))


def test_secret_key_is_required_outside_debug():
    result = load(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **CLEAN,
            "DJANGO_DEBUG": "false",
            "SECRET_KEY": "p7#kQ2!vZ9@xL4$mN8^rT1&wY6*hJ3(eB5)cF0_gD" * 2,
            "ALLOWED_HOSTS": "portal.example.com",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_files_stay_on_the_file_system_unless_a_bucket_is_named(tmp_path):
    loaded = json.loads(load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path)).stdout)
    assert loaded["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = json.loads(
        load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path), S3_BUCKET="files", S3_URL_SECONDS="30").stdout
    )
    assert bucket["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = bucket["storage"]["OPTIONS"]
    assert options["bucket_name"] == "files" and options["querystring_expire"] == 30
    # nothing given: AWS itself, with boto3's own credentials chain (an instance or task role)
    assert options["endpoint_url"] is options["access_key"] is options["secret_key"] is None


def test_a_half_configured_storage_refuses_to_start(tmp_path):
    s3 = "storages.backends.s3.S3Storage"
    no_bucket = load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path), FILE_STORAGE=s3)
    assert no_bucket.returncode != 0 and "set S3_BUCKET" in no_bucket.stderr
    wrong = load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path), S3_BUCKET="files", S3_DOWNLOADS="public")
    assert wrong.returncode != 0 and "S3_DOWNLOADS must be redirect or stream" in wrong.stderr
