"""gunicorn's settings file (read from the working directory): the web workers share one set of
Prometheus metrics (prometheus_client's multiprocess mode), so a scrape of /metrics counts every
worker's requests, not only those of the worker that answered it."""

import os
import shutil
import tempfile
from pathlib import Path

_made_here: Path | None = None  # a folder this master made for itself goes when it exits


def on_starting(server):
    # Before the workers fork and load the app: they inherit the folder and write their metrics there.
    global _made_here
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="portal-prometheus-"))
    _made_here = None if given else folder
    folder.mkdir(parents=True, exist_ok=True)
    # A previous run's values are not this run's. Only prometheus_client's own files go: the folder
    # may be one an operator named, and nothing else in it is ours to delete.
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _made_here is not None:
        shutil.rmtree(_made_here, ignore_errors=True)
