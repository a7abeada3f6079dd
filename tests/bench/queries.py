"""Figure 5: query latency on the read models, at each history size.

Questions users ask every day, each timed 50 times after 3 warm-up runs (p50
reported): the register searched for words, the action tracker's open actions,
the tracker as it stood on a date in the middle of the history (its open actions,
a page of 50 and of 1, and its first action of all), one meeting's full detail,
and the audit log filtered by actor. The baseline is the same query at the
smallest size: the growth factor shows how latency grows with the history. The
sizes are measured in interleaved rounds (10 runs of each query on each size, five
times over), so a machine that speeds up or slows down during the run does not
pass for growth.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from domain.projections.queries import ReadQueries
from domain.projections.store import ReadModel
from domain.projections.tracker import Tracker
from tests.bench.stats import summary

RUNS = 50
ROUNDS = 5
WARM_UP = 3
TODAY = date(2024, 6, 1)  # fixed, so the tracker's ratings do not drift between runs
AS_OF = date(2022, 7, 1)  # the middle of the synthetic histories (May 2021 to August 2023)


def questions(read_model: ReadModel) -> dict[str, Callable[[], Any]]:
    queries, tracker = ReadQueries(read_model), Tracker(read_model)
    meeting_id = queries.meetings(limit=1).items[0]["id"]
    return {
        "register search": lambda: queries.resolutions(q="mental health"),
        "action tracker": lambda: tracker.actions(today=TODAY, status="open"),
        "tracker as of": lambda: tracker.actions_as_of(AS_OF, status="open"),
        "tracker as of, limit 1": lambda: tracker.actions_as_of(AS_OF, status="open", limit=1),
        "tracker as of, all, limit 1": lambda: tracker.actions_as_of(AS_OF, limit=1),
        "meeting detail": lambda: queries.meeting(meeting_id),
        "audit filter": lambda: queries.audit(actor="synthetic", limit=50),
    }


def measure(read_models: dict[str, ReadModel]) -> dict[str, dict[str, dict]]:
    """p50 (and p99, mean) of each question, by size label."""
    asked = {size: questions(read_model) for size, read_model in read_models.items()}
    times: dict[str, dict[str, list[float]]] = {
        size: {name: [] for name in qs} for size, qs in asked.items()
    }
    for qs in asked.values():
        for ask in qs.values():
            for _ in range(WARM_UP):
                ask()
    for _ in range(ROUNDS):
        for size, qs in asked.items():
            for name, ask in qs.items():
                for _ in range(RUNS // ROUNDS):
                    started = time.perf_counter()
                    ask()
                    times[size][name].append(time.perf_counter() - started)
    return {
        size: {name: summary(ts) for name, ts in by_name.items()} for size, by_name in times.items()
    }
