"""The virus-scan hook for uploads: ClamAV's clamd, when CLAMD_SOCKET (a Unix socket path) or
CLAMD_HOST:CLAMD_PORT is set, over its INSTREAM protocol; otherwise a no-op that logs a warning,
so a deployment without a scanner is never silent about it."""

import logging
import socket
import struct

from django.conf import settings
from django.utils.translation import gettext as _

from partner_center.errors import InvalidInput

log = logging.getLogger(__name__)
CHUNK = 64 * 1024


def _connect() -> socket.socket | None:
    if settings.CLAMD_SOCKET:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(settings.CLAMD_TIMEOUT)
        sock.connect(settings.CLAMD_SOCKET)
        return sock
    if settings.CLAMD_HOST:
        return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), settings.CLAMD_TIMEOUT)
    return None


def scan(data: bytes, name: str) -> None:
    """InvalidInput if clamd finds a virus or cannot be asked; nothing if it is not configured."""
    try:
        sock = _connect()
    except OSError:
        log.exception("clamd unreachable; refusing the upload %s", name)
        raise InvalidInput(_("The virus scanner is unavailable; please try again later.")) from None
    if sock is None:
        log.warning("No virus scanner configured (CLAMD_SOCKET / CLAMD_HOST); %s stored unscanned", name)
        return
    try:
        with sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start : start + CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                answer += part
    except OSError:
        log.exception("clamd failed on %s", name)
        raise InvalidInput(_("The virus scanner is unavailable; please try again later.")) from None
    reply = answer.rstrip(b"\0").decode("utf-8", "replace")
    if reply.endswith("FOUND"):
        log.warning("clamd found a virus in %s: %s", name, reply)
        raise InvalidInput(_("The file contains a virus and was not stored."), code="virus")
    if not reply.endswith("OK"):
        log.error("clamd answered %r for %s", reply, name)
        raise InvalidInput(_("The virus scanner is unavailable; please try again later."))
