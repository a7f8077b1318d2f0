"""What the cards, actions and meetings packages share: the version check that keeps two
processors from silently overwriting each other, template helpers, and the linkable cards."""

from datetime import datetime

from flask import g, request
from flask_login import current_user
from sqlalchemy import update
from wtforms import HiddenField
from wtforms.validators import DataRequired, ValidationError

from common.dutch import clock, long_date
from webapp import access
from webapp.extensions import db
from webapp.forms import DATE_HINT
from webapp.labels import action_status_label, meeting_kind_label
from webapp.models import SignalCard, utcnow
from webapp.publication import PublicationBlocked

# What through_gate returns when the publication gate refused a text.
BLOCKED = object()

BROKEN_FORM = "Dit formulier is ongeldig. Laad de pagina opnieuw."
STALE_MESSAGE = (
    "Iemand anders heeft dit intussen gewijzigd. Je tekst staat hieronder nog: vergelijk met "
    "de huidige versie en sla opnieuw op als je die wilt vervangen."
)


def version_of(item) -> str:
    """The version a form was opened on: the moment of the last save, to the microsecond."""
    return item.updated_at.isoformat()


def _parse_version(value: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _valid_version(form, field) -> None:
    if _parse_version(field.data) is None:
        raise ValidationError(BROKEN_FORM)


def version_field() -> HiddenField:
    return HiddenField("Versie", validators=[DataRequired(BROKEN_FORM), _valid_version])


def claim_version(item, version: str) -> bool:
    """Mark `item` as saved now, unless someone saved it after `version` was read.

    One conditional UPDATE: of two saves that opened the same version, the second finds no row
    to update (PostgreSQL makes it wait for the first and then re-checks), so it is refused
    instead of overwriting the first.
    """
    expected = _parse_version(version)
    if expected is None:
        return False
    model = type(item)
    moment = utcnow()
    result = db.session.execute(
        update(model)
        .where(model.id == item.id, model.updated_at == expected)
        .values(updated_at=moment)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(item)
        return False
    item.updated_at = moment
    return True


def template_helpers() -> dict:
    """For the three blueprints' templates (a blueprint context processor); `manages` says
    whether the user creates and edits what this blueprint shows (see access.manages)."""
    return {
        "manages": access.manages(current_user, g.get("municipality"), request.blueprint),
        "action_status_label": action_status_label,
        "meeting_kind_label": meeting_kind_label,
        "clock": clock,
        "day": long_date,
        "date_hint": DATE_HINT,
    }


def linkable_cards() -> list[SignalCard]:
    """The cards the current user may link to an action or put on a meeting's agenda."""
    query = access.visible_cards(current_user, g.municipality)
    return db.session.scalars(query.order_by(SignalCard.title, SignalCard.id)).all()


def through_gate(form, save):
    """What `save()` returns; BLOCKED when the publication gate refused a text: the session is
    rolled back and the flagged texts are marked on `form` for its review step."""
    try:
        return save()
    except PublicationBlocked as blocked:
        db.session.rollback()
        form.blocked(blocked.flagged)
        return BLOCKED
