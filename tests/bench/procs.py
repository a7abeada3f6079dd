"""Subprocesses for the benchmark: a real HTTP server and a projection worker,
always stopped (SIGTERM, then SIGKILL) however the measurement ends."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project: the children's working directory


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **extra}


@contextmanager
def started(args: list[str], *, env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen]:
    """Run `python <args>` in the project folder, its output to `log_path`."""
    with open(log_path, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _check_alive(proc: subprocess.Popen, log_path: Path) -> None:
    if proc.poll() is not None:
        tail = log_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the subprocess exited with {proc.returncode}:\n{tail}")


def wait_for_line(proc: subprocess.Popen, log_path: Path, text: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in log_path.read_text(errors="replace"):
        _check_alive(proc, log_path)
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {text!r} from the subprocess within {timeout}s")
        time.sleep(0.05)


def wait_for_http(proc: subprocess.Popen, log_path: Path, port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        _check_alive(proc, log_path)
        with suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", "/api/councils")
                if conn.getresponse().status == 200:
                    return
            finally:
                conn.close()
        if time.monotonic() > deadline:
            raise TimeoutError(f"the server did not answer on port {port} within {timeout}s")
        time.sleep(0.1)
