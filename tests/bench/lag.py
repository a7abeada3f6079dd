"""Figure 4: read-your-writes lag, from a command's receipt to the read model
showing it, with a projection worker in its own process.

Each command (a progress note on an open action) runs through the service in
this process; the clock starts when its receipt is in hand and stops when the
read model's position reaches the receipt's position (polled every 0.5 ms).
The worker is `flask --app wsgi project --interval 0.01` with PROJECTIONS=worker.
Commands come 0-20 ms apart (at random, seeded), so they do not fall into step
with the worker's polling. Baseline: inline mode, Projector.catch_up() in this
process right after the command.
"""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

from domain.projections.runner import Projector
from domain.projections.tracker import Tracker
from tests.bench.procs import child_env, started, wait_for_line
from tests.bench.stats import summary
from tests.bench.stores import Stores, log

COMMANDS = 200
POLL = 0.0005
PAUSE = 0.020  # at most, between commands
TIMEOUT = 30.0


def measure(stores: Stores, url: str, folder: Path) -> dict:
    service, read_model = stores.service(url), stores.read_model(url)
    projector = Projector(service, read_model)
    projector.catch_up()
    today = date.today()
    actions = [
        (a["resolution_id"], a["clause"])
        for a in Tracker(read_model).actions(today=today, status="open", limit=200).items
    ]
    if not actions:
        raise RuntimeError("the history has no open action to note progress on")

    pauses = random.Random(1)

    def command(n: int) -> int:
        time.sleep(pauses.uniform(0, PAUSE))
        rid, clause = actions[n % len(actions)]
        receipt = service.note_progress(
            rid, clause, note=f"lag note {n}", effective_date=today, recorded_by="bench"
        )
        return receipt.position

    log(f"  lag: {COMMANDS} commands inline, then {COMMANDS} with a projection worker")
    inline = []
    for n in range(COMMANDS):
        position = command(n)
        started_at = time.perf_counter()
        projector.catch_up()
        inline.append(time.perf_counter() - started_at)
        assert read_model.position() >= position

    worker = []
    log_path = folder / "worker.log"
    args = ["-m", "flask", "--app", "wsgi", "project", "--interval", "0.01"]
    with started(args, env=child_env(url, PROJECTIONS="worker"), log_path=log_path) as proc:
        wait_for_line(proc, log_path, "Projecting from position")
        for n in range(COMMANDS):
            position = command(COMMANDS + n)
            started_at = time.perf_counter()
            while read_model.position() < position:
                if time.perf_counter() - started_at > TIMEOUT:
                    raise TimeoutError(f"the worker did not reach position {position}")
                time.sleep(POLL)
            worker.append(time.perf_counter() - started_at)
    result = {"commands": COMMANDS, "worker": summary(worker), "inline": summary(inline)}
    result["p50_ratio"] = result["worker"]["p50_ms"] / result["inline"]["p50_ms"]
    return result
