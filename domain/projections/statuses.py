"""Action statuses as the read models' SQL writes them: literals, not bound parameters,
so that a query naming the live actions matches the partial index of them (a planner
only uses that index when it can see the query asks for no more than it holds)."""

from __future__ import annotations

from collections.abc import Iterable

from domain.values import LIVE, ActionStatus


def in_list(statuses: Iterable[ActionStatus]) -> str:
    """The statuses as the inside of an SQL IN (...), in the order the enum declares them
    (so the same set always reads the same, as the index's own WHERE does)."""
    chosen = set(statuses)
    return ", ".join(f"'{status.value}'" for status in ActionStatus if status in chosen)


def literal(status: ActionStatus) -> str:
    return f"'{status.value}'"


LIVE_ACTIONS = in_list(LIVE)
