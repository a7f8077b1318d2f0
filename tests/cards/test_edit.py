"""Editing a card: every field, and never silently over someone else's save."""

import threading

import pytest

from tests.cards.helpers import audit_actions, card_row, theme_ids, touch_card
from tests.conftest import PASSWORD
from tests.signals.helpers import checked_values, error_for, field_value, parse, text
from webapp.models import Role


@pytest.fixture
def signals(make, town):
    return [
        make.signal(town.municipality, town.giver, title="Eerste signaal"),
        make.signal(town.municipality, town.colleague, title="Tweede signaal"),
    ]


@pytest.fixture
def card(make, town, signals):
    return make.card(town.municipality, title="Oude titel", signals=(signals[0],))


def _form(client, town, card) -> dict:
    doc = parse(client.get(town.url(f"fiches/{card.id}/bewerken")))
    return {
        "title": field_value(doc, "title"),
        "summary": field_value(doc, "summary"),
        "public_status": "exploring",
        "signalen": sorted(checked_values(doc, "signalen")),
        "themes": sorted(checked_values(doc, "themes")),
        "version": field_value(doc, "version"),
    }


def test_the_edit_form_holds_the_card(client, login, town, card, signals):
    login(town.head)

    doc = parse(client.get(town.url(f"fiches/{card.id}/bewerken")))

    assert field_value(doc, "title") == "Oude titel"
    assert field_value(doc, "summary") == "Verschillende signalen over **lange wachtlijsten**."
    assert checked_values(doc, "signalen") == {str(signals[0].id)}
    assert field_value(doc, "version")


def test_a_processor_edits_every_field(app, client, login, town, card, signals):
    login(town.processor)
    data = _form(client, town, card)
    data.update(
        title="Nieuwe titel",
        summary="Nieuwe *samenvatting*",
        public_status="in_action",
        themes=[str(t) for t in theme_ids(app, town, "wonen")],
        signalen=[str(signals[0].id)],
        add_references=signals[1].reference,
    )

    response = client.post(town.url(f"fiches/{card.id}/bewerken"), data=data)

    assert response.status_code == 303
    row = card_row(app, card.id)
    assert row["title"] == "Nieuwe titel"
    assert row["summary"] == "Nieuwe *samenvatting*"
    assert row["public_status"] == "in_action"
    assert row["themes"] == ["wonen"]
    assert row["signals"] == sorted(s.id for s in signals)
    assert audit_actions(app)[-1] == ("card.update", "signal_card", town.processor.id)
    assert "De signaalfiche is opgeslagen." in text(client.get(response.headers["Location"]))


def test_unticking_a_signal_unlinks_it(app, client, login, town, card):
    login(town.head)
    data = _form(client, town, card)
    data["signalen"] = []

    assert client.post(town.url(f"fiches/{card.id}/bewerken"), data=data).status_code == 303
    assert card_row(app, card.id)["signals"] == []


def test_a_stale_save_is_refused_and_keeps_the_typed_text(app, client, login, town, card):
    login(town.head)
    data = _form(client, town, card)
    # A colleague saves the card while this form is open.
    touch_card(app, card.id, title="Titel van een collega")
    data.update(title="Mijn titel", summary="Mijn lange tekst die ik niet wil verliezen")

    response = client.post(town.url(f"fiches/{card.id}/bewerken"), data=data)

    assert response.status_code == 409
    doc = parse(response)
    assert "Iemand anders heeft dit intussen gewijzigd." in doc.by_id("conflict").text()
    assert "Titel van een collega" in doc.by_id("conflict").text()
    # What differs is marked: the colleague's words struck through, one's own underlined.
    box = doc.by_id("conflict")
    assert "weggehaald: Titel van een collega" in [n.text() for n in box.find_all("del")]
    assert "toegevoegd: Mijn titel" in [n.text() for n in box.find_all("ins")]
    assert field_value(doc, "title") == "Mijn titel"
    assert field_value(doc, "summary") == "Mijn lange tekst die ik niet wil verliezen"
    assert card_row(app, card.id)["title"] == "Titel van een collega"
    assert not [a for a in audit_actions(app) if a[0] == "card.update"]

    # Saving again, having seen the other version, replaces it knowingly.
    data["version"] = field_value(doc, "version")
    again = client.post(town.url(f"fiches/{card.id}/bewerken"), data=data)
    assert again.status_code == 303
    assert card_row(app, card.id)["title"] == "Mijn titel"


