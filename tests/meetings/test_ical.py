"""The public iCalendar feed: exactly the municipality's public meetings, in UTC."""

from datetime import UTC, datetime

from icalendar import Calendar

from tests.signals.helpers import text
from webapp.extensions import db
from webapp.models import Meeting, MeetingKind


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.get_data())
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_exactly_the_public_meetings(client, make, town, other_town):
    make.meeting(town.municipality, title="Openbaar overleg", public=True)
    make.meeting(
        town.municipality,
        title="Voorbije signaaldag",
        public=True,
        days_ahead=-20,
        kind=MeetingKind.SIGNAL_DAY,
    )
    make.meeting(town.municipality, title="Interne werksessie")
    make.meeting(other_town.municipality, title="Overleg in Gent", public=True)

    response = client.get(town.url("agenda.ics"))

    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert sorted(_events(response)) == ["Openbaar overleg", "Voorbije signaaldag"]
    assert "Interne werksessie" not in text(response)
    assert "Overleg in Gent" not in text(response)


def test_events_carry_utc_times_place_description_url_and_a_stable_uid(app, client, make, town):
    meeting = make.meeting(town.municipality, title="Netwerkbijeenkomst", public=True)
    with app.app_context():
        row = db.session.get(Meeting, meeting.id)
        row.starts_at = datetime(2026, 3, 15, 13, 0, tzinfo=UTC)
        row.ends_at = datetime(2026, 3, 15, 15, 30, tzinfo=UTC)
        row.description = "Programma: <b>geen HTML</b>\nTweede regel"
        db.session.commit()
        db.session.remove()

    first = client.get(town.url("agenda.ics"))
    second = client.get(town.url("agenda.ics"))

    event = _events(first)["Netwerkbijeenkomst"]
    assert event.decoded("DTSTART") == datetime(2026, 3, 15, 13, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 3, 15, 15, 30, tzinfo=UTC)
    raw = text(first)
    assert "DTSTART:20260315T130000Z" in raw
    assert "DTEND:20260315T153000Z" in raw
    assert str(event["LOCATION"]) == "Stadhuis, zaal 1"
    assert "Programma: <b>geen HTML</b>\nTweede regel" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://localhost/kortrijk/agenda/{meeting.id}"
    assert str(event["UID"]) == f"meeting-{meeting.id}@lokaalsignaal.be"
    assert _events(second)["Netwerkbijeenkomst"]["UID"] == event["UID"]
    assert first.get_data() == second.get_data()


def test_anyone_may_read_the_feed(client, login, make, town):
    make.meeting(town.municipality, title="Openbaar overleg", public=True)
    assert client.get(town.url("agenda.ics")).status_code == 200
    login(town.giver)
    assert "Openbaar overleg" in text(client.get(town.url("agenda.ics")))


def test_meetings_long_past_drop_out_of_the_feed(client, make, town):
    make.meeting(town.municipality, title="Lang geleden", public=True, days_ahead=-400)
    make.meeting(town.municipality, title="Binnenkort", public=True, days_ahead=2)

    assert sorted(_events(client.get(town.url("agenda.ics")))) == ["Binnenkort"]


def test_an_empty_feed_is_a_valid_calendar(client, town):
    response = client.get(town.url("agenda.ics"))

    calendar = Calendar.from_ical(response.get_data())
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


def test_an_unknown_municipality_has_no_feed(client):
    assert client.get("/nergens/agenda.ics").status_code == 404


def test_the_feed_follows_a_meeting_becoming_internal(app, client, make, town):
    meeting = make.meeting(town.municipality, title="Eerst openbaar", public=True)
    assert "Eerst openbaar" in text(client.get(town.url("agenda.ics")))
    with app.app_context():
        db.session.get(Meeting, meeting.id).is_public = False
        db.session.commit()
        db.session.remove()

    assert "Eerst openbaar" not in text(client.get(town.url("agenda.ics")))


def test_one_meetings_calendar_file_holds_that_meeting(client, login, make, town):
    meeting = make.meeting(town.municipality, title="Signaaldag wonen", public=True)
    make.meeting(town.municipality, title="Ander overleg", public=True)
    login(town.giver)

    response = client.get(town.url(f"agenda/{meeting.id}.ics"))

    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert sorted(_events(response)) == ["Signaaldag wonen"]
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="overleg-{meeting.id}.ics"'
    )
