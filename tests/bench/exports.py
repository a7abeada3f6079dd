"""Figure 10: the register as CSV (GET /api/data/resolutions.csv, as the public reads
it), streamed through the Flask test client in a fresh process on each history: rows/s
and the process's peak memory. Baseline: the peak memory on the smallest history (it
should stay flat as the history grows: the file is read a page of the query at a time).
Target: >= 50k rows/s.

    .venv/bin/python -m tests.bench.exports URL   one measurement, printed as JSON
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.bench.procs import ROOT
from tests.bench.rebuild import high_water_kb, peak_rss_kb


def measure(urls: dict[str, str], timeout: float = 3 * 3600) -> dict[str, dict]:
    """The figure on each history, by size label, each in a fresh process."""
    out = {}
    for size, url in urls.items():
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.exports", url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the CSV export subprocess failed:\n{done.stderr[-3000:]}")
        out[size] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def export_here(url: str) -> dict:
    from web import create_app, service_of

    app = create_app({"DATABASE_URL": url})
    try:
        client = app.test_client()
        client.get("/api/councils")  # the read models caught up, before timing
        before = peak_rss_kb()
        started = time.perf_counter()
        answer = client.get("/api/data/resolutions.csv")
        records, size = 0, 0
        for chunk in answer.response:  # as a server sends it: chunk by chunk
            records += chunk.count(b"\r\n")
            size += len(chunk)
        seconds = time.perf_counter() - started
        rows = records - 1  # the header
        return {
            "rows": rows,
            "bytes": size,
            "seconds": seconds,
            "rows_per_s": rows / seconds,
            "rss_before_kb": before,
            "peak_rss_kb": peak_rss_kb(),
            "vm_hwm_kb": high_water_kb(),
        }
    finally:
        service_of(app).close()


if __name__ == "__main__":
    print(json.dumps(export_here(sys.argv[1])))
