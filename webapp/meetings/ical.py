"""The iCalendar feed of a municipality's public meetings."""

from datetime import UTC, timedelta

from icalendar import Calendar, Event

from webapp.auth.services import external_url
from webapp.cards.editing import meeting_kind_label
from webapp.models import Meeting, Municipality, utcnow

# Calendars need what is coming and a little of what was: a year back keeps the feed small.
HISTORY = timedelta(days=365)


def feed_since():
    return utcnow() - HISTORY


def uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, whatever changes in it."""
    return f"meeting-{meeting.id}@lokaalsignaal.be"


def build_calendar(municipality: Municipality, meetings: list[Meeting]) -> bytes:
    """An iCalendar document (RFC 5545) with one event per meeting, times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lokaal Signaal//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Lokaal Signaal {municipality.name}")
    for meeting in meetings:
        event = Event()
        event.add("uid", uid(meeting))
        event.add("dtstamp", meeting.updated_at.astimezone(UTC))
        event.add("last-modified", meeting.updated_at.astimezone(UTC))
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        if meeting.ends_at is not None:
            event.add("dtend", meeting.ends_at.astimezone(UTC))
        event.add("summary", meeting.title)
        if meeting.place:
            event.add("location", meeting.place)
        description = meeting_kind_label(meeting.kind)
        if meeting.description:
            description += "\n\n" + meeting.description
        event.add("description", description)
        event.add(
            "url",
            external_url(
                "meetings.show_meeting", gemeente=municipality.slug, meeting_id=meeting.id
            ),
        )
        event.add("categories", [meeting_kind_label(meeting.kind)])
        calendar.add_component(event)
    return calendar.to_ical()
