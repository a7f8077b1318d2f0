"""Processors' sessions end after 30 idle minutes and 12 hours after login (both settings),
on the server: the old cookie does not work again."""

import time

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from webapp.auth.sessions import EXPIRED
from webapp.extensions import db
from webapp.models import AuthEvent, Role


@pytest.fixture
def place(make):
    return make.municipality(slug="klokstad")


def logged_in(app, user):
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 303
    )
    return client


def age(client, idle_minutes=0.0, since_login_hours=0.0):
    now = time.time()
    with client.session_transaction() as session:
        session["seen_at"] = now - idle_minutes * 60
        session["login_at"] = now - since_login_hours * 3600


def test_a_processor_idle_for_31_minutes_is_logged_out(app, make, place):
    head = make.user(Role.HEAD_PROCESSOR, place)
    client = logged_in(app, head)
    age(client, idle_minutes=31)
    old_cookie = client.get_cookie("session").value
    response = client.get("/klokstad/verwerken")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=/klokstad/verwerken"
    assert EXPIRED in client.get("/login").get_data(as_text=True)
    replay = app.test_client()
    replay.set_cookie("session", old_cookie)
    again = replay.get("/klokstad/verwerken")
    assert again.status_code in (302, 303), "the old cookie is dead"
    assert again.headers["Location"].startswith("/login")


def test_an_idle_timeout_ends_that_session_only(app, make, place):
    head = make.user(Role.HEAD_PROCESSOR, place)
    office = logged_in(app, head)
    phone = logged_in(app, head)
    age(office, idle_minutes=31)
    assert office.get("/klokstad/verwerken").status_code == 303
    assert phone.get("/klokstad/verwerken").status_code == 200, "the other device goes on"
    with app.app_context():
        expired = db.session.scalars(select(AuthEvent).filter_by(kind="session_expired")).all()
    assert [(e.user_id, e.detail) for e in expired] == [(head.id, "idle")]


def test_activity_keeps_the_session_alive(app, make, place):
    head = make.user(Role.HEAD_PROCESSOR, place)
    client = logged_in(app, head)
    age(client, idle_minutes=29, since_login_hours=11)
    assert client.get("/klokstad/verwerken").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session["seen_at"] < 5, "the idle clock starts again"


def test_twelve_hours_after_login_the_session_ends_even_when_busy(app, make, place):
    head = make.user(Role.PROCESSOR, place)
    client = logged_in(app, head)
    age(client, idle_minutes=1, since_login_hours=12.1)
    assert client.get("/klokstad/verwerken").status_code == 303


def test_htmx_requests_are_sent_to_the_login_page_whole(app, make, place):
    head = make.user(Role.HEAD_PROCESSOR, place)
    client = logged_in(app, head)
    age(client, idle_minutes=45)
    response = client.get("/klokstad/verwerken", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login?next=/klokstad/verwerken"


def test_givers_keep_their_session(app, make, place):
    giver = make.user(Role.GIVER, place)
    client = logged_in(app, giver)
    age(client, idle_minutes=120, since_login_hours=20)
    assert client.get("/klokstad/signalen").status_code == 200


def test_the_limits_are_settings(another_app, make, place):
    short = another_app(SESSION_IDLE_MINUTES=5, SESSION_ABSOLUTE_HOURS=1)
    head = make.user(Role.HEAD_PROCESSOR, place)
    client = logged_in(short, head)
    age(client, idle_minutes=6)
    assert client.get("/klokstad/verwerken").status_code == 303
    client = logged_in(short, head)
    age(client, idle_minutes=1, since_login_hours=1.5)
    assert client.get("/klokstad/verwerken").status_code == 303
