"""A real S3-compatible server on loopback for the storage tests: moto's server mode (the dev
extra installs `moto[server]`), started once per test session as its own process. Each test gets
a fresh private bucket and the default storage pointed at it, in this process (`settings`) and
in any worker it starts (`env`)."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import _skip_or_fail

S3_BACKEND = "storages.backends.s3.S3Storage"
CREDENTIALS = {
    "S3_ACCESS_KEY_ID": "portal-test",
    "S3_SECRET_ACCESS_KEY": "portal-test-secret",
    "S3_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    server = Path(sys.executable).with_name("moto_server")
    if not server.exists() and not shutil.which("moto_server"):
        _skip_or_fail("needs moto's S3 server: pip install -e '.[dev]' (moto[server])")
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError:
        _skip_or_fail("needs django-storages and boto3: pip install -e '.[s3]'")
    port = free_port()
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")
    process = subprocess.Popen(
        [str(server if server.exists() else "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("moto_server did not start")
    yield endpoint
    process.terminate()
    process.wait(timeout=10)
    log.close()


class Bucket:
    """One bucket of the server: its name, a boto3 client, and the environment that selects it."""

    def __init__(self, endpoint: str, name: str):
        import boto3

        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=CREDENTIALS["S3_REGION"],
            aws_access_key_id=CREDENTIALS["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["S3_SECRET_ACCESS_KEY"],
        )
        self.client.create_bucket(Bucket=name)

    def env(self, endpoint: str | None = None) -> dict[str, str]:
        return {"S3_BUCKET": self.name, "S3_ENDPOINT_URL": endpoint or self.endpoint, **CREDENTIALS}

    def keys(self, prefix: str = "") -> list[str]:
        answer = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(entry["Key"] for entry in answer.get("Contents", []))

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def unfinished_uploads(self) -> list[str]:
        return [u["Key"] for u in self.client.list_multipart_uploads(Bucket=self.name).get("Uploads", [])]


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path, monkeypatch):
    """A fresh bucket as the default storage; MEDIA_ROOT points at an empty folder that must stay so."""
    from partner_center import settings_storage

    bucket = Bucket(s3_endpoint, f"portal-{uuid.uuid4().hex[:12]}")
    settings.MEDIA_ROOT = tmp_path / "media-unused"
    for name, value in bucket.env().items():  # the settings module's own reading of them
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": settings_storage.storage_default()}
    assert settings.STORAGES["default"]["BACKEND"] == S3_BACKEND
    settings.S3_DOWNLOADS = "redirect"
    yield bucket
    assert not (tmp_path / "media-unused").exists(), "a file went to the local disk, not the bucket"


# the payment and MDF tests' own data, for their files on a bucket (tests/storage/test_s3_uploads.py)
from tests.mdf.conftest import mdf_setup  # noqa: E402,F401
from tests.payments.conftest import payable, payee  # noqa: E402,F401
