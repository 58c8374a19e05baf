"""gunicorn's settings file (read from the working directory): the web workers share one set of
Prometheus metrics (prometheus_client's multiprocess mode), so a scrape of /metrics counts every
worker's requests, not only those of the worker that answered it."""

import os
import shutil
import tempfile


def on_starting(server):
    # Before the workers fork and load the app: they inherit the folder and write their metrics there.
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="portal-prometheus-")
    shutil.rmtree(folder, ignore_errors=True)  # values of a previous run are not this run's
    os.makedirs(folder)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
