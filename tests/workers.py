"""Real Celery processes for integration tests, on the configured broker and the test database."""

import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from incentives.models import DetailLine
from incentives.services.figures import detail_lines_add
from tests import factories

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


WAIT_SECONDS = 60


def wait_for(job, predicate, seconds=WAIT_SECONDS, interval=0.02):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if predicate(job):
            return True
        time.sleep(interval)
    return False


def many_lines(partner, count):
    statement = factories.bill(partner, factories.PeriodFactory(code="2026-10"))
    incentive = statement.incentives.get()
    customer = factories.CustomerFactory(partner=partner)
    detail_lines_add(
        lines=(
            DetailLine(incentive=incentive, order_id=f"BULK{n:08d}", customer=customer, product_type="ECS",
                       revenue=Decimal("100.01"), rate=Decimal("0.05"))
            for n in range(count)
        )
    )  # fmt: skip
