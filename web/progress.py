"""Progress on long commands (seed, rebuild, import-events, export-events): count, rate
and time left, as click's progress bar on a terminal and as a plain line every few
seconds otherwise (a log, a pipe), always on standard error so that a command writing
its output to standard output keeps it clean."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

EVERY_SECONDS = 5.0


class Progress:
    """Told how much is done (a running count), it shows how it goes."""

    def __init__(self, label: str, total: int | None, out: TextIO, every: float) -> None:
        self.label, self.total, self.out, self.every = label, total, out, every
        self.started = self.last_line = time.monotonic()
        self.done = 0
        self.bar: Any = None

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def line(self) -> str:
        rate = self.rate()
        of = f"/{self.total:,}" if self.total else ""
        left = ""
        if self.total and rate > 0 and self.done < self.total:
            left = f", about {(self.total - self.done) / rate:,.0f} s left"
        return f"{self.label}: {self.done:,}{of} at {rate:,.0f}/s{left}"

    def update(self, done: int) -> None:
        step, self.done = done - self.done, done
        if self.bar is not None:
            self.bar.update(step)
        elif time.monotonic() - self.last_line >= self.every:
            self.last_line = time.monotonic()
            click.echo(self.line(), file=self.out)


@contextmanager
def progress(
    label: str,
    total: int | None,
    *,
    out: TextIO | None = None,
    every: float = EVERY_SECONDS,
) -> Iterator[Progress]:
    """A progress bar on a terminal, a line every `every` seconds elsewhere, and a last
    line with the count and rate when the work is done."""
    out = out or sys.stderr
    shown = Progress(label, total, out, every)
    if out.isatty():
        with click.progressbar(
            length=total or 0,
            label=label,
            file=out,
            show_pos=True,
            show_eta=True,
            item_show_func=lambda _: f"{shown.rate():,.0f}/s",
        ) as bar:
            shown.bar = bar
            yield shown
    else:
        yield shown
        click.echo(shown.line(), file=out)
