"""Actions: made and edited by processors, public ones read by every member, with progress."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.cards.helpers import audit_actions
from tests.signals.helpers import HTMX, error_for, field_value, parse, redirect_path, text
from webapp.extensions import db
from webapp.models import Action, ActionUpdate, Role


def action_row(app, action_id: int) -> dict:
    with app.app_context():
        action = db.session.get(Action, action_id)
        row = {
            "title": action.title,
            "description": action.description,
            "organisation_id": action.organisation_id,
            "status": action.status,
            "is_public": action.is_public,
            "cards": sorted(c.id for c in action.cards),
            "updates": [(u.happened_on, u.body, u.author_id) for u in action.updates],
        }
        db.session.remove()
        return row


def action_ids(app) -> list[int]:
    with app.app_context():
        ids = list(db.session.scalars(select(Action.id).order_by(Action.id)))
        db.session.remove()
        return ids


def _data(town, **overrides) -> dict:
    data = {
        "title": "Wekelijks inloopmoment budgethulp",
        "description": "Elke dinsdag kan je zonder afspraak langskomen.",
        "organisation": str(town.partner.id),
        "status": "ongoing",
        "is_public": "y",
        "cards": [],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def public_action(make, town):
    return make.action(town.municipality, title="Openbare actie", public=True)


@pytest.fixture
def internal_action(make, town):
    return make.action(town.municipality, title="Interne actie")


def test_a_processor_makes_an_action_linked_to_cards(app, client, login, make, town):
    card = make.card(town.municipality, title="Fiche budgethulp")
    login(town.head)

    response = client.post(town.url("acties/nieuw"), data=_data(town, cards=[str(card.id)]))

    assert response.status_code == 303
    [action_id] = action_ids(app)
    assert redirect_path(response) == town.url(f"acties/{action_id}")
    row = action_row(app, action_id)
    assert row["title"] == "Wekelijks inloopmoment budgethulp"
    assert row["organisation_id"] == town.partner.id
    assert row["status"] == "ongoing"
    assert row["is_public"] is True
    assert row["cards"] == [card.id]
    assert audit_actions(app) == [("action.create", "action", town.head.id)]
    page = text(client.get(response.headers["Location"]))
    assert "De actie is gemaakt." in page
    assert "OCMW Kortrijk" in page
    assert "Fiche budgethulp" in page


def test_the_card_page_link_ticks_its_card(client, login, make, town):
    card = make.card(town.municipality, title="Fiche budgethulp")
    login(town.processor)

    doc = parse(client.get(town.url(f"acties/nieuw?fiche={card.id}")))

    assert doc.find("input", name="cards", value=str(card.id)).attrs.get("checked") is not None


def test_action_validation_keeps_the_text(app, client, login, make, town, other_town):
    foreign = other_town.organisation
    login(town.head)

    response = client.post(
        town.url("acties/nieuw"),
        data=_data(
            town, title="", description="Mijn tekst", organisation=str(foreign.id), status="x"
        ),
    )

    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "title") == "Geef de actie een titel."
    assert error_for(doc, "organisation") == "Kies een organisatie uit de lijst."
    assert error_for(doc, "status") == "Kies een status uit de lijst."
    assert field_value(doc, "description") == "Mijn tekst"
    assert action_ids(app) == []
    response = client.post(town.url("acties/nieuw"), data=_data(town, organisation="abc"))
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in text(response)


def test_an_action_without_organisation(app, client, login, town):
    login(town.head)

    response = client.post(town.url("acties/nieuw"), data=_data(town, organisation=""))

    assert response.status_code == 303
    [action_id] = action_ids(app)
    assert action_row(app, action_id)["organisation_id"] is None


def test_editing_an_action(app, client, login, make, town, internal_action):
    card = make.card(town.municipality)
    login(town.processor)
    doc = parse(client.get(town.url(f"acties/{internal_action.id}/bewerken")))
    assert field_value(doc, "title") == "Interne actie"

    response = client.post(
        town.url(f"acties/{internal_action.id}/bewerken"),
        data=_data(
            town,
            title="Interne actie, nu openbaar",
            status="done",
            cards=[str(card.id)],
            version=field_value(doc, "version"),
        ),
    )

    assert response.status_code == 303
    row = action_row(app, internal_action.id)
    assert row["title"] == "Interne actie, nu openbaar"
    assert row["status"] == "done"
    assert row["is_public"] is True
    assert row["cards"] == [card.id]
    assert audit_actions(app)[-1] == ("action.update", "action", town.processor.id)


def test_a_stale_action_save_is_refused(app, client, login, town, internal_action):
    login(town.head)
    doc = parse(client.get(town.url(f"acties/{internal_action.id}/bewerken")))
    version = field_value(doc, "version")
    first = _data(town, title="Eerste versie", version=version)
    second = _data(town, title="Tweede versie", description="Mijn lange tekst", version=version)

    assert (
        client.post(town.url(f"acties/{internal_action.id}/bewerken"), data=first).status_code
        == 303
    )
    response = client.post(town.url(f"acties/{internal_action.id}/bewerken"), data=second)

    assert response.status_code == 409
    doc = parse(response)
    assert "Iemand anders heeft dit intussen gewijzigd." in doc.by_id("conflict").text()
    assert field_value(doc, "description") == "Mijn lange tekst"
    assert action_row(app, internal_action.id)["title"] == "Eerste versie"


def test_progress_updates_are_dated_and_audited(app, client, login, town, public_action):
    login(town.head)

    response = client.post(
        town.url(f"acties/{public_action.id}/voortgang"),
        data={"happened_on": "2026-02-10", "body": "Eerste inloopmoment: twaalf bezoekers."},
    )

    assert response.status_code == 303
    assert action_row(app, public_action.id)["updates"] == [
        (date(2026, 2, 10), "Eerste inloopmoment: twaalf bezoekers.", town.head.id)
    ]
    assert audit_actions(app) == [("action.progress", "action", town.head.id)]
    client.post("/logout")
    login(town.giver)
    page = text(client.get(town.url(f"acties/{public_action.id}")))
    assert "10 februari 2026" in page
    assert "Eerste inloopmoment: twaalf bezoekers." in page
    assert "Voortgang melden" not in page


def test_progress_update_with_htmx_swaps_its_block(app, client, login, town, public_action):
    login(town.processor)

    response = client.post(
        town.url(f"acties/{public_action.id}/voortgang"),
        data={"happened_on": "2026-02-11", "body": "Tweede moment."},
        headers=HTMX,
    )

    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<section id="voortgang"')
    assert "De voortgang is toegevoegd." in html
    assert "11 februari 2026" in html


def test_a_bad_progress_update_is_refused(app, client, login, town, public_action):
    login(town.head)

    response = client.post(
        town.url(f"acties/{public_action.id}/voortgang"),
        data={"happened_on": "10 februari", "body": "Mijn bericht"},
    )
    empty = client.post(
        town.url(f"acties/{public_action.id}/voortgang"),
        data={"happened_on": "2026-02-10", "body": "  "},
        headers=HTMX,
    )

    assert response.status_code == 400
    doc = parse(response)
    assert error_for(doc, "happened_on") == "Vul een datum in zoals 15-03-2026."
    assert field_value(doc, "body") == "Mijn bericht"
    assert empty.status_code == 400
    assert "Schrijf wat er gebeurd is." in text(empty)
    with client.application.app_context():
        assert db.session.scalars(select(ActionUpdate)).all() == []


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_members_read_public_actions_only(client, login, town, public_action, internal_action, who):
    login(getattr(town, who))

    assert client.get(town.url(f"acties/{public_action.id}")).status_code == 200
    assert client.get(town.url(f"acties/{internal_action.id}")).status_code == 404
    listing = text(client.get(town.url("acties")))
    assert "Openbare actie" in listing
    assert "Interne actie" not in listing


def test_processors_see_and_filter_internal_actions(
    client, login, town, public_action, internal_action
):
    login(town.head)

    def titles(query: str) -> list[str]:
        return sorted(
            h.text() for h in parse(client.get(town.url(f"acties{query}"))).find_all("h3")
        )

    assert titles("") == ["Interne actie", "Openbare actie"]
    assert titles("?visibility=intern") == ["Interne actie"]
    assert titles("?visibility=openbaar") == ["Openbare actie"]
    assert titles("?status=planned") == ["Interne actie", "Openbare actie"]
    assert titles("?status=done") == []
    assert client.get(town.url("acties?status=bezig")).status_code == 400


def test_givers_get_403_on_action_forms(client, login, town, public_action):
    login(town.giver)

    assert client.get(town.url("acties/nieuw")).status_code == 403
    assert client.post(town.url("acties/nieuw"), data=_data(town)).status_code == 403
    assert client.get(town.url(f"acties/{public_action.id}/bewerken")).status_code == 403
    response = client.post(
        town.url(f"acties/{public_action.id}/voortgang"),
        data={"happened_on": "2026-02-10", "body": "x"},
    )
    assert response.status_code == 403


def test_actions_of_another_municipality_answer_404(
    client, login, make, town, other_town, public_action
):
    login(other_town.head)

    assert client.get(town.url(f"acties/{public_action.id}")).status_code == 404
    assert client.get(other_town.url(f"acties/{public_action.id}")).status_code == 404
    assert client.get(other_town.url(f"acties/{public_action.id}/bewerken")).status_code == 404
    assert client.get(other_town.url("acties/2147483648")).status_code == 404


def test_an_action_page_shows_only_published_cards_to_members(app, client, login, make, town):
    from webapp.models import SignalCard

    action = make.action(town.municipality, public=True)
    draft = make.card(town.municipality, title="Ontwerpfiche")
    published = make.card(town.municipality, title="Publieke fiche", published=True)
    with app.app_context():
        row = db.session.get(Action, action.id)
        row.cards = [db.session.get(SignalCard, c.id) for c in (draft, published)]
        db.session.commit()
        db.session.remove()
    login(make.user(Role.GIVER, town.municipality))

    page = text(client.get(town.url(f"acties/{action.id}")))

    assert "Publieke fiche" in page
    assert "Ontwerpfiche" not in page
