"""What the cards, actions and meetings packages share: ids from input, page numbers, labels,
and the version check that keeps two processors from silently overwriting each other."""

from datetime import date, datetime

from flask import abort, g, request
from flask_login import current_user
from sqlalchemy import update
from wtforms import HiddenField
from wtforms.validators import DataRequired, ValidationError

from webapp import access
from webapp.extensions import db
from webapp.models import ActionStatus, MeetingKind, SignalCard, utcnow
from webapp.timefmt import MONTHS, local

MAX_ID = 2**31 - 1
# Larger ids are no row; SQLite could not even compare them (OverflowError, a 500).
CARD_ID = f"<int(max={MAX_ID}):card_id>"
ACTION_ID = f"<int(max={MAX_ID}):action_id>"
MEETING_ID = f"<int(max={MAX_ID}):meeting_id>"
PAGE_SIZE = 20
BROKEN_FORM = "Dit formulier is ongeldig. Laad de pagina opnieuw."
STALE_MESSAGE = (
    "Iemand anders heeft dit intussen gewijzigd. Je tekst staat hieronder nog: vergelijk met "
    "de huidige versie en sla opnieuw op als je die wilt vervangen."
)


def as_id(value: str) -> int | None:
    """A row id from user input, or None; "²" passes str.isdigit() and 2**70 overflows SQLite."""
    value = value.strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def ids_from(values: list[str]) -> list[int]:
    """Row ids from repeated request fields, in order and without repeats; 400 when malformed."""
    ids = []
    for value in values:
        number = as_id(value)
        if number is None:
            abort(400)
        if number not in ids:
            ids.append(number)
    return ids


def page_number() -> int:
    page = request.args.get("pagina", "1")
    if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= 100_000:
        abort(400)
    return int(page)


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


MEETING_KIND_LABELS = {
    MeetingKind.CONSULTATION: "Overleg",
    MeetingKind.SIGNAL_DAY: "Signaaldag",
    MeetingKind.NETWORK: "Netwerkbijeenkomst",
    MeetingKind.WORK_SESSION: "Werksessie",
}


def action_status_label(value: str) -> str:
    return ActionStatus(value).label


def meeting_kind_label(value: str) -> str:
    return MEETING_KIND_LABELS[MeetingKind(value)]


def clock(value: datetime | None) -> str:
    """The time of day in Brussels, such as 14:00."""
    return "" if value is None else f"{local(value):%H:%M}"


def day(value: date | None) -> str:
    """A calendar date in Dutch, such as 15 maart 2026."""
    return "" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def template_helpers() -> dict:
    """For the three blueprints' templates (a blueprint context processor); `manages` says
    whether the user creates and edits what this blueprint shows (see access.manages)."""
    return {
        "manages": access.manages(current_user, g.get("municipality"), request.blueprint),
        "action_status_label": action_status_label,
        "meeting_kind_label": meeting_kind_label,
        "clock": clock,
        "day": day,
    }


def linkable_cards() -> list[SignalCard]:
    """The cards the current user may link to an action or put on a meeting's agenda."""
    query = access.visible_cards(current_user, g.municipality)
    return db.session.scalars(query.order_by(SignalCard.title, SignalCard.id)).all()
