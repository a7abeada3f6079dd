"""Minutebook's benchmark: each figure beside a baseline measured in the same run,
on SQLite and on PostgreSQL. Not part of the test run.

    .venv/bin/python -m tests.bench.bench [--sizes 10000,50000] [--full]
                                          [--stores sqlite,postgres] [--json PATH]

Histories come from seeds/synthetic.py, scaled by the number of councils to about
the wanted number of events (each size's true count is printed). The smallest is
recorded through the service on each store (figure 1); bigger ones are generated
once in memory and copied into each store in bulk. PostgreSQL runs in a schema of
its own per history (BENCH_POSTGRES_URL, default the local `test` database),
dropped afterwards; SQLite in files in a temporary folder.

1. Recording through the service, events/s: every command of the smallest history
   (load, check, save). Baseline: the library's bare `Minutebook.save(event)` of the
   same events, read back and saved one call per event into a fresh store of the
   same kind. Target: the service keeps >= 70% of the bare rate.
2. Recording through HTTP on a real server (werkzeug, threaded, in a subprocess;
   inline projections): 8 client threads POST progress notes on open actions of
   the history, then GET resolutions; requests/s and p50/p99 latency. Baseline:
   the same commands (and reads) in-process on one thread.
3. Rebuilding every read model (Projector.rebuild, in a subprocess), events/s, at
   the largest of --sizes. Baselines: (a) reading and decoding the same events
   from the notification log with no projection (target: the rebuild keeps >= 50%
   of it); (b) the physical limit: every rebuilt row inserted with sqlite3
   executemany into plain tables of a fresh file database in one transaction,
   rows/s and the equivalent events/s (a sqlite3 file for PostgreSQL too).
4. Read-your-writes lag, p50/p99: from a command's receipt until the read model's
   position reaches it, with a projection worker (`flask --app wsgi project
   --interval 0.01`, PROJECTIONS=worker) in its own process. Baseline: inline
   mode, Projector.catch_up() right after the command.
5. Query latency, p50 of 50 runs, at each size: register search, action tracker,
   the tracker as of a date in the middle of the history (limit 50 and 1), meeting
   detail, audit filter. Baseline: the same query at the smallest size; the ratio
   is the growth factor.
6. Peak memory (ru_maxrss) of the rebuild subprocess at each size. Baseline: the
   smallest size; it should stay flat as the history grows.

7. An ordinary read (GET /api/resolutions?limit=5), p50/p99, on gunicorn with the
   deployment's settings (gunicorn.conf.py) while 100 slow clients trickle request
   headers a byte a second. Baseline: the same reads with no slow clients. Beside
   them, how many reads plain gthread answers under the same slow clients.

8. The ledger catching up with the largest of --sizes from nothing (leaves/s, one
   checkpoint signed at the end), and `verify` checking it (events/s). Baseline:
   reading the raw notification log in the same batches, no decoding, no hashing
   (target: the catch-up keeps up, >= 1.0). And recording the smallest history
   through the service while a thread runs Ledger.follow on the same store.
   Baseline: the same commands with no ledger (target: >= 0.95).
9. Each kind of page (councils, council, committee, meeting, resolution, tracker,
   register, audit) on every history: p95 server time through the test client.
   Baseline: the API's JSON for the same thing (target: page p95 <= 50 ms at 50k).
10. The register as CSV, streamed, on every history: rows/s and the exporting process's
   peak memory. Baseline: the peak on the smallest history (target: >= 50k rows/s,
   memory flat).

--full adds the 100k and 1M histories to figures 5, 6 and 10, and the ledger's catch-up
and `verify` at 1M to figure 8 (well over an hour).
Results are printed as a table and written as JSON (default bench-results.json).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
import traceback
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import psycopg

from tests.bench import (
    exports,
    http_load,
    lag,
    ledger,
    pages,
    queries,
    rebuild,
    recording,
    slow_clients,
)
from tests.bench.report import print_report, write_json
from tests.bench.stores import POSTGRES_URL, Histories, Stores, label, log

FULL_SIZES = [100_000, 1_000_000]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default="10000,50000",
        help="history sizes in events, comma-separated (default 10000,50000)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="add the 100k and 1M histories (query latency, rebuild memory, ledger)",
    )
    parser.add_argument(
        "--stores",
        default="sqlite,postgres",
        help="stores to measure: sqlite, postgres (default both)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results.json"),
        help="where to write the figures (default bench-results.json)",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    args.stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    if not args.sizes or min(args.sizes) < 1000:
        parser.error("--sizes needs sizes of at least 1000 events")
    if set(args.stores) - {"sqlite", "postgres"}:
        parser.error("--stores takes sqlite and/or postgres")
    return args


def run_store(
    kind: str,
    sizes: list[int],
    rebuild_at: int,
    histories: Histories,
    folder: Path,
    ledger_full_at: int | None = None,
) -> dict:
    stores = Stores(kind, folder)
    result: dict = {"queries": {}, "memory": {}}
    try:
        home = stores.fresh()  # the smallest history, written through the service
        log(f"[{kind}] 1. recording the {label(sizes[0])} history")
        result["recording"] = recording.measure(stores, home, histories.size_for(sizes[0]))
        log(f"[{kind}] 8. recording the {label(sizes[0])} history with the ledger following")
        result["ledger_following"] = ledger.measure_following(stores, histories.size_for(sizes[0]))
        urls = {}
        for events in sizes:
            name = label(events)
            urls[name] = home if events == sizes[0] else histories.load(stores, events)
            log(f"[{kind}] 6. rebuilding the {name} history in a subprocess")
            result["memory"][name] = rebuild.in_child(urls[name])
            if events == rebuild_at:
                log(f"[{kind}] 3. rebuild baselines on the {name} history")
                result["rebuild"] = rebuild.measure(
                    stores.service(urls[name]),
                    stores.read_model(urls[name]),
                    result["memory"][name],
                    folder,
                )
                log(f"[{kind}] 8. the ledger catching up with the {name} history")
                result["ledger"] = ledger.measure(
                    stores.service(urls[name]), stores.read_model(urls[name])
                )
            if events == ledger_full_at:
                log(f"[{kind}] 8. the ledger and verify on the {name} history")
                result["ledger_full"] = ledger.measure(
                    stores.service(urls[name]), stores.read_model(urls[name])
                )
        log(f"[{kind}] 5. queries on every history, in interleaved rounds")
        result["queries"] = queries.measure(
            {name: stores.read_model(url) for name, url in urls.items()}
        )
        log(f"[{kind}] 9. each kind of page beside its JSON, on every history")
        result["pages"] = pages.measure(urls)
        log(f"[{kind}] 10. the register as CSV, on every history")
        result["exports"] = exports.measure(urls)
        for url in urls.values():
            if url != home:
                stores.remove(url)
        log(f"[{kind}] 2. HTTP on the {label(sizes[0])} history")
        result["http"] = http_load.measure(stores, home, folder)
        log(f"[{kind}] 4. read-your-writes lag")
        result["lag"] = lag.measure(stores, home, folder)
        log(f"[{kind}] 7. an ordinary read while slow clients hold connections")
        result["slow_clients"] = slow_clients.measure(stores, home, folder)
    except Exception as e:  # report it, and still measure the other store
        traceback.print_exc()
        result["error"] = repr(e)
    finally:
        stores.close()
    return result


def postgres_version() -> str | None:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=5) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error:
        return None


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so every finally runs: subprocesses, schemas, files


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, _terminated)
    sizes = sorted(set(args.sizes) | (set(FULL_SIZES) if args.full else set()))
    started = time.perf_counter()
    results: dict = {
        "meta": {
            "started": datetime.now().isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "eventsourcing": version("eventsourcing"),
            "postgres": postgres_version() if "postgres" in args.stores else None,
            "sizes": [label(s) for s in sizes],
            "rebuild_figures_at": label(max(args.sizes)),
        },
        "stores": {},
    }
    folder = Path(tempfile.mkdtemp(prefix="minutebook-bench-"))
    histories = Histories()
    try:
        for kind in args.stores:
            results["stores"][kind] = run_store(
                kind,
                sizes,
                max(args.sizes),
                histories,
                folder,
                ledger_full_at=max(FULL_SIZES) if args.full else None,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results["meta"]["seconds"] = time.perf_counter() - started
    print_report(results)
    write_json(results, args.json)
    print(f"\nFigures written to {args.json}")
    return 1 if any("error" in r for r in results["stores"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
