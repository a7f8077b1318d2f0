"""The hand-written iCalendar builder (common/ical.py), read back by the icalendar package."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from common.ical import CalendarEvent, build_calendar

HOSTILE = [
    "Signaaldag; over wonen, en meer",
    "Back\\slash\\n is geen regel",
    "Eerste regel\r\ntweede regel\nderde",
    "é" * 80,
    "x" * 73 + "€" + "ü" * 40,
    "Zaal \"De Kroon\": Markt 1",
    "",
]


def event(title: str, **changes) -> CalendarEvent:
    values = dict(
        meeting_id=7,
        title=title,
        kind_label="Signaaldag, werksessie",
        starts_at=datetime(2026, 12, 7, 16, 18, tzinfo=timezone(timedelta(hours=1))),
        ends_at=datetime(2026, 12, 7, 18, 0, tzinfo=UTC),
        updated_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        place=title,
        description=title,
        url="https://gent.example/agenda?a=1,2;3",
    )
    values.update(changes)
    return CalendarEvent(**values)


@pytest.mark.parametrize("text", HOSTILE)
def test_every_text_reads_back_as_written(text):
    document = build_calendar("Gent", [event(text)], prodid="-//Lokaal Signaal//Test//NL")
    calendar = Calendar.from_ical(document)
    [read] = calendar.walk("VEVENT")
    written = text.replace("\r\n", "\n")
    assert str(read["summary"]) == written
    assert str(read["description"]) == "Signaaldag, werksessie" + ("\n\n" + written if text else "")
    if text:
        assert str(read["location"]) == written
    else:
        assert "location" not in read
    assert str(read["url"]) == "https://gent.example/agenda?a=1,2;3"
    assert str(read["uid"]) == "meeting-7@lokaalsignaal.be"
    assert read["dtstart"].dt == datetime(2026, 12, 7, 15, 18, tzinfo=UTC)
    assert read["dtend"].dt == datetime(2026, 12, 7, 18, 0, tzinfo=UTC)
    assert str(calendar["x-wr-calname"]) == "Lokaal Signaal Gent"


@pytest.mark.parametrize("text", HOSTILE)
def test_lines_are_folded_within_75_octets_and_end_in_crlf(text):
    document = build_calendar("Gent", [event(text)], prodid="-//Lokaal Signaal//Test//NL")
    assert document.endswith(b"END:VCALENDAR\r\n")
    lines = document.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    for line in lines:
        line.decode()  # a fold never splits a character


def test_an_event_without_end_or_link():
    document = build_calendar(
        "Gent", [event("Overleg", ends_at=None, url=None)], prodid="-//Lokaal Signaal//Test//NL"
    )
    [read] = Calendar.from_ical(document).walk("VEVENT")
    assert "dtend" not in read and "url" not in read
