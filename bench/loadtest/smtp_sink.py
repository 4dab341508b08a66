"""A test-owned SMTP server on loopback that accepts every message and remembers its recipients.

`make loadtest` points the worker's EMAIL_BACKEND at it, so "zero lost e-mails" is counted where
the mail ends up, not only in the outbox table. It speaks just enough SMTP for Django's backend
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH).
"""

from __future__ import annotations

import socketserver
import threading
from collections import Counter
from email import message_from_bytes
from email.header import decode_header, make_header


class _Handler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        self._reply("220 loadtest SMTP sink")
        recipients: list[str] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._reply("250-loadtest")
                self._reply("250-8BITMIME")
                self._reply("250 SMTPUTF8")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip()
                recipients.append(address.split(" ", 1)[0].strip("<>").lower())
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                message = message_from_bytes(b"".join(lines))
                subject = str(make_header(decode_header(message.get("Subject", ""))))
                self.server.received(recipients, subject)
                recipients = []
                self._reply("250 OK: queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:  # HELO, RSET, NOOP and anything else
                self._reply("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self._lock = threading.Lock()
        self.deliveries: Counter[str] = Counter()
        self.subjects: list[str] = []

    def received(self, recipients: list[str], subject: str) -> None:
        with self._lock:
            self.deliveries.update(recipients)
            self.subjects.append(subject)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="smtp-sink", daemon=True)
        thread.start()
        return thread

    def count(self, address: str) -> int:
        with self._lock:
            return self.deliveries[address.lower()]
