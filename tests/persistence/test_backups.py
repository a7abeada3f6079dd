"""The restore drill: a SQLite store backed up while clerks write to it, restored
into an empty store, holds exactly the events up to the backup's position, and read
models equal to a clean rebuild of them. And every way a backup or restore can go
wrong is refused with a message, changing nothing."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import uuid
from datetime import date

import psycopg
import pytest

from domain.committees import Committee
from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from domain.transfer import export_events
from seeds.replay import replay
from tests.web.helpers import SEED_EVENTS
from web import create_app, service_of
from web.requests import reader


def app_on(url):
    return create_app({"TESTING": True, "DATABASE_URL": url})


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def exported(service) -> list[str]:
    out = io.StringIO()
    export_events(service, out)
    return out.getvalue().splitlines()


@pytest.fixture
def source(tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    replay(service_of(app))
    yield app
    service_of(app).close()


def test_a_backup_taken_while_clerks_write_restores_to_the_same_record(source, tmp_path):
    service = service_of(source)
    committee_id = Committee.create_id("st-helens", "cyps-scrutiny")
    stop, written = threading.Event(), []

    def clerk() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            receipt = service.appoint_member(
                committee_id,
                f"Councillor Number {n}",
                effective_date=date(2023, 1, 1),
                recorded_by="clerk",
            )
            written.append(receipt.position)
            with source.app_context():
                reader().after_write(receipt.position)

    writer = threading.Thread(target=clerk)
    writer.start()
    try:
        while len(written) < 20:  # the backup starts with writes under way
            stop.wait(0.01)
        signed = run(source, "ledger", "checkpoint")  # a signed root for the backup to hold
        assert signed.exit_code == 0, signed.output
        backed_up = run(source, "backup", str(tmp_path / "backup.sqlite3"))
        count_at_backup = len(written)
        while len(written) < count_at_backup + 20:  # and they go on after it
            stop.wait(0.01)
    finally:
        stop.set()
        writer.join(timeout=60)
    assert backed_up.exit_code == 0, backed_up.output
    position = int(backed_up.output.split("up to position ")[1].rstrip(".\n"))
    assert SEED_EVENTS + 20 <= position < max(written)

    restored_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    target = app_on(restored_url)
    try:
        done = run(target, "restore", str(tmp_path / "backup.sqlite3"))
        assert done.exit_code == 0, done.output
        assert f"up to position {position}" in done.output
    finally:
        service_of(target).close()
    restored = app_on(restored_url)
    try:
        # Exactly the events up to the backup's position, byte for byte.
        assert exported(service_of(restored)) == exported(service)[:position]
        # Its read models, brought up to its last event, equal a clean rebuild of them.
        with restored.app_context():
            reader().projector.catch_up()
        followed = reader_model(restored)
        made = followed.dump()
        clean = open_read_model(restored_url)
        try:
            Projector(service_of(restored), clean).rebuild()
            assert clean.dump() == made
        finally:
            clean.datastore.close()
        # The ledger came with it: every signed checkpoint still holds for its events.
        with restored.app_context():
            verified = run(restored, "verify")
        assert verified.exit_code == 0, verified.output
        assert "is the history the checkpoints signed" in verified.output, verified.output
    finally:
        service_of(restored).close()


def reader_model(app):
    with app.app_context():
        return reader().projector.read_model


def test_a_backup_never_overwrites_a_file_and_restores_only_into_an_empty_store(source, tmp_path):
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"keep me")
    refused = run(source, "backup", str(existing))
    assert refused.exit_code == 1 and "never overwrites" in refused.output
    assert existing.read_bytes() == b"keep me"
    good = tmp_path / "good.sqlite3"
    assert run(source, "backup", str(good)).exit_code == 0
    into_full = run(source, "restore", str(good))
    assert into_full.exit_code == 1 and "only into an empty store" in into_full.output


@pytest.mark.parametrize(
    ("content", "says"),
    [(None, "there is no backup"), (b"not a database at all" * 100, "not a SQLite store")],
)
def test_a_missing_or_damaged_backup_is_refused_and_the_store_stays_empty(tmp_path, content, says):
    path = tmp_path / "backup.sqlite3"
    if content is not None:
        path.write_bytes(content)
    app = app_on(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        refused = run(app, "restore", str(path))
        assert refused.exit_code == 1 and says in refused.output, refused.output
        assert not service_of(app).recorder.max_notification_id()
    finally:
        service_of(app).close()


def test_on_postgresql_backup_points_to_its_own_tools(postgres_url, tmp_path):
    app = app_on(postgres_url)
    try:
        refused = run(app, "backup", str(tmp_path / "anywhere.sqlite3"))
        assert refused.exit_code == 1 and "pg_dump" in refused.output
    finally:
        service_of(app).close()


def _pg_tools() -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        reason = "pg_dump and pg_restore are not installed (Debian: postgresql-client)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def test_on_postgresql_a_dump_taken_while_clerks_write_restores_to_the_same_record(
    postgres_url, tmp_path
):
    _pg_tools()
    server, schema = postgres_url.split("?schema=")
    source = app_on(postgres_url)
    service = service_of(source)
    replay(service)
    committee_id = Committee.create_id("st-helens", "cyps-scrutiny")
    stop = threading.Event()

    def clerk() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            service.appoint_member(
                committee_id, f"Councillor {n}", effective_date=date(2023, 1, 1), recorded_by="c"
            )

    writer = threading.Thread(target=clerk)
    writer.start()
    dump = tmp_path / "minutebook.dump"
    try:
        dumped = subprocess.run(
            ["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", server],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        stop.set()
        writer.join(timeout=60)
    assert dumped.returncode == 0, dumped.stderr
    checked = run(source, "check-dump", str(dump))
    assert checked.exit_code == 0 and "minutebook_events" in checked.output, checked.output

    database = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    restored_server = server.rsplit("/", 1)[0] + "/" + database
    try:
        loaded = subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={restored_server}", str(dump)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert loaded.returncode == 0, loaded.stderr
        restored = app_on(f"{restored_server}?schema={schema}")
        try:
            events = exported(service_of(restored))
            assert len(events) > SEED_EVENTS
            assert events == exported(service)[: len(events)]  # a prefix, byte for byte
            with restored.app_context():
                reader().projector.catch_up()
            made = reader_model(restored).dump()
            clean = open_read_model(f"{restored_server}?schema={schema}")
            try:
                Projector(service_of(restored), clean).rebuild()
                assert clean.dump() == made
            finally:
                clean.datastore.close()
        finally:
            service_of(restored).close()
    finally:
        service_of(source).close()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def test_check_dump_refuses_what_is_not_a_readable_dump(tmp_path, source):
    _pg_tools()
    missing = run(source, "check-dump", str(tmp_path / "none.dump"))
    assert missing.exit_code == 1 and "there is no dump" in missing.output
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"PGDMP but not really" * 50)
    refused = run(source, "check-dump", str(junk))
    assert refused.exit_code == 1 and "not a readable dump" in refused.output
