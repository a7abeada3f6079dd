"""flask --app wsgi minutes draft FILE: the same draft, as TOML (or JSON) to review."""

from __future__ import annotations

import json
import tomllib

from domain.minutes import draft_from_text
from domain.minutes.drafting import as_json
from seeds.documents import load_meeting
from tests.minutes.scoring import seed_text

STAFFORDSHIRE = seed_text("staffordshire-safeguarding-osc-2023-09-14-minutes.txt")


def run(app, *args):
    return app.test_cli_runner().invoke(args=["minutes", "draft", *args])


def test_the_draft_is_printed_as_toml_the_seed_loader_reads(app, tmp_path):
    result = run(app, str(STAFFORDSHIRE))
    assert result.exit_code == 0, result.output
    draft = tomllib.loads(result.stdout)
    assert draft == draft_from_text(STAFFORDSHIRE.read_text())
    assert "things to review" in result.stderr
    # With its council and committee filled in, the draft is a seed document.
    reviewed = tmp_path / "reviewed.toml"
    reviewed.write_text(
        result.stdout.replace('council = ""', 'council = "staffordshire"', 1), encoding="utf-8"
    )
    meeting = load_meeting(reviewed)
    assert meeting.no_declarations and len(meeting.items) == 5
    assert meeting.items[1].resolution.approves_minutes_of.isoformat() == "2023-07-27"


def test_the_draft_is_printed_as_json(app):
    result = run(app, "--json", str(STAFFORDSHIRE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == as_json(draft_from_text(STAFFORDSHIRE.read_text()))


def test_an_html_page_is_read_as_html(app, tmp_path):
    page = tmp_path / "meeting.html"
    page.write_text(
        "<h1>Cabinet - Monday, 4th March, 2024 7.00 pm</h1><p>5.</p><p>Budget</p>"
        "<p>Minutes:</p><p>RESOLVED: That the budget be approved.</p>",
        encoding="utf-8",
    )
    result = run(app, "--json", str(page))
    assert result.exit_code == 0, result.output
    draft = json.loads(result.stdout)
    assert draft["items"][0]["resolution"]["clauses"][0]["text"] == "That the budget be approved."


def test_a_file_that_is_not_minutes_is_refused_with_the_rule(app, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = run(app, str(empty))
    assert result.exit_code == 1 and "[empty-minutes]" in result.stderr
    noise = tmp_path / "noise.txt"
    noise.write_text("lorem ipsum dolor sit amet\n" * 20)
    result = run(app, str(noise))
    assert result.exit_code == 1 and "[not-minutes]" in result.stderr


def test_a_binary_or_missing_file_is_refused(app, tmp_path):
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\xff\xfe\x00\x00")
    result = run(app, str(binary))
    assert result.exit_code == 1 and "[not-text]" in result.stderr
    missing = run(app, str(tmp_path / "nowhere.txt"))
    assert missing.exit_code == 2
