"""Forgotten passwords: one mail for a known address, nothing that tells addresses apart."""

from datetime import timedelta

import pytest

from tests.auth.helpers import link_path
from tests.conftest import PASSWORD
from webapp.auth.views import RESET_SENT
from webapp.extensions import db
from webapp.models import PasswordReset, Role, User, utcnow

NEW_PASSWORD = "mijn-nieuwe-wachtzin-2026"


@pytest.fixture
def place(make):
    return make.municipality(slug="proefstad", name="Proefstad")


@pytest.fixture
def giver(make, place):
    return make.user(Role.GIVER, place, name="Ann Proef", email="ann@proef.example")


def ask_link(client, email: str):
    return client.post("/wachtwoord-vergeten", data={"email": email})


def reset_link(client, outbox, email: str) -> str:
    assert ask_link(client, email).status_code == 303
    return link_path(outbox[-1])


def new_password(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post(path, data={"password": password, "confirm": confirm or password})


def can_log_in(app, email: str, password: str) -> bool:
    response = app.test_client().post("/login", data={"email": email, "password": password})
    return response.status_code == 303


def test_the_request_form(client):
    response = client.get("/wachtwoord-vergeten")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Wachtwoord vergeten</h1>" in html
    assert 'type="email"' in html
    assert "Stuur me een link" in html


def test_known_address_gets_one_mail_with_a_working_link(client, giver, outbox):
    response = ask_link(client, giver.email)
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    assert RESET_SENT in client.get("/login").get_data(as_text=True)

    [message] = outbox
    assert message.envelope_recipients == ["ann@proef.example"]
    assert message["To"] == "ann@proef.example"
    assert message["Subject"] == "Je wachtwoord voor Lokaal Signaal opnieuw instellen"
    body = message.get_content()
    assert body.startswith("Hallo Ann Proef,")
    assert "geldig gedurende 2 uur" in body
    path = link_path(message)
    assert path.startswith("/wachtwoord-herstellen/")

    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Kies een nieuw wachtwoord</h1>" in html
    assert 'autocomplete="new-password"' in html


def test_address_is_matched_regardless_of_case(client, giver, outbox):
    ask_link(client, "ANN@proef.EXAMPLE")
    assert [m.envelope_recipients for m in outbox] == [["ann@proef.example"]]


def test_unknown_address_gets_nothing_but_the_same_answer(client, app, make, place, outbox):
    known = make.user(Role.GIVER, place, email="bekend@proef.example")
    answer_known = ask_link(client, known.email)
    flash_known = client.get("/login").get_data(as_text=True)
    outbox.clear()

    answer_unknown = ask_link(client, "onbekend@proef.example")
    flash_unknown = client.get("/login").get_data(as_text=True)

    assert outbox == []
    assert answer_unknown.status_code == answer_known.status_code == 303
    assert answer_unknown.headers["Location"] == answer_known.headers["Location"] == "/login"
    assert RESET_SENT in flash_unknown
    assert RESET_SENT in flash_known
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(PasswordReset)) == 1


def test_inactive_account_gets_no_mail(client, app, giver, outbox):
    with app.app_context():
        db.session.get(User, giver.id).active = False
        db.session.commit()
    response = ask_link(client, giver.email)
    assert response.status_code == 303
    assert RESET_SENT in client.get("/login").get_data(as_text=True)
    assert outbox == []


def test_malformed_address_is_refused_in_dutch(client, outbox):
    response = ask_link(client, "geen-adres")
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.get_data(as_text=True)
    assert outbox == []


def test_the_link_sets_a_new_password(client, app, giver, outbox):
    path = reset_link(client, outbox, giver.email)
    response = new_password(client, path)
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    assert "Je nieuwe wachtwoord is ingesteld. Meld je ermee aan." in client.get("/login").get_data(
        as_text=True
    )
    assert not can_log_in(app, giver.email, PASSWORD)
    assert can_log_in(app, giver.email, NEW_PASSWORD)


def test_an_account_without_password_gets_one_through_the_link(client, app, make, place, outbox):
    """Accounts made on the command line without --password start here."""
    user = make.user(Role.PROCESSOR, place, email="zonder@proef.example", password="")
    assert not can_log_in(app, user.email, NEW_PASSWORD)
    path = reset_link(client, outbox, user.email)
    assert new_password(client, path).status_code == 303
    assert can_log_in(app, user.email, NEW_PASSWORD)


def test_the_link_works_once(client, app, giver, outbox):
    path = reset_link(client, outbox, giver.email)
    assert new_password(client, path).status_code == 303
    for response in (client.get(path), new_password(client, path, "nog-een-ander-wachtwoord")):
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert "Deze link werkt niet" in html
        assert "verlopen of al gebruikt" in html
        assert 'href="/wachtwoord-vergeten"' in html
    assert can_log_in(app, giver.email, NEW_PASSWORD)


def test_the_link_expires(client, app, giver, outbox):
    path = reset_link(client, outbox, giver.email)
    with app.app_context():
        reset = db.session.scalars(db.select(PasswordReset)).one()
        reset.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    for response in (client.get(path), new_password(client, path)):
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.get_data(as_text=True)
    assert can_log_in(app, giver.email, PASSWORD)


def test_the_link_is_valid_for_the_configured_hours(client, app, giver, outbox):
    before = utcnow()
    reset_link(client, outbox, giver.email)
    with app.app_context():
        reset = db.session.scalars(db.select(PasswordReset)).one()
        lifetime = reset.expires_at - before
    assert timedelta(hours=2) - timedelta(seconds=5) <= lifetime <= timedelta(hours=2, seconds=5)


def test_an_invented_link_does_not_work(client):
    response = client.get("/wachtwoord-herstellen/verzonnen")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.get_data(as_text=True)


def test_a_too_short_password_is_refused_in_dutch(client, app, giver, outbox):
    path = reset_link(client, outbox, giver.email)
    response = new_password(client, path, "elf-tekens!")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert (
        '<p class="error" id="password-error">'
        "Een wachtwoord heeft minstens 12 en hoogstens 128 tekens.</p>" in html
    )
    assert "Nog niet alles is in orde" in html
    assert can_log_in(app, giver.email, PASSWORD)
    # The link still works after a refused attempt.
    assert new_password(client, path).status_code == 303


def test_passwords_must_match(client, app, giver, outbox):
    path = reset_link(client, outbox, giver.email)
    response = new_password(client, path, NEW_PASSWORD, confirm="iets-helemaal-anders")
    assert response.status_code == 400
    assert "De twee wachtwoorden zijn niet gelijk." in response.get_data(as_text=True)
    assert can_log_in(app, giver.email, PASSWORD)


def test_each_request_gets_its_own_link(client, app, giver, outbox):
    first = reset_link(client, outbox, giver.email)
    second = reset_link(client, outbox, giver.email)
    assert first != second
    assert new_password(client, second).status_code == 303
    assert can_log_in(app, giver.email, NEW_PASSWORD)


def test_setting_a_password_spends_every_other_open_link(client, app, giver, outbox):
    first = reset_link(client, outbox, giver.email)
    second = reset_link(client, outbox, giver.email)
    assert new_password(client, second).status_code == 303
    response = new_password(client, first, "iemand-anders-zijn-wachtwoord")
    assert response.status_code == 404
    assert can_log_in(app, giver.email, NEW_PASSWORD)
