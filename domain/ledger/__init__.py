"""A history anyone can verify: a Merkle tree over the event store, signed checkpoints
of it, proofs, and the check that the store still is what was signed.

merkle.py    the tree, its proofs and their verification (RFC 9162, 2.1)
signing.py   the Ed25519 key and the checkpoint's signed text
store.py     the ledger's own tables beside the read models; catch-up and checkpoints
reading.py   the stored events as the catch-up hashes them, read straight from the table
audit.py     recompute everything from the stored events and name what disagrees
"""
