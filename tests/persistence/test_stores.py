"""One setting, DATABASE_URL, chooses the store."""

import pytest

from domain.service import Minutebook
from domain.stores import StoreSettingError, prepare_store, store_env


def test_memory_is_the_in_memory_store():
    assert store_env("memory:") == {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def test_a_sqlite_url_names_a_file():
    env = store_env("sqlite:///instance/minutebook.sqlite3")
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["SQLITE_DBNAME"] == "instance/minutebook.sqlite3"
    assert store_env("sqlite:////var/lib/mb.db")["SQLITE_DBNAME"] == "/var/lib/mb.db"


def test_a_postgresql_url_gives_every_connection_setting():
    env = store_env("postgresql://clerk:s%40cret@db.example:6543/records?schema=council", {})
    assert env == {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": "records",
        "POSTGRES_HOST": "db.example",
        "POSTGRES_PORT": "6543",
        "POSTGRES_USER": "clerk",
        "POSTGRES_PASSWORD": "s@cret",
        "POSTGRES_SCHEMA": "council",
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
    }


@pytest.mark.parametrize(
    "url",
    ["mysql://x/y", "sqlite://", "sqlite:///", "postgresql:///", "", "instance/minutebook.sqlite3"],
)
def test_an_unusable_url_is_refused_with_the_form_expected(url):
    with pytest.raises(StoreSettingError, match="DATABASE_URL"):
        store_env(url)


def test_the_error_never_echoes_a_password():
    with pytest.raises(StoreSettingError) as raised:
        store_env("mysql://clerk:hunter2@db/records")
    assert "hunter2" not in str(raised.value)


def test_a_sqlite_file_gets_its_folder_and_keeps_its_events(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'mb.sqlite3'}"
    prepare_store(url)
    first = Minutebook.from_url(url)
    from datetime import date

    receipt = first.establish_committee(
        council="halton",
        council_name="Halton Borough Council",
        slug="executive-board",
        name="Executive Board",
        effective_date=date(2022, 11, 17),
        recorded_by="seed",
    )
    first.close()
    second = Minutebook.from_url(url)
    assert second.committee(receipt.id)["name"] == "Executive Board"
    second.close()


def test_postgresql_tables_are_named_for_the_application(postgres_url):
    import psycopg

    from tests.conftest import POSTGRES_URL

    service = Minutebook.from_url(postgres_url)
    schema = postgres_url.rsplit("schema=", 1)[1]
    with psycopg.connect(POSTGRES_URL) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "select table_name from information_schema.tables where table_schema = %s",
                (schema,),
            )
        }
    service.close()
    assert "minutebook_events" in tables
