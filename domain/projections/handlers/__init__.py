"""How each event changes the read models: one handler per event class, in a module
per kind of record; each event also writes its line in the audit log (routing.py)."""

from domain.projections.handlers import committees, councils, meetings, resolutions
from domain.projections.handlers.routing import ROUTES, apply_event

__all__ = ["ROUTES", "apply_event", "committees", "councils", "meetings", "resolutions"]
