"""The audit log of authentication: every success, failure, lock, reset and role change."""

from flask import has_request_context, request

from webapp.extensions import db
from webapp.models import AuthEvent

SUCCESS = "login"
FAILURE = "login_failed"
THROTTLED = "login_throttled"
LOCKED = "locked"
RESET = "password_reset"
ROLE = "role_granted"
LOGOUT = "logout"
TWO_FACTOR = "two_factor"


def record(kind: str, email: str, user=None, detail: str = "") -> AuthEvent:
    """Add an event to the session; the caller commits it with the change it describes."""
    event = AuthEvent(
        kind=kind,
        email=email[:254],
        user_id=user.id if user is not None else None,
        address=request.remote_addr if has_request_context() else None,
        detail=detail[:200],
    )
    db.session.add(event)
    return event
