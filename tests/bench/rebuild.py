"""Figures 3 and 6: rebuilding every read model, its speed and its peak memory.

The rebuild (Projector.rebuild, batches of 500) runs in a subprocess, one per
history size, which reports its time and its peak resident set size (ru_maxrss):
memory should stay flat as the history grows. Linux keeps ru_maxrss across
execve, so a child exec'd by this (big) process would start with our peak; the
child therefore forks once more and rebuilds in that fork of a small, fresh
interpreter, whose ru_maxrss is its own (VmHWM is reported as a check).

Its speed is compared with (a) reading and decoding the same events with no
projection, and (b) the physical limit: the rebuilt rows inserted with plain
sqlite3 executemany into a fresh file database, in one transaction.

    python -m tests.bench.rebuild DATABASE_URL    (the child; prints one JSON line)
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
import traceback
import uuid
from pathlib import Path

from domain.projections.runner import Projector
from domain.projections.store import ReadModel, open_read_model
from domain.service import Minutebook
from tests.bench.procs import ROOT
from tests.bench.stores import read_events

DECODE_TARGET = 0.50  # the rebuild should keep at least half the bare decoding rate


def peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def high_water_kb() -> int | None:
    """VmHWM: this address space's peak RSS (reset by execve, unlike ru_maxrss)."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return None


def rebuild_here(url: str) -> dict:
    service = Minutebook.from_url(url)
    read_model = open_read_model(url)
    before = peak_rss_kb()
    started = time.perf_counter()
    applied = Projector(service, read_model).rebuild()
    seconds = time.perf_counter() - started
    return {
        "events": applied,
        "seconds": seconds,
        "events_per_s": applied / seconds,
        "rss_before_kb": before,
        "peak_rss_kb": peak_rss_kb(),
        "vm_hwm_kb": high_water_kb(),
    }


def child(url: str) -> dict:
    """The subprocess: rebuild in a fork of this fresh interpreter (see above)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: rebuild, report through the pipe, and leave at once
        code = 1
        try:
            os.close(reader)
            os.write(writer, json.dumps(rebuild_here(url)).encode())
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise RuntimeError(f"the rebuild failed (wait status {status})")
    return json.loads(report)


def in_child(url: str, timeout: float = 3 * 3600) -> dict:
    """Rebuild the read models of `url` in a fresh process; its report."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.rebuild", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the rebuild subprocess failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def decode_rate(service: Minutebook) -> dict:
    """Baseline (a): the notification log read in batches of 500 and decoded."""
    started = time.perf_counter()
    events = sum(1 for _ in read_events(service))
    seconds = time.perf_counter() - started
    return {"events": events, "seconds": seconds, "events_per_s": events / seconds}


def raw_insert_rate(read_model: ReadModel, events: int, folder: Path) -> dict:
    """Baseline (b): every row of the rebuilt read models, inserted with sqlite3's
    executemany into plain tables (no index, no constraint) in one transaction."""
    dump = {name: rows for name, rows in read_model.dump().items() if rows}
    path = folder / f"raw-{uuid.uuid4().hex[:8]}.sqlite3"
    conn = sqlite3.connect(path)
    try:
        batches = []
        for name, rows in dump.items():
            columns = list(rows[0])
            quoted = ", ".join(f'"{c}"' for c in columns)
            conn.execute(f'CREATE TABLE "{name}" ({quoted})')
            batches.append(
                (
                    f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})',
                    [tuple(row[c] for c in columns) for row in rows],
                )
            )
        conn.commit()
        started = time.perf_counter()
        with conn:  # one transaction
            for statement, values in batches:
                conn.executemany(statement, values)
        seconds = time.perf_counter() - started
    finally:
        conn.close()
        path.unlink(missing_ok=True)
    rows = sum(len(values) for _, values in batches)
    return {
        "rows": rows,
        "tables": len(batches),
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "events_per_s": events / seconds,
    }


def measure(service: Minutebook, read_model: ReadModel, rebuilt: dict, folder: Path) -> dict:
    """Figure 3, from a child's rebuild report on this store."""
    decoded = decode_rate(service)
    raw = raw_insert_rate(read_model, rebuilt["events"], folder)
    ratio = rebuilt["events_per_s"] / decoded["events_per_s"]
    return {
        "rebuild": rebuilt,
        "decode": decoded,
        "raw_insert": raw,
        "decode_ratio": ratio,
        "target": DECODE_TARGET,
        "met": ratio >= DECODE_TARGET,
        "raw_ratio": rebuilt["events_per_s"] / raw["events_per_s"],
    }


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1])))
