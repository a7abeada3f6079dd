"""The benchmark's table: one section per store, each figure beside its baseline."""

from __future__ import annotations

import json
from pathlib import Path

HEADER = ("#", "figure", "measured", "baseline", "ratio", "target")
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def per_s(value: float, unit: str = "events/s") -> str:
    return f"{value:,.0f} {unit}"


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def mb(kb: float) -> str:
    return f"{kb / 1024:,.0f} MB"


def target(ratio: float, wanted: float) -> str:
    return f">= {wanted:.2f}: {'met' if ratio >= wanted else 'NOT MET'}"


Row = tuple[str, str, str, str, str]  # figure, measured, baseline, ratio, target


def recording_rows(rec: dict) -> list[Row]:
    return [
        (
            f"record via the service ({rec['events']:,} events)",
            per_s(rec["service_events_per_s"]),
            f"bare save(): {per_s(rec['bare_events_per_s'])}",
            f"{rec['ratio']:.2f}",
            target(rec["ratio"], rec["target"]),
        )
    ]


def http_rows(h: dict) -> list[Row]:
    p, g = h["post"], h["get"]
    errors = p["errors"] + g["errors"]
    return [
        (
            f"HTTP POST progress note, {h['clients']} clients",
            per_s(p["per_s"], "req/s"),
            f"note_progress in-process, 1 thread: {per_s(h['baseline_commands_per_s'], 'cmd/s')}",
            f"{h['post_ratio']:.2f}",
            f"{errors} HTTP errors" if errors else "",
        ),
        ("  POST latency p50 / p99", f"{ms(p['p50_ms'])} / {ms(p['p99_ms'])} ms", "", "", ""),
        (
            f"HTTP GET resolution, {h['clients']} clients",
            per_s(g["per_s"], "req/s"),
            f"ReadQueries in-process, 1 thread: {per_s(h['baseline_reads_per_s'], 'reads/s')}",
            f"{h['get_ratio']:.2f}",
            "",
        ),
        ("  GET latency p50 / p99", f"{ms(g['p50_ms'])} / {ms(g['p99_ms'])} ms", "", "", ""),
    ]


def rebuild_rows(rb: dict, kind: str) -> list[Row]:
    rebuilt, raw = rb["rebuild"], rb["raw_insert"]
    where = "raw sqlite3 inserts" + (" (sqlite3 here too)" if kind == "postgres" else "")
    return [
        (
            f"rebuild all read models ({rebuilt['events']:,} events)",
            per_s(rebuilt["events_per_s"]),
            f"read + decode, no projection: {per_s(rb['decode']['events_per_s'])}",
            f"{rb['decode_ratio']:.2f}",
            target(rb["decode_ratio"], rb["target"]),
        ),
        (
            "",
            "",
            f"{where}: {per_s(raw['rows_per_s'], 'rows/s')} = {per_s(raw['events_per_s'])}",
            f"{rb['raw_ratio']:.3f}",
            f"({raw['rows']:,} rows)",
        ),
    ]


def lag_rows(lag: dict) -> list[Row]:
    w, i = lag["worker"], lag["inline"]
    return [
        (
            f"read-your-writes lag p50 / p99, worker ({lag['commands']} commands)",
            f"{ms(w['p50_ms'])} / {ms(w['p99_ms'])} ms",
            f"inline catch_up: {ms(i['p50_ms'])} / {ms(i['p99_ms'])} ms",
            f"{lag['p50_ratio']:.1f}",
            "(p50 ratio)",
        )
    ]


def query_rows(queries: dict) -> list[Row]:
    sizes = list(queries)
    first = sizes[0]
    out = []
    for name, base in queries[first].items():
        for size in sizes[1:] or sizes:
            now = queries[size][name]["p50_ms"]
            out.append(
                (
                    f"{name} p50 @{size}",
                    f"{ms(now)} ms",
                    f"@{first}: {ms(base['p50_ms'])} ms",
                    f"{now / base['p50_ms']:.2f}x",
                    "(growth)",
                )
            )
    return out


def memory_rows(memory: dict) -> list[Row]:
    sizes = list(memory)
    base = memory[sizes[0]]["peak_rss_kb"]
    return [
        (
            f"rebuild peak RSS @{size} ({m['events']:,} events, {per_s(m['events_per_s'])})",
            mb(m["peak_rss_kb"]),
            f"@{sizes[0]}: {mb(base)}",
            f"{m['peak_rss_kb'] / base:.2f}",
            f"(before the rebuild: {mb(m['rss_before_kb'])})",
        )
        for size, m in memory.items()
    ]


