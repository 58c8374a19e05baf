"""Real Celery processes for integration tests, on the configured broker and the test database."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    """The test database as a DATABASE_URL a worker process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(var_dir, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(var_dir),  # the filesystem broker's folders and beat's schedule file
        "CONN_MAX_AGE": "0",
        **{name: str(value) for name, value in extra.items()},
    }


def start(command, env, log):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "partner_center", *command, "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_worker(env, log):
    return start(["worker", "--pool=solo", "--without-gossip", "--without-mingle"], env, log)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
