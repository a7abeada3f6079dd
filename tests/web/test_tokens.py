"""`flask --app wsgi tokens create|list|revoke`: a token is printed once, kept only as a
hash, works as a bearer token until it is revoked, and is bound to one council (a clerk's)
or to every council (an admin's)."""

import hashlib
import re
from datetime import date

import pytest

from domain.errors import InvalidValue
from tests.web.helpers import ESTABLISHED, JULY, establish, ok, problem
from web import create_app, service_of

pytestmark = pytest.mark.every_store  # tokens are kept in the store's own tables

TOKEN = re.compile(r"mbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})")
COMMITTEE = {
    "council": "st-helens",
    "council_name": "St Helens Borough Council",
    "slug": "audit",
    "name": "Audit Committee",
    "effective_date": ESTABLISHED,
}


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["tokens", *args])


def create(app, *args):
    """Run `tokens create` and return its output, the token, its id and its secret."""
    result = cli(app, "create", *args)
    assert result.exit_code == 0, result.output
    found = TOKEN.findall(result.output)
    assert len(found) == 1, result.output
    token_id, secret = found[0]
    return result.output, f"mbk_{token_id}_{secret}", token_id, secret


COUNCILS = {"st-helens": "St Helens Borough Council", "halton": "Halton Borough Council"}


def recorded(app, *councils):
    """Councils the store has a record of: each registered with a first committee."""
    for council in councils:
        service_of(app).establish_committee(
            council=council,
            council_name=COUNCILS[council],
            slug="board",
            name="Board",
            effective_date=date(2022, 1, 1),
            recorded_by="test",
        )


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def rows(app):
    with app.extensions["minutebook.tokens"].read_model.reading(of_read_models=False) as tx:
        return tx.rows("SELECT * FROM {p}api_tokens ORDER BY created_at, id")


def rename(client, committee_id, token, name="Audit and Governance Committee"):
    return client.post(
        f"/api/committees/{committee_id}/renamings",
        json={"name": name, "effective_date": JULY},
        headers=bearer(token),
    )


def test_create_prints_the_token_once_with_its_id_and_who_holds_it(app):
    recorded(app, "st-helens")
    output, token, token_id, _ = create(
        app, "--role", "clerk", "--council", "st-helens", "--holder", "Sam Sutton"
    )
    lines = output.splitlines()
    assert lines[0] == f"Store: {app.config['DATABASE_URL']}"
    assert lines[1] == (
        f"Created token {token_id} for Sam Sutton (clerk, st-helens). "
        "Keep it safe; it is not shown again:"
    )
    assert lines[2:] == [token]
    assert output.count(token_id) == 2  # in the message and inside the token itself


def test_a_created_clerk_token_works_as_a_bearer_token_and_records_its_holder(client):
    committee_id = establish(client)["id"]
    _, token, _, _ = create(client.application, "--council", "st-helens", "--holder", "Sam Sutton")
    ok(rename(client, committee_id, token))
    history = client.get("/api/audit", query_string={"aggregate": committee_id}).get_json()
    assert history["items"][-1]["actor"] == "Sam Sutton"


def test_a_created_admin_token_may_establish_a_committee_of_any_council(client):
    _, token, _, _ = create(client.application, "--role", "admin", "--holder", "Ada Admin")
    receipt = ok(client.post("/api/committees", json=COMMITTEE, headers=bearer(token)), 201)
    audit = client.get("/api/audit", query_string={"aggregate": receipt["id"]}).get_json()
    assert [e["actor"] for e in audit["items"]] == ["Ada Admin"]


def test_a_created_clerk_token_is_bound_to_its_council(client):
    committee_id = establish(client)["id"]
    recorded(client.application, "halton")
    _, token, _, _ = create(client.application, "--council", "halton", "--holder", "Hal")
    problem(rename(client, committee_id, token), 403, "other-council")