def test_two_saves_from_the_same_version_do_not_both_pass(app, client, login, make, town, card):
    login(town.head)
    first = _form(client, town, card)
    second = dict(first)
    first["title"] = "Eerst opgeslagen"
    second["title"] = "Tweede poging"

    assert client.post(town.url(f"fiches/{card.id}/bewerken"), data=first).status_code == 303
    assert client.post(town.url(f"fiches/{card.id}/bewerken"), data=second).status_code == 409
    assert card_row(app, card.id)["title"] == "Eerst opgeslagen"


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_saves_of_one_version_let_exactly_one_through(
    app, client, login, town, card, attempt
):
    login(town.head)
    opened = _form(client, town, card)
    clients = [app.test_client() for _ in range(3)]
    for other in clients:
        other.post("/login", data={"email": town.head.email, "password": PASSWORD})
    barrier = threading.Barrier(len(clients))
    statuses = {}

    def save(number, other):
        data = dict(opened, title=f"Versie van collega {number}")
        barrier.wait()
        statuses[number] = other.post(town.url(f"fiches/{card.id}/bewerken"), data=data)

    threads = [threading.Thread(target=save, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(r.status_code for r in statuses.values())
    assert codes == [303, 409, 409]
    [winner] = [n for n, r in statuses.items() if r.status_code == 303]
    assert card_row(app, card.id)["title"] == f"Versie van collega {winner}"


def test_a_broken_version_is_refused(app, client, login, town, card):
    login(town.head)
    data = _form(client, town, card)

    for version in ("", "gisteren", "2026-01-01T10:00:00"):
        data["version"] = version
        response = client.post(town.url(f"fiches/{card.id}/bewerken"), data=data)
        assert response.status_code == 400, version
        assert "Dit formulier is ongeldig." in text(response)
    assert card_row(app, card.id)["title"] == "Oude titel"


def test_edit_keeps_signals_outside_the_editors_scope(app, client, login, make, town, signals):
    make.agreement(town.municipality, town.partner, grants=("cards",))
    org_processor = make.user(Role.ORG_PROCESSOR, town.municipality, organisation=town.partner)
    card = make.card(town.municipality, signals=tuple(signals))
    login(org_processor)

    doc = parse(client.get(town.url(f"fiches/{card.id}/bewerken")))
    # Only the colleague's signal (the partner's staff) is theirs to tick.
    assert checked_values(doc, "signalen") == {str(signals[1].id)}
    assert "1 signaal dat jij niet verwerkt" in doc.text()
    data = _form(client, town, card)
    data["signalen"] = []
    data["title"] = "Door de partner bewerkt"

    assert client.post(town.url(f"fiches/{card.id}/bewerken"), data=data).status_code == 303
    assert card_row(app, card.id)["signals"] == [signals[0].id]


def test_edit_validation_keeps_the_text(app, client, login, town, card):
    login(town.head)
    data = _form(client, town, card)
    data.update(title="ab", summary="x" * 10_001)

    response = client.post(town.url(f"fiches/{card.id}/bewerken"), data=data)

    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "title") == "Een titel heeft tussen 5 en 200 tekens."
    assert error_for(doc, "summary") == "Een samenvatting heeft hoogstens 10.000 tekens."
    assert field_value(doc, "title") == "ab"
    assert card_row(app, card.id)["title"] == "Oude titel"


def test_givers_and_aldermen_get_403_on_the_edit_page(client, login, make, town):
    card = make.card(town.municipality, published=True)
    for person in (town.giver, town.alderman):
        login(person)
        assert client.get(town.url(f"fiches/{card.id}/bewerken")).status_code == 403
        assert client.post(town.url(f"fiches/{card.id}/bewerken"), data={}).status_code == 403
        client.post("/logout")


def test_another_municipalitys_processor_cannot_edit(client, login, make, town, other_town):
    card = make.card(town.municipality, published=True)
    login(other_town.head)

    assert client.get(town.url(f"fiches/{card.id}/bewerken")).status_code == 404
    assert client.get(other_town.url(f"fiches/{card.id}/bewerken")).status_code == 404
