"""The ledger: leaf hashes and signed checkpoints in tables of their own beside the read
models, kept up to date as the read models are (after writes, before reads, or by the
projection worker), never on the write path.

No event writes these tables, so a rebuild of the read models leaves them alone
(ReadModel.ensure_tables). A checkpoint is inserted, never updated: its tree size is
its key. `ledger_head` holds where the ledger has got to and the frontier of its tree
(see merkle.append), a cache that spares rehashing every leaf; `verify` trusts none of
it and recomputes everything from the stored events.
"""

from __future__ import annotations

import hashlib
import struct
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.persistence import IntegrityError as StoreIntegrityError

from domain.ledger import merkle, reading
from domain.ledger.signing import Checkpoint, Signer
from domain.projections.sql import Tx
from domain.projections.store import ReadModel
from domain.projections.visibility import Visibility

TABLES = (
    "CREATE TABLE IF NOT EXISTS {p}ledger_leaves (leaf_index BIGINT PRIMARY KEY, "
    "position BIGINT NOT NULL UNIQUE, leaf_hash TEXT NOT NULL)",
    # The root of every whole subtree (2**level leaves from index * 2**level), level 1 up:
    # a proof is then a few lookups, not a rehash of the tree.
    "CREATE TABLE IF NOT EXISTS {p}ledger_nodes (level INTEGER NOT NULL, "
    "node_index BIGINT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, node_index))",
    "CREATE TABLE IF NOT EXISTS {p}ledger_head (id INTEGER PRIMARY KEY, "
    "tree_size BIGINT NOT NULL, last_position BIGINT NOT NULL, frontier TEXT NOT NULL)",
    "INSERT INTO {p}ledger_head (id, tree_size, last_position, frontier) "
    "SELECT 1, 0, 0, '' WHERE NOT EXISTS (SELECT 1 FROM {p}ledger_head)",
    "CREATE TABLE IF NOT EXISTS {p}ledger_checkpoints (tree_size BIGINT PRIMARY KEY, "
    "root_hash TEXT NOT NULL, timestamp TEXT NOT NULL, key_id TEXT NOT NULL, "
    "signature TEXT NOT NULL)",
)
BATCH = 1000
# Leaves hashed and written per transaction as the ledger catches up: one commit (an
# fsync on SQLite) per 10,000 leaves, whose rows go in one executemany (SQLite) or COPY
# (PostgreSQL) rather than a round trip each.
CATCH_UP_BATCH = 10_000


class LedgerError(Exception):
    """Raised when a proof is asked of sizes or positions the ledger does not hold."""


class NotInLedger(LedgerError):
    """Raised when a position is not a leaf of the tree asked about."""


class BeyondLedger(LedgerError):
    """Raised when a tree size is larger than the ledger has grown to."""


@dataclass(frozen=True)
class Head:
    tree_size: int
    last_position: int
    frontier: list[bytes]

    @property
    def root(self) -> bytes:
        return merkle.frontier_root(self.frontier)


def stored_leaf(n: Any) -> bytes:
    """The leaf of a stored event, from the row as the recorder read it."""
    state = n.state.encode("utf-8") if isinstance(n.state, str) else bytes(n.state)
    return merkle.leaf_bytes(n.id, n.originator_id, n.originator_version, n.topic, state)