def test_the_database_holds_only_a_hash_of_the_secret(app):
    recorded(app, "st-helens")
    _, token, token_id, secret = create(app, "--council", "st-helens")
    _, admin, _, admin_secret = create(app, "--role", "admin")
    stored = rows(app)
    assert [row["id"] for row in stored] == [token_id, admin.split("_")[1]]
    for row, whole, hidden in zip(stored, (token, admin), (secret, admin_secret), strict=True):
        for column, value in row.items():
            assert hidden not in str(value) and whole not in str(value), column
        assert re.fullmatch(r"[0-9a-f]{64}", row["secret_hash"])
        assert row["secret_hash"] == hashlib.sha256(hidden.encode()).hexdigest()


def test_list_shows_every_token_and_whether_it_is_live_but_never_a_secret(app):
    recorded(app, "st-helens")
    _, clerk, clerk_id, clerk_secret = create(
        app, "--council", "st-helens", "--holder", "Sam Sutton"
    )
    _, admin, admin_id, admin_secret = create(app, "--role", "admin", "--holder", "Ada Admin")
    assert cli(app, "revoke", admin_id).exit_code == 0
    result = cli(app, "list")
    assert result.exit_code == 0, result.output
    store, *lines = result.output.splitlines()
    assert store == f"Store: {app.config['DATABASE_URL']}"
    assert len(lines) == 2
    assert lines[0].startswith(clerk_id) and lines[0].endswith("live")
    assert "Sam Sutton" in lines[0] and "clerk" in lines[0] and "st-helens" in lines[0]
    assert lines[1].startswith(admin_id) and "revoked" in lines[1] and "Ada Admin" in lines[1]
    hashes = [row["secret_hash"] for row in rows(app)]
    for secret in (clerk, admin, clerk_secret, admin_secret, *hashes):
        assert secret not in result.output
    assert TOKEN.search(result.output) is None


def test_a_revoked_token_is_refused_with_a_401(client):
    committee_id = establish(client)["id"]
    _, token, token_id, _ = create(client.application, "--council", "st-helens")
    ok(rename(client, committee_id, token))
    result = cli(client.application, "revoke", token_id)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Store: {client.application.config['DATABASE_URL']}",
        f"Revoked token {token_id}.",
    ]
    refused = rename(client, committee_id, token, "Audit Committee")
    problem(refused, 401, "invalid-token")
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    problem(client.get("/api/resolutions", headers=bearer(token)), 401, "invalid-token")
    revoked = {row["id"]: row["revoked_at"] for row in rows(client.application)}
    assert revoked[token_id] is not None


