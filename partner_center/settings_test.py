"""Test settings: the real settings module, with a test secret and fast password hashing.

DATABASE_URL and CELERY_BROKER_URL still come from the environment, so the same suite runs
on SQLite (default) and on PostgreSQL/Redis in CI.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405 (the suite keeps the benchmarks runnable)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SECURE_SSL_REDIRECT = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (whitenoise warns when it is missing)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory, so a Celery worker started by a test opens the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
DEMO_COMPANIES = int(os.environ.get("DEMO_COMPANIES", "300"))  # a small encyclopedia: seed_demo runs often
