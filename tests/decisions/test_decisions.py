"""From signal to decision (issue 21): a card's priority and decisions, a meeting's minutes and
decisions, reaching the public read model only where they are public and clean."""

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from tests.signals.helpers import error_for, field_value, parse, text
from webapp.extensions import db
from webapp.models import Municipality, PolicyDecision, SignalCard
from webapp.public import guard as site_guard
from webapp.public.snapshot import collect

INSZ = "85.07.30-033.28"


def _decision(**overrides) -> dict:
    data = {
        "decided_on": "2026-11-20",
        "taken_by": "College van burgemeester en schepenen",
        "body": "Het college trekt extra budget uit voor een tweede inloopmoment.",
        "plan_goal": "Doelstelling 2.3: toegankelijke hulpverlening",
        "link": "https://www.kortrijk.be/besluiten/2026-11-20",
    }
    data.update(overrides)
    return data


def _snapshot(app, town) -> dict:
    with app.app_context():
        municipality = db.session.get(Municipality, town.municipality.id)
        now = datetime.now(UTC)
        snapshot = collect(municipality, now)
        site_guard.withhold_flagged(
            snapshot, municipality, now, site_guard.confirmations(municipality)
        )
        db.session.remove()
        return snapshot


def _decisions(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(
                PolicyDecision.card_id,
                PolicyDecision.meeting_id,
                PolicyDecision.decided_on,
                PolicyDecision.body,
            ).order_by(PolicyDecision.id)
        ).all()
        db.session.remove()
        return [tuple(r) for r in rows]


@pytest.fixture
def published(make, town):
    return make.card(town.municipality, title="Lange wachtlijst budgethulp", published=True)


@pytest.mark.parametrize("who", ["head", "processor"])
def test_a_decision_on_a_published_card_reaches_the_public_card(
    app, client, login, town, published, who
):
    login(getattr(town, who))

    response = client.post(town.url(f"fiches/{published.id}/beslissingen"), data=_decision())

    assert response.status_code == 303
    assert _decisions(app) == [(published.id, None, date(2026, 11, 20), _decision()["body"])]
    page = text(client.get(town.url(f"fiches/{published.id}")))
    assert "extra budget uit voor een tweede inloopmoment" in page
    assert "Doelstelling 2.3" in page
    [card] = _snapshot(app, town)["cards"]
    [decision] = card["decisions"]
    assert decision["body"] == _decision()["body"]
    assert decision["taken_by"] == "College van burgemeester en schepenen"
    assert decision["plan_goal"].startswith("Doelstelling 2.3")
    assert decision["link"] == "https://www.kortrijk.be/besluiten/2026-11-20"
    assert decision["date"] == "2026-11-20"


def test_a_double_submit_stores_one_decision(app, client, login, town, published):
    login(town.processor)
    for _ in range(2):
        assert (
            client.post(
                town.url(f"fiches/{published.id}/beslissingen"), data=_decision()
            ).status_code
            == 303
        )
    assert len(_decisions(app)) == 1


def test_a_draft_cards_decision_stays_inside(app, client, login, make, town):
    draft = make.card(town.municipality, title="Ontwerp over huisvesting")
    login(town.processor)

    client.post(town.url(f"fiches/{draft.id}/beslissingen"), data=_decision())

    assert len(_decisions(app)) == 1
    assert _snapshot(app, town)["cards"] == []


def test_a_refused_decision_keeps_what_was_typed(app, client, login, town, published):
    login(town.processor)

    response = client.post(
        town.url(f"fiches/{published.id}/beslissingen"),
        data=_decision(taken_by="", link="ftp://ergens", decided_on="31-02-2026"),
    )

    assert response.status_code == 400
    doc = parse(response)
    assert "Zeg wie de beslissing nam" in error_for(doc, "beslissing-orgaan")
    assert "https://" in error_for(doc, "beslissing-link")
    assert error_for(doc, "beslissing-datum")
    assert "tweede inloopmoment" in text(response)
    assert field_value(doc, "plan_goal") == _decision()["plan_goal"]
    assert _decisions(app) == []


