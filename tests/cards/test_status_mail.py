"""A card's new status reaches everyone behind its signals: once each, never a signal's text."""

import re
from urllib.parse import urlsplit

import pytest

from tests.cards.helpers import audit_actions, card_row, follow, reinforce, supplement
from tests.signals.helpers import HTMX, parse, redirect_path, text
from webapp.models import Role

SIGNAL_TEXT = "Beschrijving die alleen leden mogen lezen"
LINK = re.compile(r"http://localhost(/\S+)")


@pytest.fixture
def people(make, town):
    """Who is behind the card's signals, in every way, and who is not."""
    follower = make.user(Role.GIVER, town.municipality, email="volger@kortrijk.example.org")
    supplementer = make.user(Role.GIVER, town.municipality, email="aanvuller@kortrijk.example.org")
    bystander = make.user(Role.GIVER, town.municipality, email="omstaander@kortrijk.example.org")
    return {"follower": follower, "supplementer": supplementer, "bystander": bystander}


@pytest.fixture
def card(app, make, town, other_town, people):
    first = make.signal(
        town.municipality, town.giver, title="Eerste signaaltitel", description=SIGNAL_TEXT
    )
    second = make.signal(
        town.municipality, town.colleague, title="Tweede signaaltitel", description=SIGNAL_TEXT
    )
    anonymous = make.signal(
        town.municipality, contact_email="anoniem@example.org", description=SIGNAL_TEXT
    )
    unrelated = make.signal(town.municipality, people["bystander"], description=SIGNAL_TEXT)
    # The giver of the first signal is involved in the second too (and in several ways).
    reinforce(app, second, town.giver, "Ik zie dit ook in mijn werk")
    follow(app, second, town.giver)
    reinforce(app, first, town.colleague)
    supplement(app, first, people["supplementer"], "Aanvulling met details")
    follow(app, first, people["follower"])
    follow(app, unrelated, town.processor)
    return make.card(
        town.municipality,
        title="Wachtlijsten in de kinderopvang",
        published=True,
        signals=(first, second, anonymous),
    )


def _expected(town, people) -> set[str]:
    return {
        town.giver.email,
        town.colleague.email,
        people["supplementer"].email,
        people["follower"].email,
        "anoniem@example.org",
    }


def _recipients(outbox) -> list[str]:
    return sorted(r for message in outbox for r in message.envelope_recipients)


def test_each_contributor_gets_one_mail_and_nobody_else(
    app, client, login, outbox, town, people, card
):
    login(town.head)

    response = client.post(
        town.url(f"fiches/{card.id}/status"),
        data={"public_status": "on_agenda", "message": "We bespreken dit op 12 maart."},
    )

    assert response.status_code == 303
    assert redirect_path(response) == town.url(f"fiches/{card.id}")
    assert card_row(app, card.id)["public_status"] == "on_agenda"
    assert _recipients(outbox) == sorted(_expected(town, people))
    for message in outbox:
        body = message.get_content()
        assert message["Subject"] == "Signaalfiche geagendeerd: Wachtlijsten in de kinderopvang"
        assert "Wachtlijsten in de kinderopvang" in body
        assert "geagendeerd" in body
        assert "We bespreken dit op 12 maart." in body
        for secret in (
            SIGNAL_TEXT,
            "signaaltitel",
            "Ik zie dit ook",
            "Aanvulling met details",
            "Gezinnen vinden geen plaats",
        ):
            assert secret not in body
    page = client.get(response.headers["Location"])
    assert "5 betrokken personen kregen een e-mail." in text(page)
    assert ("card.status", "signal_card", town.head.id) in audit_actions(app)


def test_account_holders_get_a_working_link_and_anonymous_submitters_none(
    app, client, login, outbox, town, people, card
):
    login(town.head)
    client.post(town.url(f"fiches/{card.id}/status"), data={"public_status": "resolved"})
    client.post("/logout")

    by_address = {m.envelope_recipients[0]: m.get_content() for m in outbox}
    assert LINK.search(by_address["anoniem@example.org"]) is None
    [path] = LINK.findall(by_address[town.giver.email])
    assert urlsplit(path).path == town.url(f"fiches/{card.id}")
    login(town.giver)
    page = client.get(path)
    assert page.status_code == 200
    assert "Wachtlijsten in de kinderopvang" in text(page)


def test_the_same_status_again_sends_nothing(client, login, outbox, town, card):
    login(town.head)

    response = client.post(
        town.url(f"fiches/{card.id}/status"), data={"public_status": "exploring"}
    )

    assert response.status_code == 303
    assert outbox == []
    assert "had de status “verkennen” al" in text(client.get(response.headers["Location"]))


