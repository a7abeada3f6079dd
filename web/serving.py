"""The gunicorn worker the deployment runs (see gunicorn.conf.py): gunicorn's threaded
worker (gthread), except that a request takes a thread only once its head is in.

gthread waits in its event loop only for a connection's first byte; a thread then
reads the rest of the request line and headers, blocking. A client that sends them a
byte a second holds that thread, and a hundred such clients hold every thread of
every worker. This worker reads the head in the event loop, without blocking, and
hands the connection to a thread once the head is complete; gunicorn's parser then
checks it against the request line and header limits. A head longer than 64 KiB is
answered 431 and closed here (the parser would take up to its limits, and wait for
the rest in a thread). A connection that has not sent its head within
GUNICORN_HEADER_TIMEOUT seconds (default 10) of opening, or of its first byte when
kept alive, is answered 408 and closed, so slow clients do not keep the worker's
connection slots either.

A slow body still holds a thread while the view reads it, but only a writer with a
valid token gets that far: a write without one is refused before its body is read.
"""

from __future__ import annotations

import errno
import os
import re
import selectors
import time
from contextlib import suppress
from functools import partial
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

HEADER_TIMEOUT = float(os.environ.get("GUNICORN_HEADER_TIMEOUT", "10"))
MAX_HEAD = 64 * 1024
END_OF_HEAD = re.compile(rb"\r?\n\r?\n")
TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
    b"Content-Length: 0\r\n\r\n"
)


class HeadFirstWorker(ThreadWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Connections whose head is still arriving: the bytes so far, and the deadline.
        # Deadlines are set on entry, so the dict's order is the order they fall due.
        self._heads: dict[TConn, tuple[bytearray, float]] = {}

    def accept(self, server: Any, listener: Any) -> None:
        if self.cfg.is_ssl:  # the head is encrypted: let a thread read it, as gthread does
            return super().accept(server, listener)
        try:
            sock, client = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return None
        conn = TConn(self.cfg, sock, client, server)  # non-blocking until handed over
        self.nr_conns += 1
        with self._lock:
            self._heads[conn] = (bytearray(), time.monotonic() + HEADER_TIMEOUT)
            self.poller.register(
                conn.sock, selectors.EVENT_READ, partial(self.on_client_socket_readable, conn)
            )
        return None

    def on_client_socket_readable(self, conn: TConn, client: Any) -> None:
        if self.cfg.is_ssl:
            return super().on_client_socket_readable(conn, client)
        with self._lock:
            if conn not in self._heads:  # a kept-alive connection's next request begins
                try:
                    self._keep.remove(conn)
                except ValueError:  # already closed as idle
                    self.poller.unregister(client)
                    return None
                self._heads[conn] = (bytearray(), time.monotonic() + HEADER_TIMEOUT)
        head = self._heads[conn][0]
        try:
            data = conn.sock.recv(8192)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            data = b""
        if not data:  # the client went away
            self._close(conn)
            return None
        searched = max(0, len(head) - 3)
        head += data
        if END_OF_HEAD.search(head, searched) is None:
            if len(head) > MAX_HEAD:
                self._close(conn, answer=TOO_LARGE)
            return None
        with self._lock:
            self.poller.unregister(client)
            del self._heads[conn]
        conn.init()  # blocking from here on, with gunicorn's parser
        conn.parser.unreader.unread(bytes(head))
        self._wrap_future(self.tpool.submit(self.handle, conn), conn)
        return None

    def murder_keepalived(self) -> None:
        """Close idle kept-alive connections (gthread's own), and those whose head is late."""
        super().murder_keepalived()
        now = time.monotonic()
        with self._lock:
            late = []
            for conn, (head, deadline) in self._heads.items():
                if deadline > now:
                    break
                late.append((conn, head))
        for conn, head in late:
            self._close(conn, answer=TIMED_OUT if head else b"")

    def _close(self, conn: TConn, answer: bytes = b"") -> None:
        with self._lock:
            self._heads.pop(conn, None)
            with suppress(KeyError, ValueError, OSError):
                self.poller.unregister(conn.sock)
        if answer:
            with suppress(OSError):
                conn.sock.send(answer)
                # Read what the client has sent already, so that closing sends FIN rather
                # than RST (which could lose the answer on its way).
                for _ in range(MAX_HEAD // 8192):
                    if not conn.sock.recv(8192):
                        break
        self.nr_conns -= 1
        conn.close()
