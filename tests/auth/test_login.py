"""Logging in and out: where people land, what a failure reveals, and sessions ending for real."""

import re

import pytest

from tests.auth.helpers import link_path
from tests.conftest import PASSWORD
from webapp.auth.views import LOGIN_FAILED
from webapp.extensions import db
from webapp.models import Membership, Municipality, Role, User

NEW_PASSWORD = "een-nieuw-lang-wachtwoord"


@pytest.fixture
def place(make):
    return make.municipality(slug="proefstad", name="Proefstad")


@pytest.fixture
def giver(make, place):
    return make.user(Role.GIVER, place, name="Ann Proef", email="ann@proef.example")


def set_active(app, user_ref, active: bool) -> None:
    with app.app_context():
        db.session.get(User, user_ref.id).active = active
        db.session.commit()


def copy_session(client, app):
    """A second browser holding a copy of this browser's session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    other = app.test_client()
    other.set_cookie("session", cookie.value)
    return other


def test_login_page_is_a_plain_form(client):
    response = client.get("/login")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Aanmelden</h1>" in html
    assert 'autocomplete="current-password"' in html
    assert 'href="/wachtwoord-vergeten"' in html


def test_login_lands_on_the_only_municipality(client, giver, login):
    response = login(giver)
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"
    page = client.get("/proefstad/")
    html = page.get_data(as_text=True)
    assert "Welkom, Ann Proef." in html
    assert "Afmelden" in html
    assert 'href="/proefstad/signalen"' in html


def test_login_with_two_municipalities_lands_on_the_start_page(client, make, app, giver):
    other = make.municipality(slug="tweede-dorp")
    with app.app_context():
        # With consent to the current privacy statement (without, the login asks for it).
        db.session.add(
            Membership(
                user_id=giver.id,
                municipality_id=other.id,
                role=Role.GIVER,
                privacy_consent_version=db.session.get(Municipality, other.id).privacy_version,
            )
        )
        db.session.commit()
    response = client.post("/login", data={"email": giver.email, "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_login_is_case_insensitive_in_the_address(client, giver):
    response = client.post("/login", data={"email": "ANN@Proef.Example", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"


def test_login_honours_a_safe_next(client, giver):
    response = client.post(
        "/login",
        query_string={"next": "/proefstad/signalen?status=submitted"},
        data={"email": giver.email, "password": PASSWORD},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/signalen?status=submitted"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/proefstad/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        " //evil.example",
        "javascript:alert(1)",
        "proefstad/signalen",
    ],
)
def test_login_refuses_a_next_elsewhere(client, giver, target):
    response = client.post(
        "/login", query_string={"next": target}, data={"email": giver.email, "password": PASSWORD}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"


def test_login_page_for_a_protected_page_carries_next(client, place, giver):
    response = client.get("/proefstad/signalen")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/proefstad/signalen"
    response = client.post(
        response.headers["Location"], data={"email": giver.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/proefstad/signalen"
    assert client.get("/proefstad/signalen").status_code == 200


def without_token(html: str) -> str:
    return re.sub(r"data-hx-headers='[^']*'", "", html)


def failed_login(client, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    return response.status_code, response.get_data(as_text=True)


def test_wrong_password_and_unknown_address_look_the_same(client, app, make, place, giver):
    wrong_password = failed_login(client, giver.email, "niet-het-wachtwoord")
    unknown = failed_login(client, "niemand@proef.example", "niet-het-wachtwoord")
    inactive = make.user(Role.GIVER, place, email="weg@proef.example")
    set_active(app, inactive, False)
    deactivated = failed_login(client, inactive.email, PASSWORD)
    without_password = make.user(Role.GIVER, place, email="leeg@proef.example", password="")
    no_password = failed_login(client, without_password.email, "eender-welk-wachtwoord")

    statuses = {wrong_password[0], unknown[0], deactivated[0], no_password[0]}
    assert statuses == {400}
    for _, html in (wrong_password, unknown, deactivated, no_password):
        assert LOGIN_FAILED in html
        assert "Nog niet alles is in orde" in html
        assert "Welkom" not in html
        # Nothing hints at whether the address exists.
        assert "onbekend" not in html.lower()
        assert "bestaat niet" not in html.lower()
    # The page differs only in the e-mail address typed back into the form.
    assert without_token(wrong_password[1]).replace(giver.email, "X") == without_token(
        unknown[1]
    ).replace("niemand@proef.example", "X")


def test_an_empty_password_is_asked_for(client, giver):
    status, html = failed_login(client, giver.email, "")
    assert status == 400
    assert "Vul je wachtwoord in." in html


def test_failed_login_keeps_the_address_but_not_the_password(client, giver):
    status, html = failed_login(client, giver.email, "niet-het-wachtwoord")
    assert status == 400
    assert f'value="{giver.email}"' in html
    assert "niet-het-wachtwoord" not in html
    assert 'aria-invalid="true"' in html
    assert client.get("/proefstad/signalen").status_code == 302


def test_login_rejects_a_malformed_address_in_dutch(client):
    status, html = failed_login(client, "geen-adres", PASSWORD)
    assert status == 400
    assert "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.be." in html


def test_an_overlong_password_is_refused_in_dutch(client, giver):
    status, html = failed_login(client, giver.email, "x" * 129)
    assert status == 400
    assert "Een wachtwoord heeft hoogstens 128 tekens." in html
    assert "Field cannot be longer" not in html


def test_inactive_user_cannot_log_in(client, app, giver):
    set_active(app, giver, False)
    status, html = failed_login(client, giver.email, PASSWORD)
    assert status == 400
    assert LOGIN_FAILED in html
    response = client.get("/proefstad/signalen")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_deactivation_ends_an_open_session(client, app, giver, login):
    login(giver)
    assert client.get("/proefstad/signalen").status_code == 200
    set_active(app, giver, False)
    response = client.get("/proefstad/signalen")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/proefstad/signalen"


@pytest.mark.parametrize("logged_in", [False, True])
def test_logout_is_post_only(client, giver, login, logged_in):
    if logged_in:
        login(giver)
    response = client.get("/logout")
    assert response.status_code == 405
    assert "Dat kan hier niet" in response.get_data(as_text=True)


def test_get_logout_does_not_log_out(client, giver, login):
    login(giver)
    client.get("/logout")
    assert client.get("/proefstad/signalen").status_code == 200


def test_logout_form_is_a_post_on_every_page(client, giver, login):
    login(giver)
    html = client.get("/proefstad/").get_data(as_text=True)
    assert '<form method="post" action="/logout"' in html


def test_logout_ends_the_session_on_the_server(client, app, giver, login):
    login(giver)
    assert client.get("/proefstad/signalen").status_code == 200
    stolen = copy_session(client, app)
    assert stolen.get("/proefstad/signalen").status_code == 200

    response = client.post("/logout")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "Je bent afgemeld." in client.get("/").get_data(as_text=True)

    # The copied cookie is still validly signed, but the server no longer honours it.
    response = stolen.get("/proefstad/signalen")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/proefstad/signalen"
    assert "Afmelden" not in stolen.get("/proefstad/").get_data(as_text=True)


def test_logout_ends_sessions_in_every_browser(client, app, giver, login):
    login(giver)
    phone = app.test_client()
    phone.post("/login", data={"email": giver.email, "password": PASSWORD})
    assert phone.get("/proefstad/signalen").status_code == 200
    client.post("/logout")
    assert phone.get("/proefstad/signalen").status_code == 302


def test_logout_needs_a_login(client):
    response = client.post("/logout")
    assert response.status_code == 401
    assert "Aanmelden nodig" in response.get_data(as_text=True)


def test_logging_in_again_after_logout_works(client, giver, login):
    login(giver)
    client.post("/logout")
    response = login(giver)
    assert response.status_code == 303
    assert client.get("/proefstad/signalen").status_code == 200


def test_password_reset_ends_old_sessions(client, app, giver, login, outbox):
    login(giver)
    stolen = copy_session(client, app)
    assert stolen.get("/proefstad/signalen").status_code == 200

    helper = app.test_client()
    helper.post("/wachtwoord-vergeten", data={"email": giver.email})
    path = link_path(outbox[-1])
    response = helper.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303

    for browser in (client, stolen):
        response = browser.get("/proefstad/signalen")
        assert response.status_code == 302
        assert response.headers["Location"] == "/login?next=/proefstad/signalen"


def test_login_starts_a_fresh_session(client, giver, login):
    """Nothing planted in the session before login survives it (no session fixation)."""
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login(giver)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{giver.id}:")
