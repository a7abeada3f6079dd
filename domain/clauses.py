"""The numbered parts of a resolution: checking drafts and starting their actions."""

from __future__ import annotations

from datetime import date

from domain import limits
from domain.errors import DomainError, InvalidValue
from domain.recording import check_date, check_text, optional_text
from domain.values import Action, ActionRequest, ActionStatus, Clause, ClauseDraft, ClauseKind

MAX_CLAUSES = limits.MAX_CLAUSES


class ClauseError(DomainError):
    """Raised when the clauses of a resolution are not a well-formed list."""


class ClausesOutOfOrder(ClauseError):
    """Raised when clauses are not numbered 1, 2, 3… in order."""


class NothingAsked(ClauseError):
    """Raised when a clause that only notes or approves carries an action."""


class ActionRequired(ClauseError):
    """Raised when a clause of a kind that asks for something carries no action, so it
    would never reach the action tracker."""


class ReportBackBeforeRequest(ClauseError):
    """Raised when an action would be closed on a date before it was asked for."""


def check_clauses(clauses: list[ClauseDraft]) -> list[ClauseDraft]:
    """Every resolution has at least one clause, numbered from 1 without gaps."""
    if not isinstance(clauses, list | tuple) or not clauses:
        raise InvalidValue("a resolution has at least one clause")
    if len(clauses) > MAX_CLAUSES:
        raise InvalidValue(f"a resolution has at most {MAX_CLAUSES} clauses")
    checked = []
    for expected, draft in enumerate(clauses, start=1):
        if not isinstance(draft, ClauseDraft):
            raise InvalidValue(f"clause {expected} is not a clause: {draft!r}")
        if draft.number != expected:
            raise ClausesOutOfOrder(
                f"clause {expected} is numbered {draft.number}; number clauses 1, 2, 3…"
            )
        if not isinstance(draft.kind, ClauseKind):
            raise InvalidValue(f"clause {expected} has an unknown kind {draft.kind!r}")
        if draft.action is not None:
            if not isinstance(draft.action, ActionRequest):
                raise InvalidValue(f"clause {expected} has a malformed action")
            check_date(draft.action.due_date, f"clause {expected} due date")
            for what, value in (
                ("owner", draft.action.owner),
                ("due meeting", draft.action.due_meeting),
            ):
                if value is not None:
                    check_text(value, f"clause {expected} {what}", limit=limits.BODY)
            if draft.kind.asks_for_nothing:
                raise NothingAsked(
                    f"clause {expected} is '{draft.kind.value}' and asks nobody to do anything"
                )
        if draft.action is None and draft.kind.asks_for_action:
            raise ActionRequired(
                f"clause {expected} is '{draft.kind.value}', which asks somebody to do "
                "something: give it an action (an empty one will do: {})"
            )
        text = check_text(draft.text, f"clause {expected} text", limit=limits.CLAUSE_TEXT)
        label = _check_label(draft.label, expected)
        checked.append(ClauseDraft(draft.number, text, draft.kind, draft.action, label))
    return checked


def _check_label(label: str | None, number: int) -> str | None:
    """A label is printed on one line beside its clause; kept as the minutes print it."""
    label = optional_text(label, f"clause {number} label", limit=limits.CLAUSE_LABEL)
    if label is not None and any(c in label for c in "\t\r\n"):
        raise InvalidValue(f"clause {number} label must be on one line")
    return label


def clause_from(draft: ClauseDraft) -> Clause:
    """A proposed clause; its action waits on the decision."""
    action = None
    if draft.action is not None:
        action = Action(
            status=ActionStatus.PENDING,
            owner=draft.action.owner,
            due_date=draft.action.due_date,
            due_meeting=draft.action.due_meeting,
        )
    return Clause(draft.number, draft.text, draft.kind, action, label=draft.label)


def check_not_before_request(action: Action, number: int, effective_date: date) -> None:
    """A report back (or completion) cannot predate the request it answers."""
    asked_on = action.report_back_requested_on or action.requested_on
    if asked_on is not None and effective_date < asked_on:
        raise ReportBackBeforeRequest(
            f"clause {number} was asked for on {asked_on.isoformat()}; it cannot be "
            f"closed on {effective_date.isoformat()}"
        )
