"""Meetings: planned by processors in Brussels time, stored in UTC, read by members."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.cards.helpers import audit_actions
from tests.signals.helpers import error_for, field_value, parse, redirect_path, text
from webapp.extensions import db
from webapp.models import Meeting, MeetingInvitation, MeetingKind


def meeting_row(app, meeting_id: int) -> dict:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        row = {
            "kind": meeting.kind,
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "place": meeting.place,
            "description": meeting.description,
            "is_public": meeting.is_public,
            "cards": sorted(c.id for c in meeting.cards),
            "signals": sorted(s.id for s in meeting.signals),
        }
        db.session.remove()
        return row


def meeting_ids(app) -> list[int]:
    with app.app_context():
        ids = list(db.session.scalars(select(Meeting.id).order_by(Meeting.id)))
        db.session.remove()
        return ids


def _data(**overrides) -> dict:
    data = {
        "kind": "signaaldag",
        "title": "Signaaldag wonen",
        "day": "2026-03-15",
        "starts": "14:00",
        "ends": "16:30",
        "place": "Stadhuis Kortrijk, Grote Markt 54",
        "description": "Een namiddag over betaalbaar wonen.",
        "is_public": "y",
        "cards": [],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_processor_plans_a_meeting_in_brussels_time(app, client, login, make, town):
    card = make.card(town.municipality, title="Fiche wonen")
    login(town.head)

    response = client.post(town.url("agenda/nieuw"), data=_data(cards=[str(card.id)]))

    assert response.status_code == 303
    [meeting_id] = meeting_ids(app)
    assert redirect_path(response) == town.url(f"agenda/{meeting_id}")
    row = meeting_row(app, meeting_id)
    # 15 March is winter time (UTC+1); stored as UTC.
    assert row["starts_at"] == datetime(2026, 3, 15, 13, 0, tzinfo=UTC)
    assert row["ends_at"] == datetime(2026, 3, 15, 15, 30, tzinfo=UTC)
    assert row["kind"] == "signaaldag"
    assert row["is_public"] is True
    assert row["cards"] == [card.id]
    assert audit_actions(app) == [("meeting.create", "meeting", town.head.id)]
    page = text(client.get(response.headers["Location"]))
    assert "15 maart 2026 om 14:00 tot 16:30" in page
    assert "Signaaldag" in page
    assert "Fiche wonen" in page


def test_a_date_typed_as_people_in_flanders_write_it_is_understood(app, client, login, town):
    login(town.head)

    response = client.post(town.url("agenda/nieuw"), data=_data(day="15-03-2026"))

    assert response.status_code == 303
    [meeting_id] = meeting_ids(app)
    assert meeting_row(app, meeting_id)["starts_at"] == datetime(2026, 3, 15, 13, 0, tzinfo=UTC)
    form = parse(client.get(town.url(f"agenda/{meeting_id}/bewerken")))
    assert form.find("input", name="day").attrs["value"] == "2026-03-15"  # what a date input needs
    assert "typ ze zoals 15-03-2026" in form.text()


def test_summer_time_is_two_hours_ahead_of_utc(app, client, login, town):
    login(town.head)

    client.post(
        town.url("agenda/nieuw"), data=_data(day="2026-07-01", starts="09:30", ends="12:00")
    )

    [meeting_id] = meeting_ids(app)
    assert meeting_row(app, meeting_id)["starts_at"] == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)


def test_meeting_validation_keeps_the_text(app, client, login, town):
    login(town.head)

    response = client.post(
        town.url("agenda/nieuw"),
        data=_data(kind="feest", day="31/02/2026", starts="25:00", ends="", title="Een titel"),
    )

    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "kind") == "Kies een soort uit de lijst."
    assert error_for(doc, "day") == "Vul een datum in zoals 15-03-2026."
    assert error_for(doc, "starts") == "Vul een uur in zoals 14:00."
    assert error_for(doc, "ends") == "Vul het einduur in."
    assert field_value(doc, "title") == "Een titel"
    assert field_value(doc, "day") == "31/02/2026"
    assert meeting_ids(app) == []

    response = client.post(town.url("agenda/nieuw"), data=_data(starts="16:00", ends="15:00"))
    assert response.status_code == 400
    assert error_for(parse(response), "ends") == "Het einde ligt na het begin, op dezelfde dag."


def test_editing_a_meeting_and_refusing_a_stale_save(app, client, login, make, town):
    meeting = make.meeting(town.municipality, title="Overleg jeugd")
    login(town.processor)
    doc = parse(client.get(town.url(f"agenda/{meeting.id}/bewerken")))
    assert field_value(doc, "title") == "Overleg jeugd"
    version = field_value(doc, "version")

    response = client.post(
        town.url(f"agenda/{meeting.id}/bewerken"),
        data=_data(kind="werksessie", title="Werksessie jeugd", version=version),
    )
    stale = client.post(
        town.url(f"agenda/{meeting.id}/bewerken"),
        data=_data(title="Te laat", description="Mijn tekst", version=version),
    )

    assert response.status_code == 303
    row = meeting_row(app, meeting.id)
    assert row["title"] == "Werksessie jeugd"
    assert row["kind"] == "werksessie"
    assert stale.status_code == 409
    assert field_value(parse(stale), "description") == "Mijn tekst"
    assert meeting_row(app, meeting.id)["title"] == "Werksessie jeugd"
    assert audit_actions(app) == [("meeting.update", "meeting", town.processor.id)]


def test_the_agenda_splits_upcoming_and_past(client, login, make, town):
    make.meeting(town.municipality, title="Straks", days_ahead=3, public=True)
    make.meeting(town.municipality, title="Volgende maand", days_ahead=30, public=True)
    make.meeting(town.municipality, title="Vorige week", days_ahead=-7, public=True)
    make.meeting(town.municipality, title="Intern overleg", days_ahead=5)
    login(town.giver)

    doc = parse(client.get(town.url("agenda")))

    upcoming = doc.find("section", **{"aria-labelledby": "komend-titel"})
    past = doc.find("section", **{"aria-labelledby": "voorbij-titel"})
    assert [h.text() for h in upcoming.find_all("h3")] == ["Straks", "Volgende maand"]
    assert [h.text() for h in past.find_all("h3")] == ["Vorige week"]
    assert "Intern overleg" not in doc.text()


def test_processors_see_internal_meetings_and_filter_by_kind(client, login, make, town):
    make.meeting(town.municipality, title="Intern overleg", days_ahead=5)
    make.meeting(town.municipality, title="Signaaldag", days_ahead=9, kind=MeetingKind.SIGNAL_DAY)
    login(town.head)

    assert "Intern overleg" in text(client.get(town.url("agenda")))
    titles = [
        h.text() for h in parse(client.get(town.url("agenda?kind=signaaldag"))).find_all("h3")
    ]
    assert titles == ["Signaaldag"]
    assert client.get(town.url("agenda?kind=feest")).status_code == 400


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_members_read_public_meetings_only(client, login, make, town, who):
    public = make.meeting(town.municipality, title="Openbaar", public=True)
    internal = make.meeting(town.municipality, title="Intern")
    login(getattr(town, who))

    assert client.get(town.url(f"agenda/{public.id}")).status_code == 200
    assert client.get(town.url(f"agenda/{internal.id}")).status_code == 404
    assert client.get(town.url("agenda/nieuw")).status_code == 403
    assert client.get(town.url(f"agenda/{public.id}/bewerken")).status_code == 403


def test_an_invited_member_finds_the_internal_meeting_on_the_agenda(app, client, login, make, town):
    invited = make.meeting(town.municipality, title="Werksessie met uitnodiging")
    make.meeting(town.municipality, title="Intern overleg")
    with app.app_context():
        db.session.add(MeetingInvitation(meeting_id=invited.id, user_id=town.giver.id))
        db.session.commit()
    login(town.giver)

    agenda = text(client.get(town.url("agenda")))
    assert "Werksessie met uitnodiging" in agenda
    assert "Intern overleg" not in agenda
    assert client.get(town.url(f"agenda/{invited.id}")).status_code == 200
    assert (
        client.get(town.url(f"agenda/{invited.id}"), headers={"HX-Request": "true"}).status_code
        == 200
    )


def test_meetings_of_another_municipality_answer_404(client, login, make, town, other_town):
    meeting = make.meeting(town.municipality, public=True)
    login(other_town.head)

    assert client.get(town.url(f"agenda/{meeting.id}")).status_code == 404
    assert client.get(other_town.url(f"agenda/{meeting.id}")).status_code == 404
    assert client.get(other_town.url(f"agenda/{meeting.id}/bewerken")).status_code == 404
