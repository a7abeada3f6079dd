"""The systemd units in deploy/ are ones systemd accepts: `systemd-analyze verify`
on each, with the install paths pointed at this checkout (verify checks that every
command it would run exists and is executable)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "deploy").glob("*.service"))
VENV = Path(sys.executable).parent.parent


def installed(unit: Path, folder: Path) -> Path:
    """The unit as an operator installs it here: paths into this checkout."""
    env = folder / "env"
    env.touch()
    text = (
        unit.read_text()
        .replace("/opt/minutebook/.venv", str(VENV))
        .replace("/opt/minutebook", str(ROOT))
        .replace("/etc/minutebook/env", str(env))
    )
    copy = folder / unit.name
    copy.write_text(text)
    return copy


def test_there_is_a_unit_for_the_server_and_one_for_the_worker():
    assert [u.name for u in UNITS] == ["minutebook-web.service", "minutebook-worker.service"]
    web, worker = (u.read_text() for u in UNITS)
    assert "gunicorn -c gunicorn.conf.py wsgi:app" in web and "Type=notify" in web
    assert "flask --app wsgi project" in worker and "Restart=always" in worker


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (Debian: apt install systemd) to verify units",
)
@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_systemd_accepts_the_unit(unit, tmp_path):
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(installed(unit, tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "", checked.stderr
