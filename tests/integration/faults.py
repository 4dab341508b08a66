"""Test-owned stand-ins for failing services: a listener that accepts and never answers, a port
nobody listens on, and an SMTP server that hangs until told to answer. They bind 127.0.0.1 on
a free port and stop with the test; nothing of the machine's own services is touched."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def closed_port() -> int:
    """A local port with nothing listening on it: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, handler: type[socketserver.BaseRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.stopping = threading.Event()
        self.held: list[socket.socket] = []
        self.hung = True
        self.messages: list[bytes] = []
        self.connections = 0
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def hold(self, sock: socket.socket) -> None:
        """Keep the connection open, say nothing, until the server stops."""
        with self.lock:
            self.held.append(sock)
        self.stopping.wait()

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        for sock in self.held:
            with contextlib.suppress(OSError):
                sock.close()
        self.server_close()


class _Silent(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: Any = self.server
        with server.lock:
            server.connections += 1
        server.hold(self.request)


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    timeout = 30

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        server: Any = self.server
        with server.lock:
            server.connections += 1
        if server.hung:
            server.hold(self.request)
            return
        self._reply("220 sink.test ESMTP")
        while not server.stopping.is_set():
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self._reply("250 sink.test")
            elif verb == b"DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b""):
                        break
                    data.append(chunk)
                with server.lock:
                    server.messages.append(b"".join(data))
                self._reply("250 queued")
            elif verb == b"QUIT":
                self._reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self._reply("250 OK")


@contextmanager
def silent_listener() -> Iterator[_Server]:
    """Accepts TCP connections and never sends a byte (a hung broker)."""
    server = _Server(_Silent)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        thread.join(timeout=5)


@contextmanager
def smtp_sink(*, hung: bool) -> Iterator[_Server]:
    """An SMTP server that hangs (accepts, never answers) until `server.hung = False`, then takes
    messages into `server.messages`."""
    server = _Server(_Smtp)
    server.hung = hung
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        thread.join(timeout=5)


@contextmanager
def web_broker(url: str) -> Iterator[None]:
    """Point this (the web) process's publishing at `url`; the worker keeps the real broker."""
    from coalition.celery import app
    from core.broker import broker_pause_reset

    def reset_pools() -> None:
        # Dropped, not closed: kombu keeps one pool per broker URL for the whole process, and
        # a closed one would be handed back the next time that URL is used.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_write_url
    reset_pools()
    app.conf.broker_write_url = url
    broker_pause_reset()
    try:
        yield
    finally:
        reset_pools()
        app.conf.broker_write_url = previous
        broker_pause_reset()
