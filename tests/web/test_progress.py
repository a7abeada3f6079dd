"""Long commands tell how they go: a plain line every few seconds when not on a
terminal (and a last one with the count and rate), click's progress bar on one."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.web.helpers import SEED_EVENTS
from web.progress import progress

ROOT = Path(__file__).parents[2]


def test_off_a_terminal_a_line_tells_count_rate_and_time_left():
    out = io.StringIO()
    with progress("rebuild: events", 1000, out=out, every=0.0) as shown:
        shown.update(250)
        shown.update(1000)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("rebuild: events: 250/1,000 at ")
    assert "/s, about " in lines[0] and lines[0].endswith(" s left")
    assert lines[-1].startswith("rebuild: events: 1,000/1,000 at ")


def test_the_commands_report_progress_on_standard_error(app):
    runner = app.test_cli_runner()
    seeded = runner.invoke(args=["seed"])
    assert seeded.exit_code == 0, seeded.output
    assert "seed: meetings: 5/5 at " in seeded.stderr
    rebuilt = runner.invoke(args=["rebuild"])
    assert "rebuild: events: " in rebuilt.stderr and "Rebuilt" in rebuilt.stdout
    exported = runner.invoke(args=["export-events", "-"])
    assert exported.stdout.count("\n") == int(exported.stderr.split("Exported ")[1].split()[0])
    assert "export-events: events: " in exported.stderr


def test_on_a_terminal_the_rebuild_draws_a_progress_bar(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "seed"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "rebuild"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=120,
    )
    os.close(follower)
    drawn = b""
    try:
        while chunk := os.read(leader, 65536):
            drawn += chunk
    except OSError:
        pass
    assert done.returncode == 0
    assert b"rebuild: events" in drawn and b"/s" in drawn
    assert f"{SEED_EVENTS}/{SEED_EVENTS}".encode() in drawn  # the bar, drawn to its end
