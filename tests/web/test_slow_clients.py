"""Slow clients do not starve the others: under the deployment's gunicorn settings
(gunicorn.conf.py), a hundred clients trickling their request headers a byte a second
hold neither the threads nor, for long, the connections an ordinary read needs."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SLOW_CLIENTS = 100
LIVENESS = 10  # seconds an answer may take before we call the server starved


def get(port: int, path: str, timeout: float) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def gunicorn(folder: Path, *, seeded: bool, **settings: str):
    """gunicorn with the deployment's config on a SQLite file and a free port: one worker
    of four threads (so that a hundred slow clients outnumber them many times over),
    and any other settings given as their environment variables. Yields the port."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'minutebook.sqlite3'}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
        **settings,
    }
    if seeded:
        seed = subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "seed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert seed.returncode == 0, seed.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = folder / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if get(port, "/api/councils", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class SlowClients:
    """Sockets that each send the start of a request, then one more header byte a
    second (for at most `seconds`), never finishing it; all closed by `close`."""

    def __init__(self, port: int, count: int, seconds: int) -> None:
        self.sockets = []
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port), timeout=LIVENESS)
            s.sendall(b"GET /api/resolutions?limit=5 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            self.sockets.append(s)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._trickle, args=(seconds,))
        self.thread.start()

    def _trickle(self, seconds: int) -> None:
        for _ in range(seconds):
            if self.stopping.wait(1):
                return
            for s in self.sockets:
                with suppress(OSError):  # the server may hang up on a client this slow
                    s.send(b"a")

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=30)

    def close(self) -> None:
        self.stop()
        for s in self.sockets:
            s.close()


def test_an_ordinary_read_is_answered_while_a_hundred_slow_clients_trickle(tmp_path):
    with gunicorn(tmp_path, seeded=True, GUNICORN_HEADER_TIMEOUT="60") as port:
        slow = SlowClients(port, SLOW_CLIENTS, seconds=3 * LIVENESS)
        try:
            time.sleep(2)  # each slow client has been accepted and has sent more
            status, body = get(port, "/api/resolutions?limit=5", timeout=LIVENESS)
            assert status == 200, body
            assert len(json.loads(body)["items"]) == 5
            assert slow.thread.is_alive()  # the slow clients were still at it
            # A slow client that does finish its request is answered like any other.
            slow.stop()
            slow.sockets[0].sendall(b"\r\n\r\n")
            assert slow.sockets[0].recv(64).startswith(b"HTTP/1.1 200 ")
        finally:
            slow.close()


def answer_to(port: int, head: bytes) -> bytes:
    """What the server says to a request head that never ends, until it hangs up."""
    with socket.create_connection(("127.0.0.1", port), timeout=LIVENESS) as s:
        s.sendall(head)
        answer = b""
        with suppress(ConnectionResetError):  # hung up on with our bytes unread
            while chunk := s.recv(1024):
                answer += chunk
    return answer


def test_a_head_never_finished_is_answered_408_and_one_too_long_431(tmp_path):
    with gunicorn(tmp_path, seeded=False, GUNICORN_HEADER_TIMEOUT="1") as port:
        start = b"GET /api/councils HTTP/1.1\r\nHost: x\r\n"
        assert answer_to(port, start).startswith(b"HTTP/1.1 408 ")
        too_long = start + b"".join(b"X-%d: %s\r\n" % (n, b"b" * 2000) for n in range(40))
        assert answer_to(port, too_long).startswith(b"HTTP/1.1 431 ")  # over 64 KiB
        assert get(port, "/api/councils", timeout=LIVENESS)[0] == 200
