"""A head processor refers a card; the network bundles cards of several municipalities into a
supra-local file whose status and feedback reach the processors of each."""

import pytest

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import CardStatus, Role, SignalCard, SupralocalFile, SupralocalReferral


@pytest.fixture
def analyst(make):
    return make.user(Role.NETWORK, name="Nora Netwerk", email="nora@vvsg.example.org")


def refer(client, login, town, card, motivation="Dit vraagt een Vlaamse regeling voor iedereen."):
    login(town.head)
    response = client.post(
        town.url(f"fiches/{card.id}/bovenlokaal"), data={"motivation": motivation}
    )
    client.post("/logout")
    return response


def test_a_head_processor_refers_a_published_card(app, client, login, make, town):
    card = make.card(town.municipality, title="Wachtlijst budgetbeheer", published=True)
    response = refer(client, login, town, card)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/fiches/{card.id}")
    with app.app_context():
        stored = db.session.get(SignalCard, card.id)
        assert stored.public_status == CardStatus.REFERRED_SUPRALOCAL.value
        assert db.session.get(SupralocalReferral, card.id).motivation.startswith("Dit vraagt")
    login(town.alderman)
    page = text(client.get(town.url(f"fiches/{card.id}")))
    assert "bovenlokaal doorverwezen naar het netwerk" in page


def test_a_draft_cannot_be_referred_and_the_typed_text_stays(app, client, login, make, town):
    card = make.card(town.municipality, published=False)
    login(town.head)
    response = client.post(
        town.url(f"fiches/{card.id}/bovenlokaal"), data={"motivation": "Mijn lange uitleg hier."}
    )
    assert response.status_code == 400
    assert "Publiceer de fiche eerst" in text(response)
    assert "Mijn lange uitleg hier." in text(response)
    with app.app_context():
        assert db.session.get(SupralocalReferral, card.id) is None


def test_personal_data_in_the_motivation_is_refused(app, client, login, make, town):
    card = make.card(town.municipality, published=True)
    login(town.head)
    response = client.post(
        town.url(f"fiches/{card.id}/bovenlokaal"),
        data={"motivation": "Bel mevrouw op 0470 12 34 56 voor de details."},
    )
    assert response.status_code == 400
    assert "persoonsgegevens" in text(response)
    assert "0470 12 34 56" in text(response)  # kept in the field, not lost


@pytest.mark.parametrize("who", ["processor", "alderman", "giver"])
def test_only_the_head_processor_refers(client, login, make, town, who):
    card = make.card(town.municipality, published=True)
    login(getattr(town, who))
    assert client.get(town.url(f"fiches/{card.id}/bovenlokaal")).status_code == 403


def test_the_network_bundles_cards_of_two_municipalities_and_both_hear_of_it(
    app, client, login, make, town, other_town, analyst, outbox
):
    first = make.card(town.municipality, title="Budgetbeheer te laat", published=True)
    second = make.card(
        other_town.municipality, title="Budgetbegeleiding wachtlijst", published=True
    )
    unreferred = make.card(other_town.municipality, title="Gewone fiche", published=True)
    refer(client, login, town, first)
    refer(client, login, other_town, second)

    login(analyst)
    overview = parse(client.get("/netwerk"))
    waiting = overview.find("form", action="/netwerk/dossiers").text()
    assert "Budgetbeheer te laat (Kortrijk)" in waiting
    assert "Budgetbegeleiding wachtlijst (Gent)" in waiting
    assert "Gewone fiche" not in waiting
    token = overview.find("input", name="submission_token").attrs["value"]
    form = {
        "title": "Budgetbegeleiding in heel Vlaanderen",
        "summary": "Overal lange wachttijden.",
        "card_ids": [str(first.id), str(second.id)],
        "submission_token": token,
    }
    outbox.clear()
    response = client.post("/netwerk/dossiers", data=form)
    again = client.post("/netwerk/dossiers", data=form)  # a double click
    assert response.status_code == again.status_code == 303
    assert response.headers["Location"] == again.headers["Location"]
    with app.app_context():
        assert db.session.query(SupralocalFile).count() == 1
        file_id = db.session.query(SupralocalFile).one().id
    created_mail = {m["To"] for m in outbox}
    assert created_mail == {
        "hoofd@kortrijk.example.org",
        "verwerker@kortrijk.example.org",
        "hoofd@gent.example.org",
        "verwerker@gent.example.org",
    }

    outbox.clear()
    response = client.post(
        f"/netwerk/dossiers/{file_id}/status",
        data={"status": "raised", "message": "Besproken met het kabinet van de minister."},
    )
    assert response.status_code == 303
    assert {m["To"] for m in outbox} == created_mail
    assert all("Besproken met het kabinet" in m.get_content() for m in outbox)
    client.post("/logout")

    for place, card in ((town, first), (other_town, second)):
        login(place.head)
        section = parse(client.get(place.url(f"fiches/{card.id}"))).by_id("bovenlokaal").text()
        assert "Budgetbegeleiding in heel Vlaanderen" in section
        assert "Besproken met het kabinet van de minister." in section
        assert "aangekaart bij Vlaamse of federale overheid" in section
        client.post("/logout")
    unreferred_page = None
    login(other_town.head)
    unreferred_page = parse(client.get(other_town.url(f"fiches/{unreferred.id}")))
    assert "Besproken met het kabinet" not in unreferred_page.text()


def test_a_file_needs_a_referred_card(app, client, login, analyst):
    login(analyst)
    response = client.post("/netwerk/dossiers", data={"title": "Leeg", "submission_token": "x"})
    assert response.status_code == 303
    follow = client.get(response.headers["Location"])
    assert "Kies minstens één doorverwezen signaalfiche." in text(follow)
    with app.app_context():
        assert db.session.query(SupralocalFile).count() == 0


def test_the_network_searches_published_cards_of_every_municipality_referred_first(
    client, login, make, town, other_town, analyst
):
    make.card(town.municipality, title="Kinderopvang in Kortrijk", published=True)
    referred = make.card(other_town.municipality, title="Kinderopvang in Gent", published=True)
    make.card(other_town.municipality, title="Kinderopvang ontwerp", published=False)
    refer(client, login, other_town, referred)
    login(analyst)
    doc = parse(client.get("/netwerk/fiches?q=kinderopvang"))
    titles = [h.text() for h in doc.find_all("h3")]
    assert titles == ["Kinderopvang in Gent", "Kinderopvang in Kortrijk"]
    only_gent = parse(client.get("/netwerk/fiches?q=kinderopvang&gemeente=gent"))
    assert [h.text() for h in only_gent.find_all("h3")] == ["Kinderopvang in Gent"]
