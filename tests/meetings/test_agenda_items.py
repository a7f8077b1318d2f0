"""Putting cards and signals on a meeting's agenda, from the meeting or from a card."""

import pytest

from tests.cards.helpers import audit_actions
from tests.meetings.test_meetings import meeting_row
from tests.signals.helpers import HTMX, error_for, field_value, parse, redirect_path, text
from webapp.models import Role


@pytest.fixture
def meeting(make, town):
    return make.meeting(town.municipality, title="Eerstelijnsoverleg", public=True)


def test_a_card_goes_on_the_agenda(app, client, login, make, town, meeting):
    card = make.card(town.municipality, title="Fiche kinderopvang", published=True)
    login(town.head)

    response = client.post(
        town.url(f"agenda/{meeting.id}/agendapunten"), data={"card_id": str(card.id)}
    )

    assert response.status_code == 303
    assert redirect_path(response) == town.url(f"agenda/{meeting.id}")
    assert meeting_row(app, meeting.id)["cards"] == [card.id]
    assert audit_actions(app) == [("meeting.agenda", "meeting", town.head.id)]
    page = client.get(response.headers["Location"])
    assert "De signaalfiche staat nu op de agenda van “Eerstelijnsoverleg”." in text(page)
    assert parse(page).by_id("agenda").find("a").text() == "Fiche kinderopvang"


def test_twice_on_the_agenda_is_once(app, client, login, make, town, meeting):
    card = make.card(town.municipality)
    login(town.head)
    url = town.url(f"agenda/{meeting.id}/agendapunten")

    client.post(url, data={"card_id": str(card.id)})
    response = client.post(url, data={"card_id": str(card.id)})

    assert meeting_row(app, meeting.id)["cards"] == [card.id]
    assert "stond al op de agenda" in text(client.get(response.headers["Location"]))
    assert len(audit_actions(app)) == 1


def test_from_the_card_page_and_back(app, client, login, make, town, meeting):
    card = make.card(town.municipality, title="Fiche wonen", published=True)
    login(town.processor)
    card_page = parse(client.get(town.url(f"fiches/{card.id}")))
    form = card_page.find("form", action=town.url(f"agenda/{meeting.id}/agendapunten"))
    assert form is not None
    data = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}

    response = client.post(form.attrs["action"], data=data)

    assert response.status_code == 303
    assert redirect_path(response) == town.url(f"fiches/{card.id}")
    assert meeting_row(app, meeting.id)["cards"] == [card.id]
    page = parse(client.get(response.headers["Location"]))
    assert (
        "Eerstelijnsoverleg" in page.find("section", **{"aria-labelledby": "agenda-titel"}).text()
    )
    # Once on the agenda, the card page no longer offers that meeting.
    assert page.find("form", action=town.url(f"agenda/{meeting.id}/agendapunten")) is None


def test_a_signal_goes_on_the_agenda_by_reference(app, client, login, make, town, meeting):
    signal = make.signal(town.municipality, town.giver, title="Signaal voor het overleg")
    login(town.head)

    response = client.post(
        town.url(f"agenda/{meeting.id}/agendapunten"),
        data={"signal_reference": signal.reference.lower()},
        headers=HTMX,
    )

    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<section id="agenda"')
    assert "Het signaal staat nu op de agenda" in html
    assert "Signaal voor het overleg" in html
    assert meeting_row(app, meeting.id)["signals"] == [signal.id]


def test_a_signal_page_can_post_its_id(app, client, login, make, town, meeting):
    signal = make.signal(town.municipality, town.giver)
    login(town.head)

    response = client.post(
        town.url(f"agenda/{meeting.id}/agendapunten"),
        data={"signal_id": str(signal.id), "return_to": "signal"},
    )

    assert response.status_code == 303
    assert redirect_path(response) == town.url(f"signalen/{signal.id}")
    assert meeting_row(app, meeting.id)["signals"] == [signal.id]


def test_unknown_items_are_refused(app, client, login, make, town, other_town, meeting):
    elsewhere = make.signal(other_town.municipality, other_town.giver)
    foreign_card = make.card(other_town.municipality, published=True)
    login(town.head)
    url = town.url(f"agenda/{meeting.id}/agendapunten")

    unknown = client.post(url, data={"signal_reference": elsewhere.reference})
    assert unknown.status_code == 400
    doc = parse(unknown)
    assert error_for(doc, "signal_reference") == (
        "Geen signaal gevonden dat jij verwerkt met die referentie."
    )
    assert field_value(doc, "signal_reference") == elsewhere.reference

    nothing = client.post(url, data={})
    assert nothing.status_code == 400
    assert "Kies een signaalfiche of vul de referentie van een signaal in." in text(nothing)

    assert client.post(url, data={"card_id": str(foreign_card.id)}).status_code == 400
    assert client.post(url, data={"card_id": "abc"}).status_code == 400
    assert client.post(url, data={"signal_reference": "geen referentie"}).status_code == 400
    assert client.post(url, data={"signal_id": str(elsewhere.id)}).status_code == 404
    assert client.post(url, data={"signal_id": "2²"}).status_code == 400
    assert (
        client.post(url, data={"card_id": str(foreign_card.id), "return_to": "card"}).status_code
        == 400
    )
    row = meeting_row(app, meeting.id)
    assert (row["cards"], row["signals"]) == ([], [])


def test_signals_on_the_agenda_are_for_processors(app, client, login, make, town, meeting):
    signal = make.signal(town.municipality, town.giver, title="Alleen voor verwerkers")
    login(town.head)
    client.post(town.url(f"agenda/{meeting.id}/agendapunten"), data={"signal_id": str(signal.id)})
    client.post("/logout")

    for person in (town.giver, town.alderman):
        login(person)
        page = text(client.get(town.url(f"agenda/{meeting.id}")))
        assert "Alleen voor verwerkers" not in page
        assert "Op de agenda zetten" not in page
        client.post("/logout")


def test_givers_get_403_on_agenda_items(client, login, make, town, meeting):
    card = make.card(town.municipality, published=True)
    login(town.giver)

    response = client.post(
        town.url(f"agenda/{meeting.id}/agendapunten"), data={"card_id": str(card.id)}
    )

    assert response.status_code == 403


def test_an_organisation_processor_puts_only_own_staff_signals_on_the_agenda(
    app, client, login, make, town, meeting
):
    make.agreement(town.municipality, town.partner, grants=("meetings",))
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.partner)
    own_staff = make.signal(town.municipality, town.colleague)
    others = make.signal(town.municipality, town.giver)
    login(org_processor)
    url = town.url(f"agenda/{meeting.id}/agendapunten")

    assert client.post(url, data={"signal_reference": others.reference}).status_code == 400
    assert client.post(url, data={"signal_reference": own_staff.reference}).status_code == 303
    assert meeting_row(app, meeting.id)["signals"] == [own_staff.id]
