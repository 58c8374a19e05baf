"""Load test, and with --fault the fault test, of the portal on servers of its own.

    python -m benchmarks.load [--lines 1000000] [--sessions 16] [--duration 300] [--fault]

Starts a PostgreSQL cluster (initdb/pg_ctl into --data-dir or a temporary folder) and a Redis
server on ports of their own, seeds --lines lines for --sessions partners (load_seed; seeded
once into a template database that each run copies, so a rerun starts from the same data),
runs the portal under gunicorn with production settings and a real Celery worker, and drives
it from --sessions threads on loopback for --duration seconds (benchmarks/load/sessions.py).
--fault restarts PostgreSQL at a third of the run and Redis at two thirds.

Prints requests per second and p50/p95/p99 per request kind, every error by status, and the
outages; then load_check compares every count and total with the database's own sums and
every write the generator saw succeed with the audit rows. Exits non-zero on a difference,
on a 5xx outside the outages, or (with --fault) on anything but our 503 during them.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from . import servers
from .report import report
from .sessions import PartnerSession, Seen

RECOVERY_SECONDS = 15  # after a server is back, errors must stop within this


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (default 300)")
    parser.add_argument(
        "--fault", nargs="?", const="both", choices=["both", "postgres", "redis"],
        help="restart PostgreSQL, then Redis (or only the one named) during the load",
    )  # fmt: skip
    parser.add_argument(
        "--schema-from", help="copy the tables of this migrated database instead of migrating"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--wait", type=int, default=400, help="seconds the check waits for exports")
    parser.add_argument("--data-dir", type=Path, help="keep the PostgreSQL cluster here, to reuse the seed")
    args = parser.parse_args(argv)

    run_dir = servers.ROOT / "var" / "load" / datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True)
    postgres, redis = servers.OwnPostgres(data_dir=args.data_dir), servers.OwnRedis()
    web = worker = None
    log = open(run_dir / "servers.log", "w")  # noqa: SIM115 - closed in finally
    try:
        postgres.start()
        redis.start()
        static = servers.collect_static(servers.portal_env(postgres.url(), redis.url, run_dir), log)
        template = f"seed_{args.lines}_{args.sessions}"
        database = postgres.fresh_copy(template, lambda url: seed(postgres, url, redis.url, args, run_dir))
        env = servers.portal_env(database, redis.url, run_dir)
        if static.wait() != 0:
            raise RuntimeError("collectstatic failed")
        port = servers.free_port()
        web = servers.start_portal(env, port, args.workers, log)
        worker = servers.start_worker(env, log)
        base_url = f"http://127.0.0.1:{port}"
        print(
            f"portal {base_url}, {args.workers} gunicorn workers; load average {load_average()}", flush=True
        )
        since = datetime.now(UTC)
        seen, outages, elapsed = drive(base_url, args, postgres, redis)
        with open(run_dir / "seen.json", "w") as record:
            json.dump(seen_record(seen, since), record)
        failures = report(seen, outages, elapsed, args, RECOVERY_SECONDS)
        print(f"load average after the run: {load_average()}", flush=True)
        check = [sys.executable, "manage.py", "load_check", "--settings=benchmarks.settings",
                 "--seen", str(run_dir / "seen.json"), "--wait", str(args.wait)]  # fmt: skip
        checked = subprocess.run(check, cwd=servers.ROOT, env=env)
        return 1 if failures or checked.returncode else 0
    finally:
        if worker is not None:
            worker.stop()
            print(f"worker restarts by the supervisor: {worker.restarts}")
        servers.stop(web)
        log.close()
        redis.remove()
        postgres.remove(keep=args.data_dir is not None)
        print(f"logs: {run_dir}")


def seed(postgres, database_url: str, broker_url: str, args, run_dir: Path) -> None:
    env = servers.portal_env(database_url, broker_url, run_dir)
    started = time.monotonic()
    if args.schema_from:
        postgres.copy_schema(args.schema_from, database_url.rsplit("/", 1)[1])
    else:
        servers.manage(env, "migrate", "--noinput", "-v0")
    servers.manage(env, "load_seed", f"--lines={args.lines}", f"--sessions={args.sessions}")
    print(f"seeded in {time.monotonic() - started:.0f} s", flush=True)


def drive(base_url: str, args, postgres, redis) -> tuple[Seen, list[tuple[str, float, float]], float]:
    started = time.monotonic()
    deadline = started + args.duration
    sessions = [PartnerSession(n, base_url, deadline, started) for n in range(1, args.sessions + 1)]
    for session in sessions:
        session.start()
    outages: list[tuple[str, float, float]] = []
    faults = {"both": ["postgres", "redis"], None: []}.get(args.fault, [args.fault])
    plan = [("PostgreSQL", postgres, 1 / 3, "postgres"), ("Redis", redis, 2 / 3, "redis")]
    for name, server, at, key in plan:
        if key in faults:
            time.sleep(max(0.0, started + args.duration * at - time.monotonic()))
            down = time.monotonic() - started
            server.restart()
            outages.append((name, down, time.monotonic() - started))
            print(f"{name} restarted: away from {down:.1f} s to {outages[-1][2]:.1f} s", flush=True)
    for session in sessions:
        session.join(args.duration + 120)
    elapsed = time.monotonic() - started
    seen = Seen()
    for session in sessions:
        seen.merge(session.seen)
    return seen, outages, elapsed


def seen_record(seen: Seen, since: datetime) -> dict:
    return {
        "since": since.isoformat(),
        "confirmed": sorted(seen.confirmed),
        "confirm_uncertain": sorted(seen.confirm_uncertain),
        "feedback": sorted(seen.feedback),
        "feedback_uncertain": sorted(seen.feedback_uncertain),
        "exports": sorted(seen.exports),
        "exports_uncertain": seen.exports_uncertain,
    }


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    threading.current_thread().name = "load"
    sys.exit(main())
