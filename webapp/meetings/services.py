"""Write operations on meetings and their agenda: they flush, the request commits."""

from datetime import datetime

from webapp import audit, publication
from webapp.decisions import meeting_full_texts
from webapp.extensions import db
from webapp.labels import meeting_kind_label
from webapp.models import Meeting, MeetingKind, Municipality, Signal, SignalCard, User


def create_meeting(
    municipality: Municipality,
    actor: User,
    *,
    kind: MeetingKind,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    description: str,
    is_public: bool,
    cards: list[SignalCard],
    signals: list[Signal],
    minutes: str = "",
    minutes_public: bool = False,
    confirm_findings: bool = False,
) -> Meeting:
    """A new meeting with these cards and signals on its agenda; a public one passes the
    publication gate (its minutes too, when they are public)."""
    texts = publication.meeting_texts(title, place, description)
    if minutes_public:
        texts.append(("minutes", "Verslag", minutes or ""))
    confirmed = publication.gate(
        "meeting", municipality, actor, None, texts, public=is_public, confirm=confirm_findings
    )
    meeting = Meeting(
        municipality_id=municipality.id,
        kind=kind.value,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        description=description,
        is_public=is_public,
        minutes=minutes or "",
        minutes_public=minutes_public,
        cards=cards,
        signals=signals,
    )
    db.session.add(meeting)
    db.session.flush()
    publication.confirm(municipality, actor, meeting, confirmed, [t for _, _, t in texts])
    audit.record(
        municipality,
        actor,
        "meeting.create",
        meeting,
        f"{meeting_kind_label(kind.value)} “{title}” gepland "
        f"({'openbaar' if is_public else 'intern'}).",
    )
    return meeting


def update_meeting(meeting: Meeting, actor: User, confirm_findings: bool = False, **fields) -> None:
    """Save every field of a meeting (the caller has checked the version); a public meeting
    passes the publication gate."""
    municipality = db.session.get(Municipality, meeting.municipality_id)
    texts = meeting_full_texts(meeting, **fields)
    public = fields.get("is_public", meeting.is_public)
    confirmed = publication.gate(
        "meeting", municipality, actor, meeting.id, texts, public=public, confirm=confirm_findings
    )
    kind = fields.pop("kind")
    meeting.kind = kind.value
    for name, value in fields.items():
        setattr(meeting, name, value)
    db.session.flush()
    publication.confirm(municipality, actor, meeting, confirmed, [t for _, _, t in texts])
    audit.record(
        municipality,
        actor,
        "meeting.update",
        meeting,
        f"{meeting_kind_label(kind.value)} “{meeting.title}” bewerkt.",
    )


def put_on_agenda(meeting: Meeting, actor: User, item: SignalCard | Signal) -> bool:
    """Put a card or a signal on the meeting's agenda; False when it was there already."""
    collection = meeting.cards if isinstance(item, SignalCard) else meeting.signals
    if item in collection:
        return False
    collection.append(item)
    db.session.flush()
    what = (
        f"signaalfiche “{item.title}”"
        if isinstance(item, SignalCard)
        else f"signaal {item.reference}"
    )
    audit.record(
        db.session.get(Municipality, meeting.municipality_id),
        actor,
        "meeting.agenda",
        meeting,
        f"{what.capitalize()} op de agenda van “{meeting.title}” gezet.",
    )
    return True
