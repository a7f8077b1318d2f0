"""The audit log of authentication: every success, failure, lock, reset and role change."""

import hashlib

from flask import has_request_context, request
from sqlalchemy import delete, func, or_

from webapp.extensions import db
from webapp.models import AuthEvent, OutboxMail, RecoveryCode, TwoFactor

SUCCESS = "login"
FAILURE = "login_failed"
THROTTLED = "login_throttled"
LOCKED = "locked"
RESET = "password_reset"
RESET_REQUESTED = "password_reset_requested"
ROLE = "role_granted"
LOGOUT = "logout"
SESSION_EXPIRED = "session_expired"
# New recovery codes, and a municipality's requirement of a second factor.
TWO_FACTOR = "two_factor"
TWO_FACTOR_ON = "two_factor_on"
TWO_FACTOR_OFF = "two_factor_off"
TWO_FACTOR_FAILED = "two_factor_failed"
RECOVERY_CODE_USED = "recovery_code_used"


def record(kind: str, email: str, user=None, detail: str = "") -> AuthEvent:
    """Add an event to the session; the caller commits it with the change it describes.

    An address that belongs to no account (a typo, someone else's address, an erased person's)
    is kept only as a digest: enough to see repeated attempts, nothing to read back.
    """
    if user is None:
        email = "onbekend:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:24]
    event = AuthEvent(
        kind=kind,
        email=email[:254],
        user_id=user.id if user is not None else None,
        address=request.remote_addr if has_request_context() else None,
        detail=detail[:200],
    )
    db.session.add(event)
    return event


def forget_person(user, email: str) -> None:
    """Right to erasure: the person's authentication events, mail and second factor go."""
    lowered = email.lower()
    for statement in (
        delete(AuthEvent).where(
            or_(AuthEvent.user_id == user.id, func.lower(AuthEvent.email) == lowered)
        ),
        delete(OutboxMail).where(func.lower(OutboxMail.recipient) == lowered),
        delete(RecoveryCode).where(RecoveryCode.user_id == user.id),
        delete(TwoFactor).where(TwoFactor.user_id == user.id),
    ):
        db.session.execute(statement.execution_options(synchronize_session=False))
