"""The one iCalendar builder (RFC 5545): the app's agenda feed and the microsites' feed.

One UID per meeting, whichever feed it comes from, so that a calendar that subscribed to both
shows it once and follows its changes.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    """A public meeting as a calendar needs it: plain values, times aware."""

    meeting_id: int
    title: str
    kind_label: str
    starts_at: datetime
    ends_at: datetime | None
    updated_at: datetime
    place: str = ""
    description: str = ""
    url: str | None = None


def uid(meeting_id: int) -> str:
    """Stable for the life of the meeting, whatever changes in it."""
    return f"meeting-{meeting_id}@lokaalsignaal.be"


def build_calendar(name: str, events: list[CalendarEvent], prodid: str) -> bytes:
    """An iCalendar document with one event per meeting, times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Lokaal Signaal {name}")
    for item in events:
        event = Event()
        event.add("uid", uid(item.meeting_id))
        event.add("dtstamp", item.updated_at.astimezone(UTC))
        event.add("last-modified", item.updated_at.astimezone(UTC))
        event.add("dtstart", item.starts_at.astimezone(UTC))
        if item.ends_at is not None:
            event.add("dtend", item.ends_at.astimezone(UTC))
        event.add("summary", item.title)
        if item.place:
            event.add("location", item.place)
        description = item.kind_label
        if item.description:
            description += "\n\n" + item.description
        event.add("description", description)
        if item.url:
            event.add("url", item.url)
        event.add("categories", [item.kind_label])
        calendar.add_component(event)
    return calendar.to_ical()
