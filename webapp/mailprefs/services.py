"""Unsubscribe tokens and what unsubscribing does; the services flush, the request commits."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update

from webapp import access
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import Membership, Signal, User

NONE = "none"
_SALT = "mail-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=_SALT)


def unsubscribe_url(address: str) -> str:
    """The signed link that stops the mail to this address; it works without logging in, so
    it names the address only (no account, no signal)."""
    token = _serializer().dumps(address.strip().lower())
    return external_url("mailprefs.unsubscribe", token=token)


def address_of(token: str) -> str | None:
    """The address a token was made for, or None for a token we did not sign."""
    if len(token) > 400:
        return None
    try:
        address = _serializer().loads(token)
    except BadSignature:
        return None
    return address if isinstance(address, str) else None


def unsubscribe(address: str) -> int:
    """Stop every mail about signals to this address: the accounts that use it hear nothing
    more about status changes, feedback or new signals (their choice reads "geen e-mails"),
    and an anonymous giver's contact address is taken off their signals. Mails a person asks
    for (a password reset, an invitation) still come. Returns how many records changed."""
    users = select(User.id).where(func.lower(User.email) == address)
    changed = db.session.execute(
        update(Membership)
        .where(Membership.user_id.in_(users))
        .values(status_mail=NONE)
        .execution_options(synchronize_session=False)
    ).rowcount
    changed += db.session.execute(
        update(Membership)
        .where(
            Membership.user_id.in_(users),
            Membership.role.in_(access.stored(access.PROCESSING_ROLES)),
        )
        .values(notify=NONE)
        .execution_options(synchronize_session=False)
    ).rowcount
    changed += db.session.execute(
        update(Signal)
        .where(Signal.submitted_by_id.is_(None), func.lower(Signal.contact_email) == address)
        .values(contact_email=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.flush()
    return changed
