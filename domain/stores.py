"""One setting, DATABASE_URL, chooses where the events are kept.

- `sqlite:///instance/minutebook.sqlite3` (the embedded default; a file path,
  relative to the working directory, or `sqlite:////absolute/path`);
- `postgresql://user:password@host:5432/dbname?schema=public`;
- `memory:` for tests and throw-away runs.

On PostgreSQL each process keeps two pools of connections (the events', the read
models'), each of DATABASE_POOL_SIZE connections, growing by up to
DATABASE_MAX_OVERFLOW when busy. The library's own defaults (5 and 10) would let
one process hold 30 connections, so that four gunicorn workers, the projection
worker and a rebuild beside them could exhaust PostgreSQL's default of 100.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

DEFAULT_DATABASE_URL = "sqlite:///instance/minutebook.sqlite3"
# A sync gunicorn worker serves one request at a time and the projection worker
# runs one batch at a time: two connections a pool are enough, and two more absorb
# the doorbell's LISTEN and a request that overlaps a catch-up.
DEFAULT_POOL_SIZE = 2
DEFAULT_MAX_OVERFLOW = 2


class StoreSettingError(ValueError):
    """Raised when DATABASE_URL names no store this system can use."""


def store_env(database_url: str, settings: Mapping[str, str] | None = None) -> dict[str, str]:
    """The `eventsourcing` settings for a DATABASE_URL; the pool sizes come from
    `settings` (the process's environment unless given)."""
    url = (database_url or "").strip()
    if url in ("memory:", "memory://"):
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) == len("sqlite:///"):
            raise StoreSettingError("a SQLite DATABASE_URL looks like sqlite:///path/to/file")
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": unquote(url[len("sqlite:///") :]),
            "SQLITE_LOCK_TIMEOUT": "10",
        }
    if scheme in ("postgresql", "postgres"):
        parts = urlsplit(url)
        dbname = unquote(parts.path.lstrip("/"))
        if not parts.hostname or not dbname:
            raise StoreSettingError(
                "a PostgreSQL DATABASE_URL looks like postgresql://user@host:5432/dbname"
            )
        schema = parse_qs(parts.query).get("schema", [""])[0]
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": dbname,
            "POSTGRES_HOST": parts.hostname,
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_SCHEMA": schema,
            "POSTGRES_CONNECT_TIMEOUT": "10",
            **pool_env(os.environ if settings is None else settings),
        }
    raise StoreSettingError(
        f"DATABASE_URL must start with sqlite:///, postgresql:// or be memory:, "
        f"not {url.split(':', 1)[0]!r}"
    )


def masked_url(database_url: str) -> str:
    """A DATABASE_URL fit to print: any password replaced by ***."""
    parts = urlsplit(database_url.strip())
    if parts.password is None and "password" not in parse_qs(parts.query):
        return database_url.strip()
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.split(':', 1)[0]}:***@{host}"
    query = urlencode(
        [
            (name, "***" if name == "password" else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="*",
    )
    return parts._replace(netloc=netloc, query=query).geturl()


def pool_env(settings: Mapping[str, str]) -> dict[str, str]:
    """The library's pool settings from DATABASE_POOL_SIZE and DATABASE_MAX_OVERFLOW."""
    size = _whole_number(settings, "DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE, least=1)
    overflow = _whole_number(settings, "DATABASE_MAX_OVERFLOW", DEFAULT_MAX_OVERFLOW, least=0)
    return {"POSTGRES_POOL_SIZE": str(size), "POSTGRES_MAX_OVERFLOW": str(overflow)}


def _whole_number(settings: Mapping[str, str], name: str, default: int, *, least: int) -> int:
    text = (settings.get(name) or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or int(text) < least:
        raise StoreSettingError(f"{name} must be a whole number from {least}, not {text!r}")
    return int(text)


def prepare_store(database_url: str) -> None:
    """Make what a store needs before first use: the folder of a SQLite file."""
    env = store_env(database_url)
    dbname = env.get("SQLITE_DBNAME", "")
    if dbname and not dbname.startswith("file:") and dbname != ":memory:":
        Path(dbname).parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def startup_lock(database_url: str) -> Iterator[None]:
    """Hold PostgreSQL's advisory lock while a process creates its tables, so that
    several processes starting at once (gunicorn workers, the projection worker) do
    not race on the same DDL (concurrent CREATE OR REPLACE can fail)."""
    env = store_env(database_url)
    if env["PERSISTENCE_MODULE"] != "eventsourcing.postgres":
        yield
        return
    import psycopg

    with psycopg.connect(
        host=env["POSTGRES_HOST"],
        port=env["POSTGRES_PORT"],
        dbname=env["POSTGRES_DBNAME"],
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"],
        connect_timeout=10,
        autocommit=True,
    ) as conn:
        conn.execute("SELECT pg_advisory_lock(73315)")
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(73315)")