@pytest.mark.parametrize("token_id", ["already revoked", "0123456789abcdef"])
def test_revoking_a_token_that_is_not_live_fails_saying_so(app, token_id):
    recorded(app, "st-helens")
    _, _, real_id, _ = create(app, "--council", "st-helens")
    assert cli(app, "revoke", real_id).exit_code == 0
    token_id = real_id if token_id == "already revoked" else token_id
    result = cli(app, "revoke", token_id)
    assert result.exit_code == 1
    assert f"no live token has id {token_id}" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "clerk"], "a clerk's token is for one council: give --council"),
        (
            ["--role", "admin", "--council", "st-helens"],
            "an admin's token is for every council: leave out --council",
        ),
        (["--council", "St Helens"], "a council is named by its slug, e.g. st-helens"),
        (["--role", "mayor", "--council", "st-helens"], "'mayor' is not one of 'clerk', 'admin'"),
    ],
    ids=["clerk without a council", "admin with a council", "council not a slug", "unknown role"],
)
def test_create_refuses_a_token_that_could_not_be_used_as_asked(app, args, message):
    result = cli(app, "create", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert TOKEN.search(result.output) is None
    assert rows(app) == []


@pytest.mark.parametrize(
    "args, holder",
    [
        (["--council", "st-helens"], "st-helens clerk"),
        (["--role", "clerk", "--council", "halton"], "halton clerk"),
        (["--role", "admin"], "all councils admin"),
    ],
)
def test_the_default_holder_names_the_council_and_the_role(client, args, holder):
    recorded(client.application, "st-helens", "halton")
    output, token, _, _ = create(client.application, *args)
    assert f" for {holder} (" in output
    assert [row["holder"] for row in rows(client.application)] == [holder]
    if "admin" in args:
        ok(client.post("/api/committees", json=COMMITTEE, headers=bearer(token)), 201)
        actors = client.get("/api/audit", query_string={"actor": holder}).get_json()["items"]
        assert len(actors) == 1


def test_create_refuses_a_council_the_store_has_no_record_of(app):
    refused = cli(app, "create", "--council", "st-helens")
    assert refused.exit_code == 2
    assert "this store has no council 'st-helens' (councils: none yet)" in refused.output
    recorded(app, "st-helens")
    refused = cli(app, "create", "--council", "halton", "--holder", "Hal")
    assert refused.exit_code == 2
    assert "this store has no council 'halton' (councils: st-helens)" in refused.output
    assert TOKEN.search(refused.output) is None
    assert rows(app) == []


def test_a_council_recorded_a_moment_ago_is_known_though_a_worker_applies_the_events(store_url):
    app = create_app({"TESTING": True, "DATABASE_URL": store_url, "PROJECTIONS": "worker"})
    try:
        recorded(app, "halton")  # the read models have not seen it yet
        create(app, "--council", "halton", "--holder", "Hal")
    finally:
        service_of(app).close()


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\n", "U+000A a control character"),
        ("\x1b", "U+001B a control character"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
    ],
    ids=["RLO", "LRI", "RLM", "ZWSP", "BOM", "newline", "escape", "line separator"],
)
def test_a_holder_name_with_a_control_or_formatting_character_is_refused(app, char, name):
    # "Sam Sutton" shown as somebody else's name, or a second line in the log.
    holder = f"Sam {char}nottuS"
    refused = cli(app, "create", "--role", "admin", "--holder", holder)
    assert refused.exit_code == 2
    assert f"must not contain control or formatting characters ({name})" in refused.output
    # The token store refuses it to any caller, not only to the command.
    with pytest.raises(InvalidValue, match="formatting characters"):
        app.extensions["minutebook.tokens"].create(holder=holder, role="admin", council=None)
    assert rows(app) == []


def test_a_holder_name_a_live_token_already_has_is_warned_of_but_made(app):
    _, _, first, _ = create(app, "--role", "admin", "--holder", "Sam Sutton")
    again = cli(app, "create", "--role", "admin", "--holder", "sam  SUTTON")
    assert again.exit_code == 0
    assert again.stderr.startswith(
        f"Warning: 1 live token(s) already held by 'sam  SUTTON' ({first}): the audit "
        "trail will not tell their changes apart."
    )
    second = TOKEN.search(again.stdout)[1]
    # Once both are revoked, the name is free again.
    for token_id in (first, second):
        assert cli(app, "revoke", token_id).exit_code == 0
    third = cli(app, "create", "--role", "admin", "--holder", "Sam Sutton")
    assert third.exit_code == 0 and "Warning" not in third.output


def test_every_token_command_names_its_store_with_the_password_masked(postgres_url):
    # The local server trusts its clients, so any password is accepted.
    url = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    try:
        _, _, token_id, _ = create(app, "--role", "admin")
        outputs = [
            cli(app, "list").output,
            cli(app, "revoke", token_id).output,
            create(app, "--role", "admin")[0],
        ]
    finally:
        service_of(app).close()
    masked = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:***@")
    for output in outputs:
        assert output.splitlines()[0] == f"Store: {masked}"
        assert "hunter2" not in output


def test_without_database_url_the_commands_say_they_use_the_default_store(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    default = f"sqlite:///{tmp_path / 'minutebook.sqlite3'}"
    app = create_app({"TESTING": True, "DATABASE_URL": default})
    app.instance_path = str(tmp_path)  # as if this were the app's own instance folder
    try:
        assert cli(app, "list").output.splitlines() == [
            f"Store: {default} (the default: DATABASE_URL is not set)"
        ]
    finally:
        service_of(app).close()


def test_a_holder_name_spelt_with_a_zero_width_joiner_or_non_joiner_is_kept(app):
    """They are part of how some names are written (Persian and Indic scripts), not a
    disguise, unlike the direction overrides."""
    store = app.extensions["minutebook.tokens"]
    for holder in ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0915\u094d\u200d\u0937"):
        made, _ = store.create(holder=holder, role="admin", council=None)
        assert made.holder == holder
