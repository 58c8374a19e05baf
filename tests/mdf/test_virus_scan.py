"""The virus-scan hook: clamd's INSTREAM protocol over a Unix socket when CLAMD_SOCKET is set
(here a small server speaking that protocol, as clamd does), a logged no-op when it is not."""

import socketserver
import struct
import threading

import pytest

from mdf.models import Proof
from mdf.services import claims
from mdf.services.proofs import proof_add
from partner_center.errors import InvalidInput

from .conftest import approved, held, upload

pytestmark = pytest.mark.django_db
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class Clamd(socketserver.StreamRequestHandler):
    def handle(self):
        assert self.rfile.read(10) == b"zINSTREAM\0"
        data = b""
        while size := struct.unpack("!L", self.rfile.read(4))[0]:
            data += self.rfile.read(size)
        self.server.seen.append(len(data))
        self.wfile.write(b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0")


@pytest.fixture
def clamd(tmp_path, settings):
    path = str(tmp_path / "clamd.sock")
    server = socketserver.ThreadingUnixStreamServer(path, Clamd)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CLAMD_SOCKET = path
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def claim(mdf_setup):
    application = held(approved(mdf_setup["admin"], mdf_setup["operator"]))
    return claims.claim_start(application_id=application.pk, actor=mdf_setup["admin"])


def test_clamd_refuses_an_infected_file_and_passes_a_clean_one(mdf_setup, claim, clamd):
    infected = upload("invoice.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n")
    with pytest.raises(InvalidInput, match="virus"):
        proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="invoice", upload=infected)
    assert Proof.objects.count() == 0
    proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="topic", upload=upload())
    assert Proof.objects.count() == 1 and len(clamd.seen) == 2


def test_an_unreachable_scanner_refuses_rather_than_storing_unscanned(mdf_setup, claim, settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    with pytest.raises(InvalidInput, match="unavailable"):
        proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="topic", upload=upload())
    assert Proof.objects.count() == 0


def test_without_a_scanner_the_upload_passes_with_a_warning(mdf_setup, claim, settings, caplog):
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="topic", upload=upload("t.jpg"))
    assert "No virus scanner configured" in caplog.text and "t.jpg stored unscanned" in caplog.text
