"""Minutes intake: turning the text of published minutes into a draft document.

A draft has the shape of the seed files (`seeds/minutes/*/*.toml`): the meeting, its
attendance, declarations, items with their minute numbers, and each "Resolved" block
split into clauses in the minutes' own words, each with a kind and any action. What
the rules are unsure of is listed in the draft's `review` (a path and a reason), for a
clerk to check before the document is recorded. Plain rules, no network.

    text.py        clean the text: markdown, bullets, running page headers, wrapped lines
    html.py        a ModernGov page's HTML to that text (the standard library's parser)
    dates.py       dates and times as minutes write them
    header.py      committee, date, time, venue and the attendance blocks
    names.py       lists of people ("Councillors A, B and C") split into names
    items.py       numbered items and their minute numbers
    resolutions.py "Resolved" blocks split into labelled clauses
    kinds.py       each clause's kind, and the action it asks for
    standing.py    apologies, absences, substitutes and declarations in standing items
    draft.py       the draft being built, and its review list
    item_drafts.py one item drafted: its resolution, clauses, kinds and references
    attendance.py  the attendance lists put together from the heading and the items
    drafting.py    the whole draft, from text or HTML
    toml_text.py   the draft written as TOML, as the seed files are

Recording a reviewed document, whole, in one transaction (POST /api/minutes,
`flask minutes record`, the seed replay):

    recording.py          record_minutes: the document step by step, then one save
    build.py              what the steps share: records loaded or begun, problems, save
    record_meeting.py     the meeting, items, attendance, declarations, meetings mentioned
    record_resolutions.py resolutions, their decisions and corrections, approvals
"""

from domain.minutes.drafting import DraftError, draft_from_html, draft_from_text

__all__ = ["DraftError", "draft_from_html", "draft_from_text"]
