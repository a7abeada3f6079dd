"""Figure 1: recording through the service against the library's bare save().

The service runs every command of the synthetic history (get the aggregate, call
the verb, save). The baseline reads the same domain events back and saves them
into a fresh store of the same kind with `Minutebook.save(event)`, one call per
event: what recording costs with no aggregate to load and no rule to check.
"""

from __future__ import annotations

import time

from seeds.synthetic import Size, generate
from tests.bench.stores import Stores, log, read_events

TARGET = 0.70  # the service should keep at least 70% of the bare rate


def measure(stores: Stores, url: str, size: Size) -> dict:
    service = stores.service(url)
    log(f"  recording {size.councils} councils through the service")
    started = time.perf_counter()
    commands = generate(service, size)
    service_seconds = time.perf_counter() - started
    events = service.recorder.max_notification_id() or 0

    decoded = list(read_events(service))
    bare_url = stores.fresh()
    try:
        bare = stores.service(bare_url)
        log(f"  saving the same {len(decoded):,} events with bare save()")
        started = time.perf_counter()
        for event in decoded:
            bare.save(event)
        bare_seconds = time.perf_counter() - started
    finally:
        stores.remove(bare_url)

    service_rate = events / service_seconds
    bare_rate = len(decoded) / bare_seconds
    return {
        "events": events,
        "commands": commands,
        "service_seconds": service_seconds,
        "service_events_per_s": service_rate,
        "bare_seconds": bare_seconds,
        "bare_events_per_s": bare_rate,
        "ratio": service_rate / bare_rate,
        "target": TARGET,
        "met": service_rate / bare_rate >= TARGET,
    }
