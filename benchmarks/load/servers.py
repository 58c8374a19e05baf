"""The processes a load run starts, each only on loopback and each stopped by the run:
a PostgreSQL cluster and a Redis server of its own (temporary folders, their own ports), the
portal under gunicorn with production settings and a Celery worker."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what: str, timeout: float = 60) -> None:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up in {timeout:.0f} s")


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


class OwnPostgres:
    """initdb into a temporary folder; pg_ctl start/restart/stop on a port of its own."""

    def __init__(self, port: int | None = None, data_dir: Path | None = None):
        self.port = port or free_port()
        self.folder = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="load-pg-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data = self.folder / "data"
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(
                [PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--no-sync"],
                check=True, stdout=subprocess.DEVNULL, **self._as_owner(),
            )  # fmt: skip

    def url(self, database: str = "portal") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _sql(self, sql: str, database: str = "postgres") -> str:
        psql: list[str | Path] = [PG_BIN / "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        psql += ["-d", database]
        done = subprocess.run([*psql, "-tAc", sql], check=True, capture_output=True, text=True)
        return done.stdout.strip()

    def fresh_copy(self, template: str, seed) -> str:
        """A database "portal" copied from `template`, which `seed(url)` fills the first time."""
        marked = (
            "SELECT description FROM pg_shdescription JOIN pg_database d ON d.oid = objoid "
            f"WHERE datname = '{template}'"
        )
        if self._sql(marked) != "seeded":
            self._sql(f'DROP DATABASE IF EXISTS "{template}"')
            self._sql(f'CREATE DATABASE "{template}"')
            seed(self.url(template))
            self._sql(f"COMMENT ON DATABASE \"{template}\" IS 'seeded'")
        self._sql('DROP DATABASE IF EXISTS "portal" WITH (FORCE)')
        self._sql(f'CREATE DATABASE "portal" TEMPLATE "{template}"')
        return self.url()

    def _as_owner(self) -> dict:
        """PostgreSQL refuses to run as root: as root, run it as the postgres system user."""
        if os.geteuid() != 0:
            return {}
        import pwd

        owner = pwd.getpwnam("postgres")
        shutil.chown(self.folder, owner.pw_uid, owner.pw_gid)
        return {"user": owner.pw_uid, "group": owner.pw_gid}

    def _ctl(self, *command: str) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c shared_buffers=256MB -c max_connections=100"
        )
        subprocess.run(
            [PG_BIN / "pg_ctl", "-D", self.data, "-l", self.folder / "log", "-o", options, "-w", "-t", "60",
             "-m", "fast", *command],
            check=True, stdout=subprocess.DEVNULL, **self._as_owner(),
        )  # fmt: skip

    def start(self) -> None:
        self._ctl("start")

    def copy_schema(self, source_url: str, database: str) -> None:
        """The tables (and rows) of an already migrated database, instead of running migrate."""
        dump = subprocess.Popen([PG_BIN / "pg_dump", "--no-owner", "--no-privileges", source_url],
                                stdout=subprocess.PIPE)  # fmt: skip
        psql: list[str | Path] = [PG_BIN / "psql", "-q", "-v", "ON_ERROR_STOP=1", self.url(database)]
        subprocess.run(psql, stdin=dump.stdout, check=True, stdout=subprocess.DEVNULL)
        if dump.wait() != 0:
            raise RuntimeError("pg_dump failed")

    def stop(self) -> None:
        self._ctl("stop")

    def restart(self) -> None:
        self._ctl("restart")

    def remove(self, keep: bool = False) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        if not keep:
            shutil.rmtree(self.folder, ignore_errors=True)


class OwnRedis:
    """redis-server on a port of its own, with an append-only file (fsync always): a broker
    that keeps its queued messages over a restart, as a production broker must."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="load-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: _listening(self.port), "redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # SHUTDOWN: the append-only file is complete
            self.process.wait(timeout=30)

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def portal_env(database_url: str, broker_url: str, var_dir: Path) -> dict[str, str]:
    """Production settings (DEBUG off, a secret key, no SSL redirect on loopback)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partner_center.settings",
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CACHE_URL": broker_url.rsplit("/", 1)[0] + "/1",  # sessions' cache on Redis, as in production
        "VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "LOG_LEVEL": "WARNING",
        # A message held by a worker that died is handed out again after the visibility
        # timeout: short here, so that it happens within a run (task limits stay below it).
        "CELERY_VISIBILITY_TIMEOUT": "150",
        "CELERY_TASK_TIME_LIMIT": "120",
        "EXPORT_TIME_LIMIT": "120",
    }


def manage(env: dict[str, str], *command: str, log=None) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command, "--settings=benchmarks.settings"],
        cwd=ROOT, env=env, check=True, stdout=log, stderr=subprocess.STDOUT if log else None,
    )  # fmt: skip


def collect_static(env: dict[str, str], log) -> subprocess.Popen:
    """collectstatic in the background (it needs no database), while the data is seeded."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def start_portal(env: dict[str, str], port: int, workers: int, log) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "partner_center.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip

    def answers() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return True
        except OSError:
            return False

    wait_for(answers, "gunicorn")
    return server


class Supervised:
    """A worker restarted whenever it exits, as docker-compose's `restart: unless-stopped` does;
    counts its restarts (a worker that reconnects by itself is never restarted)."""

    def __init__(self, start):
        self._start, self.restarts, self._stopping = start, 0, False
        self.process = start()
        self._watch = threading.Thread(target=self._supervise, daemon=True)
        self._watch.start()

    def _supervise(self) -> None:
        while not self._stopping:
            if self.process.poll() is not None and not self._stopping:
                self.restarts += 1
                print(f"worker exited ({self.process.returncode}); restarted", flush=True)
                self.process = self._start()
            time.sleep(0.5)

    def stop(self) -> None:
        self._stopping = True
        stop(self.process)


def start_worker(env: dict[str, str], log) -> Supervised:
    return Supervised(lambda: _worker(env, log))


def _worker(env: dict[str, str], log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "partner_center", "worker", "--concurrency=2",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)
