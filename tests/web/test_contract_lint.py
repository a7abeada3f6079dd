"""The OpenAPI document through two linters nobody here wrote: Redocly CLI and Spectral,
each with its own recommended rules (tools/api-lint, installed by `make api-lint-tools`).

No errors. The warnings left are listed below (REDOCLY_WARNINGS, SPECTRAL_WARNINGS), each
with its reason; any other warning fails the test. Without Node.js these tests are
skipped, saying how to enable them; with CI=true they fail instead.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parents[2] / "tools" / "api-lint"
NO_TELEMETRY = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}

# Warnings kept, by rule and place, with why.
REDOCLY_WARNINGS = {
    # The project has chosen no licence yet; the document will name it when it has.
    ("info-license", "#/info"),
    # The API's index is a folder's address, /api/ (/api answers 308 to it); redocly.yaml
    # makes this rule a warning so that it is allowed here and nowhere else.
    ("no-path-trailing-slash", "#/paths/~1api~1"),
}
SPECTRAL_WARNINGS = {
    # No contact is published for the API yet (the README is its documentation).
    ("info-contact", "info"),
    # The API's index is a folder's address, /api/ (see REDOCLY_WARNINGS).
    ("path-keys-no-trailing-slash", "paths./api/"),
}


def linter(name: str) -> Path:
    found = LINT / "node_modules" / ".bin" / name
    if not found.exists():
        reason = f"{name} is not installed: `make api-lint-tools` (needs Node.js and npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI=true needs the OpenAPI lint to run")
        pytest.skip(reason)
    return found


@pytest.fixture
def dumped(client, tmp_path) -> Path:
    """The document as the app serves it, in a file for the linters."""
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(client.get("/api/openapi.json").json, indent=1))
    return path


def run(command: list, cwd: Path) -> str:
    done = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **NO_TELEMETRY},
    )
    assert done.stdout.strip(), f"{command[0]} answered nothing: {done.stderr}"
    return done.stdout


def test_redocly_finds_no_error_and_only_the_warnings_explained(dumped):
    config = LINT / "redocly.yaml"
    report = json.loads(
        run([linter("redocly"), "lint", dumped, "--config", config, "--format=json"], LINT)
    )
    problems = {
        (p["ruleId"], p["severity"], p["location"][0]["pointer"]) for p in report["problems"]
    }
    assert report["totals"]["errors"] == 0, problems
    assert {(rule, where) for rule, _, where in problems} == REDOCLY_WARNINGS


def test_spectral_finds_no_error_and_only_the_warnings_explained(dumped):
    ruleset = LINT / ".spectral.yaml"
    report = json.loads(
        run([linter("spectral"), "lint", dumped, "--ruleset", ruleset, "-f", "json"], LINT)
    )
    errors = [p for p in report if p["severity"] == 0]
    assert errors == []
    assert {(p["code"], ".".join(map(str, p["path"]))) for p in report} == SPECTRAL_WARNINGS
