"""The one iCalendar builder (RFC 5545): the app's agenda feed and the microsites' feed.

One UID per meeting, whichever feed it comes from, so that a calendar that subscribed to both
shows it once and follows its changes.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

# Written by hand rather than through the icalendar package's object model, which cost a tenth
# of each microsite's build; the tests read every feed back with that package.
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
_LINE_OCTETS = 75


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
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(f'Lokaal Signaal {name}')}",
    ]
    for item in events:
        description = item.kind_label
        if item.description:
            description += "\n\n" + item.description
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(item.meeting_id)}",
            f"DTSTAMP:{_utc(item.updated_at)}",
            f"LAST-MODIFIED:{_utc(item.updated_at)}",
            f"DTSTART:{_utc(item.starts_at)}",
        ]
        if item.ends_at is not None:
            lines.append(f"DTEND:{_utc(item.ends_at)}")
        lines.append(f"SUMMARY:{_text(item.title)}")
        if item.place:
            lines.append(f"LOCATION:{_text(item.place)}")
        lines.append(f"DESCRIPTION:{_text(description)}")
        if item.url:
            lines.append(f"URL:{_uri(item.url)}")
        lines += [f"CATEGORIES:{_text(item.kind_label)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines).encode()


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return value.replace("\r\n", "\n").translate(_TEXT_ESCAPES)


def _uri(value: str) -> str:
    """A URI value is not escaped; a line break has no place in one."""
    return "".join(character for character in value if character not in "\r\n")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _folded(line: str) -> str:
    """Content lines longer than 75 octets folded (RFC 5545 3.1), never inside a character."""
    if len(line.encode()) <= _LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, _LINE_OCTETS
    for character in line:
        width = len(character.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _LINE_OCTETS - 1  # a continuation starts with a space
        current.append(character)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