def test_personal_data_in_a_public_decision_waits_for_the_head(app, client, login, town, published):
    data = _decision(body=f"Het gezin met rijksregisternummer {INSZ} krijgt voorrang.")
    login(town.processor)

    response = client.post(town.url(f"fiches/{published.id}/beslissingen"), data=data)

    assert response.status_code == 422
    assert "Kijk je tekst nog even na" in text(response)
    assert parse(response).find("input", name="confirm_personal_data") is None
    assert _decisions(app) == []

    login(town.head)
    first = client.post(town.url(f"fiches/{published.id}/beslissingen"), data=data)
    assert first.status_code == 422
    confirmed = {
        **data,
        # The page holds other reviewed forms: this one's fingerprint by its id.
        "reviewed_text": parse(first).by_id("beslissing-reviewed-text").attrs["value"],
        "confirm_personal_data": "y",
    }
    assert (
        client.post(town.url(f"fiches/{published.id}/beslissingen"), data=confirmed).status_code
        == 303
    )
    [card] = _snapshot(app, town)["cards"]
    assert [d["body"] for d in card["decisions"]] == [data["body"]]


def test_an_unconfirmed_flagged_decision_never_reaches_the_site(app, make, town, published):
    """Written straight to the database, past the gate: the site guard withholds the card."""
    with app.app_context():
        db.session.add(
            PolicyDecision(
                municipality_id=town.municipality.id,
                card_id=published.id,
                decided_on=date(2026, 11, 1),
                taken_by="Gemeenteraad",
                body=f"Voorrang voor {INSZ}.",
            )
        )
        db.session.commit()
        db.session.remove()
    snapshot = _snapshot(app, town)
    assert INSZ not in json.dumps(snapshot)
    assert snapshot["cards"] == []


def test_removing_a_decision_takes_it_off_the_card(app, client, login, town, published):
    login(town.processor)
    client.post(town.url(f"fiches/{published.id}/beslissingen"), data=_decision())
    with app.app_context():
        decision_id = db.session.scalar(select(PolicyDecision.id))
        db.session.remove()

    response = client.post(
        town.url(f"fiches/{published.id}/beslissingen/{decision_id}/verwijderen")
    )

    assert response.status_code == 303
    assert _decisions(app) == []
    [card] = _snapshot(app, town)["cards"]
    assert card["decisions"] == []


def test_a_decision_of_another_card_is_not_found(app, client, login, make, town, published):
    other = make.card(town.municipality, title="Andere fiche", published=True)
    login(town.processor)
    client.post(town.url(f"fiches/{other.id}/beslissingen"), data=_decision())
    with app.app_context():
        decision_id = db.session.scalar(select(PolicyDecision.id))
        db.session.remove()

    response = client.post(
        town.url(f"fiches/{published.id}/beslissingen/{decision_id}/verwijderen")
    )

    assert response.status_code == 404
    assert len(_decisions(app)) == 1


@pytest.mark.parametrize("who", ["giver", "alderman"])
def test_members_read_decisions_but_do_not_add_them(client, login, town, published, who):
    login(getattr(town, who))
    assert (
        client.post(town.url(f"fiches/{published.id}/beslissingen"), data=_decision()).status_code
        == 403
    )
    page = parse(client.get(town.url(f"fiches/{published.id}")))
    assert page.find("form", action=f"/{town.slug}/fiches/{published.id}/beslissingen") is None


def test_the_priority_is_kept_and_shown_publicly(app, client, login, town, published):
    login(town.processor)
    form = parse(client.get(town.url(f"fiches/{published.id}/bewerken")))
    data = {
        "title": "Lange wachtlijst budgethulp",
        "summary": "Wachttijden lopen op.",
        "public_status": "exploring",
        "priority": "hoog",
        "published": "y",
        "version": field_value(form, "version"),
    }

    assert client.post(town.url(f"fiches/{published.id}/bewerken"), data=data).status_code == 303

    with app.app_context():
        assert db.session.get(SignalCard, published.id).priority == "hoog"
        db.session.remove()
    assert "prioriteit: <strong>hoog</strong>" in text(
        client.get(town.url(f"fiches/{published.id}"))
    )
    [card] = _snapshot(app, town)["cards"]
    assert card["priority"] == "hoog"
    data["priority"] = "dringend"
    data["version"] = field_value(
        parse(client.get(town.url(f"fiches/{published.id}/bewerken"))), "version"
    )
    refused = client.post(town.url(f"fiches/{published.id}/bewerken"), data=data)
    assert refused.status_code == 400
    assert "Kies een prioriteit uit de lijst." in text(refused)


