"""`flask export-data FOLDER`: the data package and its CSV files as the public sees them,
the same bytes the API serves, with a progress bar when run on a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from frictionless import Package

from tests.exports.conftest import SECRET
from tests.web.helpers import SEED_EVENTS

ROOT = Path(__file__).parents[2]
FILES = ("resolutions", "actions", "audit", "attendance")


def test_the_files_are_the_apis_as_the_public_sees_them(app, client, private, tmp_path):
    result = app.test_cli_runner().invoke(args=["export-data", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    for name in FILES:
        written = (out / "data" / f"{name}.csv").read_bytes()
        assert written == client.get(f"/api/data/{name}.csv").data, name
        assert SECRET.encode() not in written and private["secret"].encode() not in written
        assert f"data/{name}.csv: " in result.output
    assert private["public"].encode() in (out / "data" / "resolutions.csv").read_bytes()
    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid and report.stats["errors"] == 0
    # Off a terminal, no bar: each file's name, then how many rows it holds.
    assert "#" not in result.output and "%" not in result.output


def test_on_a_terminal_each_file_shows_a_progress_bar(seeded, tmp_path):
    primary, secondary = pty.openpty()
    env = {**os.environ, "DATABASE_URL": seeded.config["DATABASE_URL"], "COLUMNS": "100"}
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "export-data", str(tmp_path)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=secondary, stderr=subprocess.DEVNULL
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    text = shown.decode()
    for name in FILES:
        assert re.search(rf"data/{name}\.csv\s+\[#+\]\s+100%", text), name
    assert not re.search(r"\b(10[1-9]|1[1-9]\d)%", text)  # the bars' lengths were right
    assert f"data/audit.csv: {SEED_EVENTS} rows" in text