def stored_leaf_hashes(rows: Iterable[reading.Row]) -> list[bytes]:
    """The leaf hash of each stored event read as `reading.Row`: `stored_leaf` and
    `merkle.leaf_hash` inlined, as the ledger's catch-up runs them for every event."""
    sha256, q, hashes = hashlib.sha256, struct.Struct(">Q").pack, []
    keep = hashes.append
    for position, originator_id, version, topic, state in rows:
        encoded = topic.encode("utf-8")
        if type(state) is not bytes:
            state = state.encode("utf-8") if isinstance(state, str) else bytes(state)
        keep(
            sha256(
                b"".join(
                    (
                        merkle.LEAF,
                        q(position),
                        originator_id,
                        q(version),
                        q(len(encoded)),
                        encoded,
                        q(len(state)),
                        state,
                    )
                )
            ).digest()
        )
    return hashes


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Ledger:
    def __init__(
        self,
        recorder: ApplicationRecorder,
        read_model: ReadModel,
        signer: Signer,
        *,
        checkpoint_every: float = 5.0,
        clock: Callable[[], str] = now,
    ) -> None:
        self.recorder = recorder
        self.read_model = read_model
        self.signer = signer
        self.checkpoint_every = checkpoint_every
        self.clock = clock
        self._lock = threading.Lock()
        self._read = reading.reader(recorder)
        self._last_checkpoint = float("-inf")

    def create_tables(self) -> None:
        self.read_model.ensure_tables(*TABLES)

    # Following the store -------------------------------------------------------------

    def catch_up(self, *, batch_size: int = CATCH_UP_BATCH, sign_now: bool = False) -> int:
        """Hash every event recorded since the ledger's last leaf; then take a checkpoint
        if the tree grew and the last one this process took is old enough (or at once,
        with `sign_now`). Returns how many leaves were added."""
        added = 0
        with self._lock:
            while True:
                head = self.head()
                rows = self._read(head.last_position + 1, batch_size)
                if not rows:
                    break
                try:
                    self._append(head, rows)
                except StoreIntegrityError:
                    if self.head().tree_size == head.tree_size:  # no race: a broken table
                        raise
                    continue  # another process added these leaves first: carry on from there
                added += len(rows)
                if len(rows) < batch_size:
                    # The end of the log as this read found it, so every event recorded
                    # before the call is in. Chasing what came since would mean a write
                    # transaction of a few leaves each time, in the recorder's way.
                    break
            if sign_now or time.monotonic() - self._last_checkpoint >= self.checkpoint_every:
                self._take_checkpoint()
        return added

    def follow(
        self,
        stop: threading.Event,
        *,
        interval: float = 0.5,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Keep catching up until `stop` is set (beside the projection worker's loop). A
        checkpoint held back while events kept coming is taken once they stop."""
        while not stop.is_set():
            try:
                self.catch_up()
            except Exception as e:  # the database went away: the next round tries again
                if on_error is not None:
                    on_error(e)
                stop.wait(5 * interval)
                continue
            stop.wait(interval)

    def _append(self, head: Head, rows: Sequence[reading.Row]) -> None:
        hashes = stored_leaf_hashes(rows)
        frontier, made = merkle.extend_whole(head.frontier, head.tree_size, hashes)
        size = head.tree_size + len(hashes)
        leaves = (
            list(range(head.tree_size, size)),
            [r[0] for r in rows],
            [h.hex() for h in hashes],
        )
        nodes = ([m[0] for m in made], [m[1] for m in made], [m[2].hex() for m in made])
        with self.read_model.writing() as tx:
            # The head moves only from where this process read it: a race is refused.
            tx.run(
                "UPDATE {p}ledger_head SET tree_size = ?, last_position = ?, frontier = ? "
                "WHERE id = 1 AND tree_size = ?",
                (size, rows[-1][0], _frontier_text(frontier), head.tree_size),
            )
            cursor = getattr(tx.cursor, "sqlite_cursor", tx.cursor)  # the library wraps SQLite's
            if cursor.rowcount != 1:
                raise StoreIntegrityError("the ledger moved on in another process")
            _insert_columns(tx, "ledger_leaves (leaf_index, position, leaf_hash)", leaves)
            if made:
                _insert_columns(tx, "ledger_nodes (level, node_index, hash)", nodes)

    def _take_checkpoint(self) -> None:
        head = self.head()
        latest = self.latest_checkpoint()
        if head.tree_size == 0 or (latest is not None and latest.tree_size >= head.tree_size):
            return
        checkpoint = self.signer.sign(head.tree_size, head.root.hex(), self.clock())
        try:
            with self.read_model.writing() as tx:
                tx.run(
                    "INSERT INTO {p}ledger_checkpoints (tree_size, root_hash, timestamp, "
                    "key_id, signature) VALUES (?, ?, ?, ?, ?)",
                    (
                        checkpoint.tree_size,
                        checkpoint.root_hash,
                        checkpoint.timestamp,
                        checkpoint.key_id,
                        checkpoint.signature,
                    ),
                )
        except StoreIntegrityError:
            pass  # another process signed this size first: its checkpoint stands
        self._last_checkpoint = time.monotonic()

    # Reading -------------------------------------------------------------------------

    def head(self) -> Head:
        with self.read_model.reading(of_read_models=False) as tx:
            row = tx.one("SELECT tree_size, last_position, frontier FROM {p}ledger_head")
        assert row is not None, "create_tables() makes the head"
        return Head(row["tree_size"], row["last_position"], _frontier(row["frontier"]))

    def latest_checkpoint(self) -> Checkpoint | None:
        found = self.checkpoints(limit=1, newest_first=True)
        return found[0] if found else None

    def checkpoints(
        self, *, limit: int, after: int = 0, newest_first: bool = False
    ) -> list[Checkpoint]:
        """A page of checkpoints by tree size: those above `after`, or, newest first,
        those below it (0: from the newest)."""
        if newest_first:
            where, order = ("tree_size < ?" if after else "tree_size >= ?"), "DESC"
        else:
            where, order = "tree_size > ?", "ASC"
        with self.read_model.reading(of_read_models=False) as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}ledger_checkpoints WHERE {where} "
                f"ORDER BY tree_size {order} LIMIT ?",
                (after, limit),
            )
        return [_checkpoint(r) for r in rows]

    def checkpoint(self, tree_size: int) -> Checkpoint | None:
        with self.read_model.reading(of_read_models=False) as tx:
            row = tx.one("SELECT * FROM {p}ledger_checkpoints WHERE tree_size = ?", (tree_size,))
        return _checkpoint(row) if row else None

    def recorded_leaves(self) -> Iterable[tuple[int, int, str]]:
        """Every leaf the ledger recorded: (index, position, hash hex), in order."""
        after = -1
        while True:
            with self.read_model.reading(of_read_models=False) as tx:
                rows = tx.rows(
                    "SELECT leaf_index, position, leaf_hash FROM {p}ledger_leaves "
                    "WHERE leaf_index > ? ORDER BY leaf_index LIMIT ?",
                    (after, 10 * BATCH),
                )
            for row in rows:
                yield row["leaf_index"], row["position"], row["leaf_hash"]
            if len(rows) < 10 * BATCH:
                return
            after = rows[-1]["leaf_index"]

    def leaf_hashes(self, positions: Iterable[int]) -> dict[int, str]:
        """The leaf hash (hex) of each of these positions that the ledger holds."""
        return {p: h for p, (_, h) in self.leaves_at(positions).items()}

    def leaves_at(self, positions: Iterable[int]) -> dict[int, tuple[int, str]]:
        """The leaf index and hash (hex) of each of these positions the ledger holds."""
        wanted = sorted(set(positions))
        found: dict[int, tuple[int, str]] = {}
        with self.read_model.reading(of_read_models=False) as tx:
            for start in range(0, len(wanted), BATCH):
                chunk = wanted[start : start + BATCH]
                rows = tx.rows(
                    "SELECT leaf_index, position, leaf_hash FROM {p}ledger_leaves "
                    f"WHERE position IN ({', '.join('?' for _ in chunk)})",
                    chunk,
                )
                found.update((r["position"], (r["leaf_index"], r["leaf_hash"])) for r in rows)
        return found

    def leaf_at(self, position: int) -> tuple[int, bytes] | None:
        with self.read_model.reading(of_read_models=False) as tx:
            row = tx.one(
                "SELECT leaf_index, leaf_hash FROM {p}ledger_leaves WHERE position = ?",
                (position,),
            )
        return (row["leaf_index"], bytes.fromhex(row["leaf_hash"])) if row else None

    def _check_size(self, size: int) -> None:
        held = self.head().tree_size
        if size > held:
            raise BeyondLedger(f"the ledger holds {held} leaves, not {size}")

    def _subtrees(self, tx: Tx) -> Callable[[int, int], bytes]:
        """`root_of(start, end)` over the ledger's leaves and whole subtrees, each
        looked up once (a subtree missing from the table is made from its halves)."""
        known: dict[tuple[int, int], bytes] = {}

        def whole(level: int, index: int) -> bytes:
            if (level, index) not in known:
                if level == 0:
                    row = tx.one(
                        "SELECT leaf_hash AS hash FROM {p}ledger_leaves WHERE leaf_index = ?",
                        (index,),
                    )
                else:
                    row = tx.one(
                        "SELECT hash FROM {p}ledger_nodes WHERE level = ? AND node_index = ?",
                        (level, index),
                    )
                if row is None and level == 0:
                    raise NotInLedger(f"the ledger has no leaf {index}")
                known[(level, index)] = (
                    bytes.fromhex(row["hash"])
                    if row is not None
                    else merkle.node_hash(
                        whole(level - 1, 2 * index), whole(level - 1, 2 * index + 1)
                    )
                )
            return known[(level, index)]

        return lambda start, end: merkle.range_root(start, end, whole)

    # Proofs --------------------------------------------------------------------------

    def inclusion_proof(self, position: int, tree_size: int) -> dict[str, Any]:
        found = self.leaf_at(position)
        if found is None or found[0] >= tree_size:
            raise NotInLedger(f"position {position} is not a leaf of the tree of {tree_size}")
        self._check_size(tree_size)
        index, hashed = found
        with self.read_model.reading(of_read_models=False) as tx:
            root_of = self._subtrees(tx)
            return {
                "position": position,
                "leaf_index": index,
                "tree_size": tree_size,
                "leaf_hash": hashed.hex(),
                "root_hash": root_of(0, tree_size).hex(),
                "proof": [h.hex() for h in merkle.inclusion_path(index, tree_size, root_of)],
            }

    def consistency_proof(self, first: int, second: int) -> dict[str, Any]:
        if not 0 < first <= second:
            raise LedgerError("the first tree size must be from 1 up to the second")
        self._check_size(second)
        with self.read_model.reading(of_read_models=False) as tx:
            root_of = self._subtrees(tx)
            return {
                "first": first,
                "second": second,
                "first_root": root_of(0, first).hex(),
                "second_root": root_of(0, second).hex(),
                "proof": [h.hex() for h in merkle.consistency_path(first, second, root_of)],
            }

    # Privacy -------------------------------------------------------------------------

    def shows(self, position: int, seen: Visibility) -> bool:
        """Whether this reader's audit log shows the event at a position: a proof for one
        it hides would say that there is an event there, which the log does not."""
        visible, params = seen.sql()
        with self.read_model.reading() as tx:
            row = tx.one(
                f"SELECT position FROM {{p}}read_audit WHERE position = ? AND {visible}",
                (position, *params),
            )
        return row is not None


def _insert_columns(tx: Tx, into: str, columns: tuple[list[Any], ...]) -> None:
    """Insert rows given column by column: on PostgreSQL by COPY (a few times faster
    than an INSERT of arrays, and not a round trip per row as executemany is)."""
    rows = zip(*columns, strict=True)
    if tx.postgres:
        with tx.cursor.copy(tx.sql(f"COPY {{p}}{into} FROM STDIN")) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        tx.cursor.executemany(tx.sql(f"INSERT INTO {{p}}{into} VALUES ({marks})"), rows)


def _frontier_text(frontier: Sequence[bytes]) -> str:
    return ",".join(h.hex() for h in frontier)


def _frontier(text: str) -> list[bytes]:
    return [bytes.fromhex(h) for h in text.split(",")] if text else []


def _checkpoint(row: dict[str, Any]) -> Checkpoint:
    return Checkpoint(
        row["tree_size"], row["root_hash"], row["timestamp"], row["key_id"], row["signature"]
    )
