"""Actions with an owner and a deadline, overdue ones visible to processors, and a referral
that names the organisation (issue 21)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.signals.helpers import error_for, parse, text
from webapp.extensions import db
from webapp.models import Action, Signal, SignalStatus, StatusChange
from webapp.public.snapshot import collect


def _action(town, **overrides) -> dict:
    data = {
        "title": "Tweede inloopmoment budgethulp",
        "description": "Elke donderdag kan je zonder afspraak langskomen.",
        "organisation": str(town.partner.id),
        "owner_service": "Dienst Welzijn",
        "due_on": "2026-03-01",
        "status": "ongoing",
        "is_public": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_an_action_keeps_its_owner_and_deadline_and_shows_them_publicly(app, client, login, town):
    login(town.processor)

    response = client.post(town.url("acties/nieuw"), data=_action(town))

    assert response.status_code == 303
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert (action.owner_service, action.due_on) == ("Dienst Welzijn", date(2026, 3, 1))
        assert action.owner == "OCMW Kortrijk en Dienst Welzijn"
        from datetime import UTC, datetime

        from webapp.models import Municipality

        snapshot = collect(db.session.get(Municipality, town.municipality.id), datetime.now(UTC))
        [public] = snapshot["actions"]
        assert public["owner_service"] == "Dienst Welzijn"
        assert public["due_on"] == "2026-03-01"
        db.session.remove()


def test_a_wrong_deadline_is_refused_in_dutch_and_kept(app, client, login, town):
    login(town.processor)

    response = client.post(town.url("acties/nieuw"), data=_action(town, due_on="31-02-2026"))

    assert response.status_code == 400
    assert error_for(parse(response), "due_on")
    assert "Dienst Welzijn" in text(response)


def _overdue_world(app, make, town):
    late = make.action(town.municipality, title="Te laat", public=True)
    done = make.action(town.municipality, title="Klaar maar ooit te laat")
    future = make.action(town.municipality, title="Nog op tijd")
    with app.app_context():
        past = date.today() - timedelta(days=10)
        for ref, due, status in (
            (late, past, "ongoing"),
            (done, past, "done"),
            (future, date.today() + timedelta(days=10), "planned"),
        ):
            action = db.session.get(Action, ref.id)
            action.due_on, action.status = due, status
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("who", ["head", "processor"])
def test_overdue_actions_show_to_processors(app, client, login, make, town, who):
    _overdue_world(app, make, town)
    login(getattr(town, who))

    inbox = text(client.get(town.url("verwerken")))
    listing = client.get(town.url("acties?deadline=over-tijd"))

    assert "1 actie is over tijd" in inbox
    assert "1 actie is over tijd" in text(client.get(town.url("acties")))
    assert "Te laat" in text(listing)
    assert "Klaar maar ooit te laat" not in text(listing) and "Nog op tijd" not in text(listing)
    assert "(over tijd)" in text(listing)


def test_givers_see_no_overdue_notice(app, client, login, make, town):
    _overdue_world(app, make, town)
    login(town.giver)
    assert "over tijd</a>" not in text(client.get(town.url("acties")))


@pytest.fixture
def signal(make, town):
    return make.signal(town.municipality, town.giver, title="Niemand helpt met de huurwaarborg")


def _referral(app, signal_id):
    with app.app_context():
        signal = db.session.get(Signal, signal_id)
        found = (
            signal.status,
            signal.referral.organisation.name if signal.referral else None,
            [c.note for c in signal.history if c.note],
        )
        db.session.remove()
        return found


def test_referring_names_the_organisation(app, client, login, town, signal):
    login(town.processor)
    url = town.url(f"verwerken/signalen/{signal.id}/status")

    refused = client.post(url, data={"status": "referred"})
    assert refused.status_code == 400
    assert "Kies de organisatie" in error_for(parse(refused), "doorverwezen-naar")
    assert _referral(app, signal.id) == ("submitted", None, [])

    assert (
        client.post(
            url, data={"status": "referred", "referred_to": str(town.organisation.id)}
        ).status_code
        == 303
    )
    assert _referral(app, signal.id) == (
        "referred",
        "CAW Kortrijk",
        ["Doorverwezen naar CAW Kortrijk."],
    )
    # Referred elsewhere: the history says so.
    client.post(url, data={"status": "referred", "referred_to": str(town.partner.id)})
    status, organisation, notes = _referral(app, signal.id)
    assert (status, organisation) == ("referred", "OCMW Kortrijk")
    assert notes[-1] == "Doorverwezen naar OCMW Kortrijk."

    login(town.giver)
    page = text(client.get(town.url(f"signalen/{signal.id}")))
    assert "doorverwezen naar OCMW Kortrijk" in page


def test_a_new_status_ends_the_referral(app, client, login, town, signal):
    login(town.processor)
    url = town.url(f"verwerken/signalen/{signal.id}/status")
    client.post(url, data={"status": "referred", "referred_to": str(town.organisation.id)})

    client.post(url, data={"status": "closed"})

    assert _referral(app, signal.id)[:2] == ("closed", None)
    with app.app_context():
        assert (
            db.session.scalar(select(StatusChange.to_status).order_by(StatusChange.id.desc()))
            == SignalStatus.CLOSED.value
        )
        db.session.remove()


def test_another_municipalitys_organisation_cannot_be_named(
    app, client, login, town, other_town, signal
):
    login(town.processor)
    response = client.post(
        town.url(f"verwerken/signalen/{signal.id}/status"),
        data={"status": "referred", "referred_to": str(other_town.organisation.id)},
    )
    assert response.status_code == 400
    assert _referral(app, signal.id)[:2] == ("submitted", None)