def test_a_draft_status_change_reaches_nobody(app, client, login, outbox, make, town):
    signal = make.signal(town.municipality, town.giver)
    draft = make.card(town.municipality, signals=(signal,))
    login(town.head)

    response = client.post(
        town.url(f"fiches/{draft.id}/status"), data={"public_status": "in_action"}
    )

    assert response.status_code == 303
    assert card_row(app, draft.id)["public_status"] == "in_action"
    assert outbox == []
    assert "niemand kreeg een bericht" in text(client.get(response.headers["Location"]))


def test_creating_a_published_card_tells_the_contributors(app, client, login, outbox, make, town):
    signal = make.signal(town.municipality, town.giver, contact_email=None)
    login(town.head)

    response = client.post(
        town.url("fiches/nieuw"),
        data={
            "title": "Meteen gepubliceerd",
            "public_status": "exploring",
            "published": "y",
            "signalen": [str(signal.id)],
        },
    )

    assert response.status_code == 303
    [message] = outbox
    assert message.envelope_recipients == [town.giver.email]
    assert "nu gepubliceerd" in message.get_content()


def test_publishing_an_existing_draft_tells_the_contributors(
    app, client, login, outbox, make, town
):
    signal = make.signal(town.municipality, town.giver)
    draft = make.card(town.municipality, title="Nog een ontwerp", signals=(signal,))
    login(town.head)
    doc = parse(client.get(town.url(f"fiches/{draft.id}/bewerken")))
    version = doc.find("input", name="version").attrs["value"]

    response = client.post(
        town.url(f"fiches/{draft.id}/bewerken"),
        data={
            "title": "Nog een ontwerp",
            "summary": "",
            "public_status": "exploring",
            "published": "y",
            "signalen": [str(signal.id)],
            "version": version,
            "message": "Dank voor je signaal.",
        },
    )

    assert response.status_code == 303
    assert card_row(app, draft.id)["published"] is True
    assert card_row(app, draft.id)["published_at"] is not None
    [message] = outbox
    assert message.envelope_recipients == [town.giver.email]
    assert "Dank voor je signaal." in message.get_content()


def test_htmx_status_change_swaps_the_status_block(app, client, login, outbox, town, card):
    login(town.processor)

    response = client.post(
        town.url(f"fiches/{card.id}/status"), data={"public_status": "in_action"}, headers=HTMX
    )

    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<section id="status"')
    doc = parse(response)
    assert "in actie" in doc.find("h2").text()
    assert "De status is nu “in actie”. 5 betrokken personen kregen een e-mail." in doc.text()
    assert len(outbox) == 5


def test_a_bad_status_is_refused(app, client, login, outbox, town, card):
    login(town.head)

    response = client.post(town.url(f"fiches/{card.id}/status"), data={"public_status": "weg"})
    fragment = client.post(
        town.url(f"fiches/{card.id}/status"), data={"public_status": ""}, headers=HTMX
    )

    assert response.status_code == 400
    assert "Kies een status uit de lijst." in text(response)
    assert fragment.status_code == 400
    assert "Kies een status." in text(fragment)
    assert card_row(app, card.id)["public_status"] == "exploring"
    assert outbox == []


def test_givers_cannot_change_a_status(client, login, outbox, town, card):
    login(town.giver)

    response = client.post(town.url(f"fiches/{card.id}/status"), data={"public_status": "resolved"})

    assert response.status_code == 403
    assert outbox == []


def test_a_failing_address_does_not_stop_the_others(
    app, client, login, outbox, monkeypatch, town, people, card
):
    from datetime import timedelta

    from webapp import mail
    from webapp import outbox as mail_outbox
    from webapp.extensions import db
    from webapp.models import OutboxMail, utcnow

    real_transmit = mail.transmit

    def flaky_transmit(to, *args, **kwargs):
        if to == town.colleague.email:
            raise ConnectionRefusedError("mail server weg")
        return real_transmit(to, *args, **kwargs)

    monkeypatch.setattr(mail, "transmit", flaky_transmit)
    login(town.head)

    response = client.post(town.url(f"fiches/{card.id}/status"), data={"public_status": "resolved"})

    assert response.status_code == 303
    assert card_row(app, card.id)["public_status"] == "resolved"
    assert _recipients(outbox) == sorted(_expected(town, people) - {town.colleague.email})
    assert "5 betrokken personen kregen een e-mail." in text(
        client.get(response.headers["Location"])
    )
    # The failed one waits in the outbox and goes out on a later pass.
    monkeypatch.setattr(mail, "transmit", real_transmit)
    with app.app_context():
        [waiting] = db.session.scalars(
            db.select(OutboxMail).where(OutboxMail.sent_at.is_(None))
        ).all()
        assert waiting.recipient == town.colleague.email
        assert mail_outbox.deliver_due(now=utcnow() + timedelta(minutes=1)).sent == 1
    assert _recipients(outbox) == sorted(_expected(town, people))
