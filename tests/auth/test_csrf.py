"""CSRF protection with the real token check switched on (the other tests switch it off)."""

import json
import re
import time

import pytest

from tests.auth.helpers import form_token
from tests.conftest import PASSWORD
from webapp import create_app
from webapp.errors import CSRF_MESSAGE
from webapp.extensions import db
from webapp.models import Role

WEEK = 7 * 24 * 3600


@pytest.fixture
def build_app(app):
    """Apps like the test app but with CSRF on, on the same (already migrated) database."""
    built = []

    def build(**overrides):
        config = {
            key: app.config[key]
            for key in (
                "TESTING",
                "SECRET_KEY",
                "SQLALCHEMY_DATABASE_URI",
                "MAIL_BACKEND",
                "MAIL_SERVER",
                "MAIL_PORT",
                "BASE_URL",
            )
        }
        config.update(WTF_CSRF_ENABLED=True, **overrides)
        new = create_app(config)
        built.append(new)
        return new

    yield build
    for new in built:
        with new.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def csrf_app(build_app):
    return build_app()


@pytest.fixture
def browser(csrf_app):
    return csrf_app.test_client()


@pytest.fixture
def place(make):
    return make.municipality(slug="proefstad", name="Proefstad")


@pytest.fixture
def giver(make, place):
    return make.user(Role.GIVER, place, email="ann@proef.example")


def header_token(html: str) -> str:
    """The token htmx sends: data-hx-headers on <body>."""
    match = re.search(r"<body data-hx-headers='([^']+)'", html)
    assert match, "no data-hx-headers on <body>"
    headers = json.loads(match.group(1))
    assert set(headers) == {"X-CSRFToken"}
    return headers["X-CSRFToken"]


def login_data(user, token: str | None = None) -> dict:
    data = {"email": user.email, "password": PASSWORD}
    if token is not None:
        data["csrf_token"] = token
    return data


def assert_refused(response) -> None:
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<h1>Formulier niet aanvaard</h1>" in html
    assert CSRF_MESSAGE in html
    assert "The CSRF token is missing" not in html


def test_the_test_app_has_csrf_off_and_this_one_on(app, csrf_app):
    assert app.config["WTF_CSRF_ENABLED"] is False
    assert csrf_app.config["WTF_CSRF_ENABLED"] is True


def test_login_without_token_is_refused_in_dutch(browser, giver):
    response = browser.post("/login", data=login_data(giver))
    assert_refused(response)
    assert browser.get("/proefstad/signalen").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/login",
        "/logout",
        "/wachtwoord-vergeten",
        "/wachtwoord-herstellen/eender-welk-token",
        "/uitnodiging/eender-welk-token",
        "/proefstad/uitnodigingen",
    ],
)
def test_every_form_needs_the_token(browser, place, outbox, path):
    assert_refused(browser.post(path, data={"email": "ann@proef.example"}))
    assert outbox == []


def test_the_submit_form_needs_the_token_and_keeps_what_was_typed(browser, place, outbox):
    """Refused, and shown again with everything typed (webapp/kept_input.py)."""
    response = browser.post("/proefstad/signalen/nieuw", data={"title": "Getypte titel"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Je formulier werd niet aanvaard" in html and 'value="Getypte titel"' in html
    assert "The CSRF token is missing" not in html
    assert outbox == []


def test_a_logged_in_post_without_token_is_refused(browser, make, place, outbox):
    head = make.user(Role.HEAD_PROCESSOR, place)
    token = form_token(browser.get("/login").get_data(as_text=True))
    assert browser.post("/login", data=login_data(head, token)).status_code == 303
    response = browser.post(
        "/proefstad/uitnodigingen", data={"email": "nieuw@proef.example", "role": "giver"}
    )
    assert_refused(response)
    assert outbox == []
    # Logging out without a token does not work either (no forced logout from another site).
    assert_refused(browser.post("/logout"))
    assert browser.get("/proefstad/uitnodigingen").status_code == 200


def test_the_form_token_is_accepted(browser, giver):
    html = browser.get("/login").get_data(as_text=True)
    response = browser.post("/login", data=login_data(giver, form_token(html)))
    assert response.status_code == 303
    assert response.headers["Location"] == "/proefstad/"
    assert browser.get("/proefstad/signalen").status_code == 200


def test_the_htmx_header_token_is_accepted(browser, giver):
    html = browser.get("/login").get_data(as_text=True)
    response = browser.post(
        "/login",
        data=login_data(giver),
        headers={"X-CSRFToken": header_token(html), "HX-Request": "true"},
    )
    assert response.status_code == 303
    assert browser.get("/proefstad/signalen").status_code == 200


def test_logout_with_the_page_token(browser, giver):
    token = form_token(browser.get("/login").get_data(as_text=True))
    browser.post("/login", data=login_data(giver, token))
    page = browser.get("/proefstad/").get_data(as_text=True)
    logout_form = re.search(r'<form method="post" action="/logout".*?</form>', page, re.S)
    assert logout_form
    response = browser.post("/logout", data={"csrf_token": form_token(logout_form.group(0))})
    assert response.status_code == 303
    assert browser.get("/proefstad/signalen").status_code == 302


def test_a_wrong_or_foreign_token_is_refused(csrf_app, browser, giver):
    other = csrf_app.test_client()
    foreign = form_token(other.get("/login").get_data(as_text=True))
    browser.get("/login")
    assert_refused(browser.post("/login", data=login_data(giver, foreign)))
    assert_refused(browser.post("/login", data=login_data(giver, "verzonnen")))
    assert_refused(browser.post("/login", data=login_data(giver), headers={"X-CSRFToken": "x"}))


@pytest.mark.parametrize("time_limit", [None, 3600])
def test_a_token_still_works_a_week_later(build_app, giver, monkeypatch, time_limit):
    """A long signal typed on a slow phone must not be lost to an expired token.

    The one-hour app shows the clock jump really reaches the token check.
    """
    overrides = {} if time_limit is None else {"WTF_CSRF_TIME_LIMIT": time_limit}
    browser = build_app(**overrides).test_client()
    html = browser.get("/login").get_data(as_text=True)
    token = form_token(html)

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + WEEK)
    response = browser.post("/login", data=login_data(giver, token))
    if time_limit is None:
        assert response.status_code == 303
        assert browser.get("/proefstad/signalen").status_code == 200
    else:
        assert_refused(response)
