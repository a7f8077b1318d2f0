"""The iCalendar feed of a municipality's public meetings (built by common/ical.py)."""

from datetime import timedelta

from common.ical import CalendarEvent, build_calendar
from webapp.labels import meeting_kind_label
from webapp.links import external_url
from webapp.models import Meeting, Municipality, utcnow

# Calendars need what is coming and a little of what was: a year back keeps the feed small.
HISTORY = timedelta(days=365)


def feed_since():
    return utcnow() - HISTORY


def calendar_of(municipality: Municipality, meetings: list[Meeting]) -> bytes:
    """An iCalendar document with one event per public meeting."""
    events = [
        CalendarEvent(
            meeting_id=meeting.id,
            title=meeting.title,
            kind_label=meeting_kind_label(meeting.kind),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            updated_at=meeting.updated_at,
            place=meeting.place or "",
            description=meeting.description or "",
            url=external_url(
                "meetings.show_meeting", gemeente=municipality.slug, meeting_id=meeting.id
            ),
        )
        for meeting in meetings
    ]
    return build_calendar(municipality.name, events, prodid="-//Lokaal Signaal//Agenda//NL")