def _meeting_form(**overrides) -> dict:
    data = {
        "kind": "overleg",
        "title": "Netwerkoverleg armoede",
        "day": "2026-11-18",
        "starts": "14:00",
        "ends": "16:00",
        "place": "Stadhuis",
        "description": "Overleg over de wachtlijsten.",
        "is_public": "y",
        "minutes": "We bespraken de wachtlijsten en spraken een tweede inloopmoment af.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_minutes_and_decisions_of_a_meeting_are_public_only_when_chosen(
    app, client, login, town, published
):
    login(town.processor)
    created = client.post(town.url("agenda/nieuw"), data=_meeting_form())
    assert created.status_code == 303
    meeting_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    decision = _decision(card_id=str(published.id), body="Het overleg vraagt een tweede moment.")
    assert (
        client.post(town.url(f"agenda/{meeting_id}/beslissingen"), data=decision).status_code == 303
    )

    [meeting] = _snapshot(app, town)["meetings"]
    assert meeting["minutes"] == "" and meeting["decisions"] == []
    # A decision about a published card is public on that card all the same.
    [card] = _snapshot(app, town)["cards"]
    assert [d["body"] for d in card["decisions"]] == ["Het overleg vraagt een tweede moment."]

    form = parse(client.get(town.url(f"agenda/{meeting_id}/bewerken")))
    edited = _meeting_form(minutes_public="y", version=field_value(form, "version"))
    assert client.post(town.url(f"agenda/{meeting_id}/bewerken"), data=edited).status_code == 303

    [meeting] = _snapshot(app, town)["meetings"]
    assert meeting["minutes"].startswith("We bespraken de wachtlijsten")
    assert [d["body"] for d in meeting["decisions"]] == ["Het overleg vraagt een tweede moment."]
    page = text(client.get(town.url(f"agenda/{meeting_id}")))
    assert "We bespraken de wachtlijsten" in page and "Het overleg vraagt" in page


def test_internal_minutes_stay_with_the_processors(app, client, login, town):
    login(town.processor)
    created = client.post(town.url("agenda/nieuw"), data=_meeting_form())
    meeting_id = int(created.headers["Location"].rstrip("/").split("/")[-1])

    login(town.giver)
    page = text(client.get(town.url(f"agenda/{meeting_id}")))
    assert "We bespraken de wachtlijsten" not in page
    assert (
        client.post(town.url(f"agenda/{meeting_id}/beslissingen"), data=_decision()).status_code
        == 403
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PolicyDecision)) == 0
        db.session.remove()


def test_publishing_a_draft_reviews_its_decisions_and_the_head_confirms_them(
    app, client, login, make, town
):
    draft = make.card(town.municipality, title="Ontwerp over huisvesting")
    flagged = f"Voorrang voor het gezin met rijksregisternummer {INSZ}."
    login(town.processor)
    url = town.url(f"fiches/{draft.id}/beslissingen")
    reviewed = client.post(url, data=_decision(body=flagged))
    # On a draft the writer confirms it themselves: it is not public yet.
    fingerprint = parse(reviewed).by_id("beslissing-reviewed-text").attrs["value"]
    sure = {
        **_decision(body=flagged),
        "reviewed_text": fingerprint,
        "confirm_personal_data": "y",
    }
    assert client.post(url, data=sure).status_code == 303
    assert _snapshot(app, town)["cards"] == []
    login(town.head)
    form = parse(client.get(town.url(f"fiches/{draft.id}/bewerken")))
    data = {
        "title": "Ontwerp over huisvesting",
        "summary": "Wachttijden lopen op.",
        "public_status": "exploring",
        "published": "y",
        "version": field_value(form, "version"),
    }

    first = client.post(town.url(f"fiches/{draft.id}/bewerken"), data=data)

    assert first.status_code == 422
    assert "Kijk je tekst nog even na" in text(first)
    confirmed = {
        **data,
        "reviewed_text": field_value(parse(first), "reviewed_text"),
        "confirm_personal_data": "y",
        "version": field_value(parse(first), "version"),
    }
    assert client.post(town.url(f"fiches/{draft.id}/bewerken"), data=confirmed).status_code == 303
    [card] = _snapshot(app, town)["cards"]
    assert [d["body"] for d in card["decisions"]] == [flagged]
