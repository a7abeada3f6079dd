"""The ledger's answers: checkpoints, proofs and the public key. Hashes are hex."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web.schemas.common import BIGINT, Paging, page_of

HEX_HASH = {"description": "A SHA-256 hash in hex (64 digits).", "example": "0" * 64}


class CheckpointSchema(Schema):
    tree_size = fields.Integer(metadata={"description": "How many events the tree holds."})
    root_hash = fields.String(metadata=HEX_HASH)
    timestamp = fields.String(metadata={"description": "When it was signed (UTC), as signed."})
    key_id = fields.String(metadata={"description": "SHA-256 of the raw public key, in hex."})
    signature = fields.String(
        metadata={
            "description": "Ed25519 signature (base64) of the text: 'minutebook ledger "
            "checkpoint v1', then 'tree_size N', 'root_hash H', 'timestamp T', each line "
            "ending with a line feed."
        }
    )


CheckpointPage = page_of(CheckpointSchema)


class CheckpointQuery(Schema):
    limit = Paging().fields["limit"]
    cursor = Paging().fields["cursor"]


class InclusionQuery(Schema):
    position = fields.Integer(required=True, validate=validate.Range(min=1, max=BIGINT))
    tree_size = fields.Integer(
        validate=validate.Range(min=1, max=BIGINT),
        metadata={
            "description": "The tree to prove against; the latest checkpoint's if left out. "
            "At most the ledger's size (422, `tree-size-beyond-ledger`)."
        },
    )


class InclusionProofSchema(Schema):
    position = fields.Integer()
    leaf_index = fields.Integer(metadata={"description": "The leaf's place in the tree, from 0."})
    tree_size = fields.Integer()
    leaf_hash = fields.String(metadata=HEX_HASH)
    root_hash = fields.String(metadata=HEX_HASH)
    proof = fields.List(fields.String(metadata=HEX_HASH))


class ConsistencyQuery(Schema):
    first = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=BIGINT),
        metadata={"description": "The earlier tree: at most `second` (422, `first-after-second`)."},
    )
    second = fields.Integer(
        validate=validate.Range(min=1, max=BIGINT),
        metadata={
            "description": "The later tree; the latest checkpoint's if left out. At most the "
            "ledger's size (422, `tree-size-beyond-ledger`)."
        },
    )


class ConsistencyProofSchema(Schema):
    first = fields.Integer()
    second = fields.Integer()
    first_root = fields.String(metadata=HEX_HASH)
    second_root = fields.String(metadata=HEX_HASH)
    proof = fields.List(fields.String(metadata=HEX_HASH))


class PublicKeySchema(Schema):
    algorithm = fields.String(metadata={"example": "Ed25519"})
    key_id = fields.String(metadata={"description": "SHA-256 of the raw public key, in hex."})
    public_key = fields.String(metadata={"description": "The raw 32-byte key, base64."})
    pem = fields.String(metadata={"description": "The key as PEM (SubjectPublicKeyInfo)."})
