"""The read models' tables. Dates and times are ISO text, so they sort and compare
the same way on SQLite and PostgreSQL; flags are 0/1 integers for the same reason.
`{p}` is the schema prefix (empty on SQLite). A clause's `seq` is its resolution's.

The read models' shape is a fingerprint of these statements and PROJECTION_VERSION:
a store whose read models were made with another shape has them dropped and
rebuilt when it is opened (see ReadModel.ensure_shape).
"""

import hashlib

from domain.committees import Committee
from domain.councils import Council
from domain.meetings import Meeting
from domain.projections.statuses import LIVE_ACTIONS
from domain.resolutions import Resolution

# After every date a record may carry (domain/recording.py). The index of the tracker's
# order holds the day each action closed, or NEVER: so "open on D" and "closed by D" are
# plain comparisons it answers entry by entry, as it is read, without reading the row.
NEVER = "9999-12-31"

TABLES = [
    """CREATE TABLE IF NOT EXISTS {p}read_councils (
        slug TEXT PRIMARY KEY, name TEXT NOT NULL, id TEXT)""",
    """CREATE TABLE IF NOT EXISTS {p}read_committees (
        id TEXT PRIMARY KEY, council TEXT NOT NULL, slug TEXT NOT NULL, name TEXT NOT NULL,
        kind TEXT NOT NULL, established_on TEXT NOT NULL, dissolved_on TEXT, chair TEXT,
        version INTEGER NOT NULL, cited_source TEXT)""",
    """CREATE TABLE IF NOT EXISTS {p}read_members (
        committee_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
        representing TEXT, appointed_on TEXT NOT NULL, cited_source TEXT,
        PRIMARY KEY (committee_id, name))""",
    """CREATE TABLE IF NOT EXISTS {p}read_work_programme (
        committee_id TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, source TEXT,
        added_on TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (committee_id, key))""",
    """CREATE TABLE IF NOT EXISTS {p}read_meetings (
        id TEXT PRIMARY KEY, council TEXT NOT NULL, committee_id TEXT NOT NULL,
        date TEXT NOT NULL, start_time TEXT, ended_at TEXT, venue TEXT, status TEXT NOT NULL,
        adjourned_until TEXT, minutes_approved_by TEXT, minutes_approved_on TEXT,
        scheduled_on TEXT NOT NULL, version INTEGER NOT NULL,
        no_declarations INTEGER NOT NULL DEFAULT 0, cited_source TEXT)""",
    """CREATE TABLE IF NOT EXISTS {p}read_attendance (
        meeting_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, capacity TEXT,
        seq BIGINT NOT NULL, substitute_for TEXT, cited_source TEXT,
        PRIMARY KEY (meeting_id, name))""",
    """CREATE TABLE IF NOT EXISTS {p}read_agenda_items (
        meeting_id TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, minute TEXT,
        agenda_number TEXT, exempt INTEGER NOT NULL, seq BIGINT NOT NULL, minute_text TEXT,
        cited_source TEXT, PRIMARY KEY (meeting_id, key))""",
    """CREATE TABLE IF NOT EXISTS {p}read_declarations (
        meeting_id TEXT NOT NULL, seq BIGINT NOT NULL, member TEXT NOT NULL, item_key TEXT,
        interest TEXT NOT NULL, kind TEXT, PRIMARY KEY (meeting_id, seq))""",
    """CREATE TABLE IF NOT EXISTS {p}read_resolutions (
        id TEXT PRIMARY KEY, council TEXT NOT NULL, committee_id TEXT NOT NULL,
        meeting_id TEXT NOT NULL, meeting_date TEXT NOT NULL, item TEXT NOT NULL,
        minute TEXT, title TEXT NOT NULL, exempt INTEGER NOT NULL, status TEXT NOT NULL,
        status_from TEXT NOT NULL, proposed_on TEXT NOT NULL, decided_on TEXT,
        search_text TEXT NOT NULL, seq BIGINT NOT NULL, version INTEGER NOT NULL,
        cited_source TEXT)""",
    """CREATE TABLE IF NOT EXISTS {p}read_clauses (
        resolution_id TEXT NOT NULL, number INTEGER NOT NULL, label TEXT, text TEXT NOT NULL,
        kind TEXT NOT NULL, action_status TEXT, owner TEXT, due_date TEXT, due_meeting TEXT,
        requested_on TEXT, referred_to TEXT, report_back_requested_on TEXT, closed_on TEXT,
        outcome TEXT, state_from TEXT, seq BIGINT NOT NULL, cited_source TEXT,
        PRIMARY KEY (resolution_id, number))""",
    # The past of each action and resolution. A clause's action holds its current
    # state since `state_from`, a resolution its status since `status_from`; each state
    # or status it had before is a row here, written once, when it ended: it held from
    # `valid_from` until the day before `valid_to` (`position` is the event that ended
    # it). So the record as it stood on a date D is, for each, the row with
    # valid_from <= D < valid_to, or else its current one. The domain keeps each step
    # on or after the one before, so these are states it really held.
    """CREATE TABLE IF NOT EXISTS {p}read_action_states (
        resolution_id TEXT NOT NULL, number INTEGER NOT NULL, position BIGINT NOT NULL,
        valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, action_status TEXT NOT NULL,
        owner TEXT, due_date TEXT, due_meeting TEXT, referred_to TEXT,
        report_back_requested_on TEXT, closed_on TEXT, outcome TEXT,
        PRIMARY KEY (resolution_id, number, position))""",
    """CREATE TABLE IF NOT EXISTS {p}read_resolution_states (
        id TEXT NOT NULL, position BIGINT NOT NULL, valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (id, position))""",
    """CREATE TABLE IF NOT EXISTS {p}read_action_progress (
        resolution_id TEXT NOT NULL, clause INTEGER NOT NULL, seq BIGINT NOT NULL,
        noted_on TEXT NOT NULL, note TEXT NOT NULL, noted_by TEXT NOT NULL,
        PRIMARY KEY (resolution_id, clause, seq))""",
    """CREATE TABLE IF NOT EXISTS {p}read_audit (
        position BIGINT PRIMARY KEY, aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL,
        version INTEGER NOT NULL, event TEXT NOT NULL, recorded_at TEXT NOT NULL,
        effective_date TEXT NOT NULL, recorded_by TEXT NOT NULL, council TEXT,
        exempt INTEGER NOT NULL, summary TEXT NOT NULL, data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS read_committees_council ON {p}read_committees (council, name)",
    "CREATE INDEX IF NOT EXISTS read_meetings_committee ON {p}read_meetings (committee_id, date)",
    "CREATE INDEX IF NOT EXISTS read_meetings_council ON {p}read_meetings (council, date)",
    "CREATE INDEX IF NOT EXISTS read_resolutions_meeting ON {p}read_resolutions (meeting_id)",
    "CREATE INDEX IF NOT EXISTS read_resolutions_council "
    "ON {p}read_resolutions (council, meeting_date)",
    # The tracker's order: a page of it is read off these, however many actions (the
    # open ones are few and recent, so they have an index of their own; as it stood on
    # a date, the day each closed tells which were open then).
    "CREATE INDEX IF NOT EXISTS read_clauses_requested ON {p}read_clauses "
    f"(requested_on, seq, number, COALESCE(closed_on, '{NEVER}'))",
    "CREATE INDEX IF NOT EXISTS read_clauses_live ON {p}read_clauses (requested_on, seq, number) "
    f"WHERE action_status IN ({LIVE_ACTIONS})",
    "CREATE INDEX IF NOT EXISTS read_audit_aggregate ON {p}read_audit (aggregate_id, version)",
    "CREATE INDEX IF NOT EXISTS read_audit_recorded_by ON {p}read_audit (recorded_by, position)",
    "CREATE INDEX IF NOT EXISTS read_audit_recorded ON {p}read_audit (recorded_at)",
]

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS read_resolution_search "
    "USING fts5(resolution_id UNINDEXED, body, tokenize='porter unicode61')",
]

POSTGRES_SEARCH = [
    "ALTER TABLE {p}read_resolutions ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS read_resolutions_search "
    "ON {p}read_resolutions USING GIN (search_vector)",
]

READ_TABLES = [
    "read_councils",
    "read_committees",
    "read_members",
    "read_work_programme",
    "read_meetings",
    "read_attendance",
    "read_agenda_items",
    "read_declarations",
    "read_resolutions",
    "read_clauses",
    "read_action_states",
    "read_resolution_states",
    "read_action_progress",
    "read_audit",
]

# Which read table holds each aggregate's row (and so its council).
TABLE_OF: dict[type, str] = {
    Council: "read_councils",
    Committee: "read_committees",
    Meeting: "read_meetings",
    Resolution: "read_resolutions",
}

# Bump when the handlers change what they write into tables of the same shape.
PROJECTION_VERSION = 4
SHAPE = hashlib.sha256(
    "\n".join([str(PROJECTION_VERSION), *TABLES, *SQLITE_SEARCH, *POSTGRES_SEARCH]).encode()
).hexdigest()