def slow_client_rows(sc: dict) -> list[Row]:
    idle, slow, plain = sc["idle"], sc["slow"], sc["gthread"]
    return [
        (
            f"GET resolutions p50 / p99, {sc['slow_clients']} slow clients trickling",
            f"{ms(slow['p50_ms'])} / {ms(slow['p99_ms'])} ms",
            f"no slow clients: {ms(idle['p50_ms'])} / {ms(idle['p99_ms'])} ms",
            f"{sc['p50_ratio']:.2f}" if sc["p50_ratio"] else "-",
            f"{sc['missed']} reads unanswered",
        ),
        (
            "  plain gthread, same slow clients",
            f"{plain['answered']}/{plain['tried']} new "
            f"connections answered in {plain['wait_s']:.0f} s",
            "",
            "",
            "",
        ),
    ]


def ledger_rows(lg: dict) -> list[Row]:
    raw = f"raw read of the log: {per_s(lg['raw_read_per_s'])}"
    return [
        (
            f"ledger catch-up from nothing ({lg['events']:,} events)",
            per_s(lg["catch_up_per_s"], "leaves/s"),
            raw,
            f"{lg['catch_up_ratio']:.2f}",
            target(lg["catch_up_ratio"], lg.get("target", 1.0)),
        ),
        (
            "flask verify, every leaf recomputed",
            per_s(lg["verify_per_s"]),
            raw,
            f"{lg['verify_ratio']:.2f}",
            "",
        ),
    ]


def ledger_following_rows(lf: dict) -> list[Row]:
    return [
        (
            f"record via the service, the ledger following ({lf['events']:,} events)",
            per_s(lf["followed_events_per_s"]),
            f"no ledger: {per_s(lf['bare_events_per_s'])}",
            f"{lf['ratio']:.2f}",
            target(lf["ratio"], lf["target"]),
        ),
        (
            "  the same, in the process's CPU seconds per event",
            "",
            "",
            f"{lf['cpu_ratio']:.2f}",
            "",
        ),
    ]


def page_rows(pages: dict) -> list[Row]:
    out = []
    for size, kinds in pages.items():
        for kind, t in kinds.items():
            out.append(
                (
                    f"page {kind} p95 @{size}",
                    f"{ms(t['page_p95_ms'])} ms",
                    f"its JSON: {ms(t['json_p95_ms'])} ms",
                    f"{t['page_p95_ms'] / t['json_p95_ms']:.2f}x",
                    "<= 50 ms" + (" ok" if t["page_p95_ms"] <= 50 else " MISSED"),
                )
            )
    return out


def export_rows(exports: dict) -> list[Row]:
    sizes = list(exports)
    base = exports[sizes[0]]["peak_rss_kb"]
    return [
        (
            f"register as CSV @{size} ({e['rows']:,} rows)",
            per_s(e["rows_per_s"], "rows/s"),
            f"peak RSS {mb(e['peak_rss_kb'])} (@{sizes[0]}: {mb(base)})",
            f"{e['peak_rss_kb'] / base:.2f}",
            ">= 50k rows/s" + (" ok" if e["rows_per_s"] >= 50_000 else " MISSED"),
        )
        for size, e in exports.items()
    ]


def rows(kind: str, r: dict) -> list[tuple[str, ...]]:
    sections = [
        ("1", "recording", recording_rows),
        ("2", "http", http_rows),
        ("3", "rebuild", lambda x: rebuild_rows(x, kind)),
        ("4", "lag", lag_rows),
        ("5", "queries", query_rows),
        ("6", "memory", memory_rows),
        ("7", "slow_clients", slow_client_rows),
        ("8", "ledger", ledger_rows),
        ("", "ledger_following", ledger_following_rows),
        ("", "ledger_full", ledger_rows),
        ("9", "pages", page_rows),
        ("10", "exports", export_rows),
    ]
    out: list[tuple[str, ...]] = []
    for number, key, make in sections:
        if r.get(key):
            for n, row in enumerate(make(r[key])):
                out.append((number if n == 0 else "", *row))
    return out


def render(table: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[c]) for row in [HEADER, *table]) for c in range(len(HEADER))]
    lines = []
    for row in [HEADER, *table]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_report(results: dict) -> None:
    meta = results["meta"]
    print(
        f"\nMinutebook benchmark  ({meta['started']}, {meta['cores']} cores, "
        f"Python {meta['python']}, eventsourcing {meta['eventsourcing']}, "
        f"took {meta['seconds']:.0f} s)"
    )
    for kind, result in results["stores"].items():
        sizes = ", ".join(
            f"{s} = {m['events']:,} events" for s, m in result.get("memory", {}).items()
        )
        print(f"\n{NAMES.get(kind, kind)}  (histories: {sizes})")
        print(render(rows(kind, result)))
        if "error" in result:
            print(f"  FAILED: {result['error']}")


def write_json(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
