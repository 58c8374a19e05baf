"""A TCP relay between a worker and the S3 server that holds an upload half-way: it forwards
everything until a PUT of an export's object has sent `body_bytes` of its body, then forwards
nothing more on that connection and sets `stalled`, so the test can kill the worker while its
upload is really in flight (the server has part of the body, never all of it)."""

import socket
import threading

MARK = b"/exports/jobs/"


class StallingProxy:
    def __init__(self, upstream_port: int, body_bytes: int = 2048):
        self.upstream_port, self.body_bytes = upstream_port, body_bytes
        self.stalled = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            self.sockets += [client, upstream]
            threading.Thread(target=self._to_server, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._to_client, args=(upstream, client), daemon=True).start()

    def _to_server(self, client: socket.socket, upstream: socket.socket) -> None:
        seen = b""
        try:
            while data := client.recv(65536):
                if self.stalled.is_set():
                    continue  # held: the server never gets the rest
                seen = (seen + data)[-1_000_000:]
                head, separator, body = seen.partition(b"\r\n\r\n")
                if head.startswith(b"PUT ") and MARK in head.split(b"\r\n", 1)[0] and separator:
                    if len(body) >= self.body_bytes:
                        keep = len(data) - (len(body) - self.body_bytes)
                        upstream.sendall(data[: max(keep, 0)])
                        self.stalled.set()
                        continue
                upstream.sendall(data)
                if separator and not head.startswith(b"PUT "):
                    seen = b""  # another request; a PUT's head is kept until its body counts
        except OSError:
            pass

    def _to_client(self, upstream: socket.socket, client: socket.socket) -> None:
        try:
            while data := upstream.recv(65536):
                client.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.close()
            except OSError:
                pass
