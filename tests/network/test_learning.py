"""The learning network: a processor in one municipality finds how another tackled the same
problem, with its outcome, and reads nothing that municipality did not publish."""

import pytest

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import Action, ActionUpdate, CardStatus, Meeting, Role, SignalCard


@pytest.fixture
def gent_cards(app, make, other_town):
    """Gent: a resolved published card with a public and a private action, a public and a
    private meeting; a draft card; an unrelated published card."""
    place = other_town.municipality
    tackled = make.card(place, title="Wachtlijsten kinderopvang voor werkzoekenden", published=True)
    draft = make.card(place, title="Kinderopvang: geheime ontwerpfiche", published=False)
    other = make.card(place, title="Huurwoningen te duur", published=True)
    public_action = make.action(place, title="Noodplaatsen in de kinderopvang", public=True)
    private_action = make.action(place, title="Interne werkgroep kinderopvang", public=False)
    public_meeting = make.meeting(place, title="Signaaldag kinderopvang", public=True)
    private_meeting = make.meeting(place, title="Besloten voorbereiding", public=False)
    with app.app_context():
        card = db.session.get(SignalCard, tackled.id)
        card.public_status = CardStatus.RESOLVED.value
        card.actions = [
            db.session.get(Action, public_action.id),
            db.session.get(Action, private_action.id),
        ]
        card.meetings = [
            db.session.get(Meeting, public_meeting.id),
            db.session.get(Meeting, private_meeting.id),
        ]
        db.session.add(
            ActionUpdate(
                action_id=public_action.id,
                happened_on=card.created_at.date(),
                body="Twintig noodplaatsen geopend.",
            )
        )
        db.session.commit()
    return {"tackled": tackled, "draft": draft, "other": other}


def test_a_processor_in_one_municipality_finds_how_another_tackled_it(
    client, login, town, other_town, gent_cards
):
    login(town.processor)
    page = text(client.get("/netwerk/praktijkvoorbeelden?q=kinderopvang"))
    assert "Wachtlijsten kinderopvang voor werkzoekenden" in page
    assert "Noodplaatsen in de kinderopvang" in page  # the public action and its outcome
    assert "opgelost" in page  # the outcome
    assert "geheime ontwerpfiche" not in page  # a draft never crosses
    assert "Interne werkgroep" not in page  # a private action neither
    assert "Huurwoningen" not in page  # the search narrows
    detail = text(client.get(f"/netwerk/praktijkvoorbeelden/{gent_cards['tackled'].id}"))
    assert "opgelost" in detail
    assert "Twintig noodplaatsen geopend." in detail
    assert "Signaaldag kinderopvang" in detail
    assert "Besloten voorbereiding" not in detail
    assert "Interne werkgroep" not in detail


def test_filters_by_municipality_and_outcome(client, login, town, other_town, gent_cards, make):
    make.card(town.municipality, title="Kinderopvang in Kortrijk", published=True)
    login(town.head)
    titles = lambda url: sorted(a.text() for a in parse(client.get(url)).find_all("h3"))  # noqa: E731
    assert titles("/netwerk/praktijkvoorbeelden?q=kinderopvang") == [
        "Kinderopvang in Kortrijk",
        "Wachtlijsten kinderopvang voor werkzoekenden",
    ]
    assert titles("/netwerk/praktijkvoorbeelden?q=kinderopvang&gemeente=gent") == [
        "Wachtlijsten kinderopvang voor werkzoekenden"
    ]
    assert titles("/netwerk/praktijkvoorbeelden?uitkomst=resolved") == [
        "Wachtlijsten kinderopvang voor werkzoekenden"
    ]
    # An unknown outcome is no filter, not an error.
    assert client.get("/netwerk/praktijkvoorbeelden?uitkomst=%00x").status_code == 200


def test_an_unpublished_card_is_not_found(client, login, town, gent_cards):
    login(town.head)
    assert client.get(f"/netwerk/praktijkvoorbeelden/{gent_cards['draft'].id}").status_code == 404


def test_htmx_answers_the_results_only(client, login, town, gent_cards):
    login(town.processor)
    response = client.get("/netwerk/praktijkvoorbeelden?q=huur", headers={"HX-Request": "true"})
    body = text(response)
    assert body.lstrip().startswith('<section id="voorbeelden"')
    assert "<h1" not in body
    assert "Huurwoningen te duur" in body


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_givers_and_aldermen_are_not_in_the_learning_network(client, login, town, gent_cards, who):
    login(getattr(town, who))
    assert client.get("/netwerk/praktijkvoorbeelden").status_code == 403


def test_the_network_role_reads_it_too(client, login, make, gent_cards):
    login(make.user(Role.NETWORK))
    assert "Huurwoningen te duur" in text(client.get("/netwerk/praktijkvoorbeelden"))


def test_the_decisions_on_a_published_card_are_part_of_the_example(
    app, client, login, town, other_town, gent_cards
):
    """How Gent tackled it includes what it decided; a decision on a draft card never crosses."""
    from datetime import date

    from webapp.models import PolicyDecision

    place = other_town.municipality
    with app.app_context():
        for card, body in (
            (gent_cards["tackled"], "Dertig extra plaatsen in het budget van 2027."),
            (gent_cards["draft"], "Geheime beslissing over de ontwerpfiche."),
        ):
            db.session.add(
                PolicyDecision(
                    municipality_id=place.id,
                    card_id=card.id,
                    decided_on=date(2026, 11, 20),
                    taken_by="College van burgemeester en schepenen",
                    body=body,
                    plan_goal="Elk kind een plaats",
                )
            )
        db.session.commit()
    login(town.processor)
    detail = text(client.get(f"/netwerk/praktijkvoorbeelden/{gent_cards['tackled'].id}"))
    assert "Dertig extra plaatsen in het budget van 2027." in detail
    assert "College van burgemeester en schepenen" in detail
    assert "Elk kind een plaats" in detail
    assert "Geheime beslissing" not in detail
    assert client.get(f"/netwerk/praktijkvoorbeelden/{gent_cards['draft'].id}").status_code == 404
