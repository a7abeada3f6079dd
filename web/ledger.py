"""The ledger over HTTP: signed checkpoints, proofs against them and the public key,
and the leaf hash of each entry in the audit log and the event feed.

In inline mode this process brings the ledger up to date after each write and before
it answers from the ledger; in worker mode the projection worker does.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request
from flask_smorest import abort

from domain.ledger.signing import Signer, public_pem, raw_public_key
from domain.ledger.store import BeyondLedger, Ledger, LedgerError, NotInLedger
from domain.projections.pages import decode_cursor, encode_cursor
from domain.projections.store import ReadModel
from domain.service import Minutebook
from web.access import visibility
from web.blueprint import Blueprint
from web.requests import fresh
from web.schemas.ledger import (
    CheckpointPage,
    CheckpointQuery,
    CheckpointSchema,
    ConsistencyProofSchema,
    ConsistencyQuery,
    InclusionProofSchema,
    InclusionQuery,
    PublicKeySchema,
)

LOG = logging.getLogger(__name__)

blp = Blueprint(
    "ledger",
    __name__,
    url_prefix="/api/ledger",
    description="A history anyone can verify: signed checkpoints of a Merkle tree over every "
    "stored event, and proofs against them.",
)


def ledger() -> Ledger:
    return current_app.extensions["minutebook.ledger"]


def caught_up() -> Ledger:
    """The ledger, brought up to date first in inline mode. A failure leaves it behind
    (what it holds is still signed and true), so it is logged, not answered with a 500."""
    found = ledger()
    if current_app.config["PROJECTIONS"] == "inline":
        try:
            found.catch_up()
        except Exception:
            LOG.exception("the ledger could not catch up")
    return found


def open_ledger(app: Flask, service: Minutebook, read_model: ReadModel) -> Ledger:
    """The ledger on the read store, signing with the key LEDGER_KEY_FILE names (which
    must exist: a deployment's processes share one key) or else with the key in the
    instance folder, made there on first run."""
    named = app.config["LEDGER_KEY_FILE"]
    path = Path(named) if named else Path(app.instance_path) / "ledger-signing-key.pem"
    found = Ledger(
        service.recorder,
        read_model,
        Signer.from_file(path, create=not named),
        checkpoint_every=app.config["LEDGER_CHECKPOINT_SECONDS"],
    )
    found.create_tables()
    return found


def install(app: Flask) -> None:
    """Follow writes into the ledger in inline mode, once a write's response is built:
    the event is stored and answered for whatever the ledger does."""

    @app.after_request
    def after_write(response: Response) -> Response:
        if (
            request.method == "POST"
            and response.status_code < 300
            and app.config["PROJECTIONS"] == "inline"
            and request.path.startswith("/api/")
        ):
            caught_up()
        return response


def with_leaf_hashes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry with its leaf hash (hex), where the ledger has it. Only entries this
    reader was shown get one: the hash of a hidden event is never looked up."""
    hashes = caught_up().leaf_hashes(item["position"] for item in items)
    for item in items:
        if item["position"] in hashes:
            item["leaf_hash"] = hashes[item["position"]]
    return items


def _latest_size() -> int:
    latest = caught_up().latest_checkpoint()
    if latest is None:
        abort(404, rule="no-checkpoint-yet", message="the ledger has signed no checkpoint yet")
    return latest.tree_size


@blp.route("/checkpoints/latest", methods=["GET"])
@blp.response(200, CheckpointSchema)
def latest_checkpoint() -> Any:
    """The latest signed checkpoint: tree size, root hash, time and signature."""
    latest = caught_up().latest_checkpoint()
    if latest is None:
        abort(404, rule="no-checkpoint-yet", message="the ledger has signed no checkpoint yet")
    return latest.__dict__


@blp.route("/checkpoints", methods=["GET"])
@blp.arguments(CheckpointQuery, location="query")
@blp.response(200, CheckpointPage)
def list_checkpoints(args: dict[str, Any]) -> Any:
    """Every signed checkpoint, oldest (smallest tree) first, a page at a time."""
    key = decode_cursor(args.get("cursor"), 1, ["position"])
    after = key[0] if key else 0
    found = caught_up().checkpoints(limit=args["limit"] + 1, after=after)
    more = len(found) > args["limit"]
    found = found[: args["limit"]]
    return {
        "items": [c.__dict__ for c in found],
        "next": encode_cursor([found[-1].tree_size]) if more else None,
    }


@blp.route("/checkpoints/<int:tree_size>", methods=["GET"])
@blp.response(200, CheckpointSchema)
def one_checkpoint(tree_size: int) -> Any:
    """The checkpoint signed for one tree size."""
    found = caught_up().checkpoint(tree_size) if tree_size < 2**63 else None
    if found is None:
        abort(404, rule="no-such-checkpoint", message=f"no checkpoint has tree size {tree_size}")
    return found.__dict__


@blp.route("/proofs/inclusion", methods=["GET"])
@blp.arguments(InclusionQuery, location="query")
@blp.response(200, InclusionProofSchema)
def inclusion_proof(args: dict[str, Any]) -> Any:
    """Proof that the event at a position is a leaf of the tree of a given size (the
    latest checkpoint's by default). Exempt business the reader may not see is not
    found here, as in the audit log."""
    size = args.get("tree_size") or _latest_size()
    position = args["position"]
    fresh({})  # the audit log decides what this reader is shown
    if not ledger().shows(position, visibility()):
        abort(404, rule="not-in-ledger", message=f"no event at position {position} is shown")
    try:
        return ledger().inclusion_proof(position, size)
    except NotInLedger as e:
        abort(404, rule="not-in-ledger", message=str(e))
    except BeyondLedger as e:
        abort(422, rule="tree-size-beyond-ledger", message=str(e))


@blp.route("/proofs/consistency", methods=["GET"])
@blp.arguments(ConsistencyQuery, location="query")
@blp.response(200, ConsistencyProofSchema)
def consistency_proof(args: dict[str, Any]) -> Any:
    """Proof that the tree of size `first` is the start of the tree of size `second`
    (the latest checkpoint's by default): nothing signed before was changed since."""
    second = args.get("second") or _latest_size()
    try:
        return caught_up().consistency_proof(args["first"], second)
    except BeyondLedger as e:
        abort(422, rule="tree-size-beyond-ledger", message=str(e))
    except LedgerError as e:
        abort(422, rule="first-after-second", message=str(e))


@blp.route("/public-key", methods=["GET"])
@blp.response(200, PublicKeySchema)
def public_key() -> Any:
    """The key that signs checkpoints."""
    key = ledger().signer.public_key
    return {
        "algorithm": "Ed25519",
        "key_id": ledger().signer.key_id,
        "public_key": base64.b64encode(raw_public_key(key)).decode(),
        "pem": public_pem(key),
    }
