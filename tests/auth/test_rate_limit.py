"""Guessing passwords or flooding reset mails is slowed down (OWASP ASVS 6.3.5), per account
and per address, in a store every worker shares, without locking the owner out."""

import time
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from tests.auth.helpers import link_path
from tests.conftest import PASSWORD
from webapp import rate_limits
from webapp.auth import throttle
from webapp.extensions import db
from webapp.models import AuthEvent, Role, ThrottleCounter

WRONG = "fout-wachtwoord-123"
NEW_PASSWORD = "een-nieuw-lang-wachtwoord"


@pytest.fixture(autouse=True)
def _throttle_clock_stands_still(monkeypatch):
    """The throttle's clock does not move during a test: a delay of two seconds must not run
    out between two requests on a loaded machine. A test that needs time to pass moves the
    stored times back instead."""
    now = time.time()
    frozen = SimpleNamespace(time=lambda: now)
    monkeypatch.setattr(throttle, "time", frozen)
    # The store's times too: on a slow machine the hits would otherwise be stamped later than
    # the throttle's frozen "now" (the delay test failed on PostgreSQL under load).
    monkeypatch.setattr(rate_limits, "time", frozen)


@pytest.fixture
def limited(another_app):
    return another_app(RATELIMIT_ENABLED=True, PROXY_COUNT=1)


@pytest.fixture
def owner(make):
    place = make.municipality(slug="proefstad", name="Proefstad")
    return make.user(Role.HEAD_PROCESSOR, place, name="Ann Proef", email="ann@proef.example")


def attempt(client, email, password=WRONG, address="10.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
    )


def events(app, kind):
    with app.app_context():
        return db.session.scalars(select(AuthEvent).filter_by(kind=kind)).all()


def test_an_account_is_slowed_down_after_five_failures_from_one_address(limited, owner):
    client = limited.test_client()
    statuses = [attempt(client, owner.email).status_code for _ in range(8)]
    assert statuses == [400] * 5 + [429] * 3
    page = attempt(client, owner.email, PASSWORD)
    html = page.get_data(as_text=True)
    assert page.status_code == 429, "the right password waits too while the delay runs"
    assert "Even geduld: er waren te veel mislukte pogingen" in html
    assert 'value="ann@proef.example"' in html, "the typed address is kept"
    assert int(page.headers["Retry-After"]) > 0


def test_the_owner_logs_in_from_another_address_meanwhile(limited, owner):
    client = limited.test_client()
    for _ in range(10):
        attempt(client, owner.email)
    response = attempt(limited.test_client(), owner.email, PASSWORD, address="10.0.0.2")
    assert response.status_code == 303


def test_the_delay_grows_and_ends(limited, owner):
    assert [throttle.pair_delay(n) for n in range(4, 9)] == [0, 2, 4, 8, 16]
    client = limited.test_client()
    for _ in range(5):
        attempt(client, owner.email)
    assert attempt(client, owner.email, PASSWORD).status_code == 429
    with limited.app_context():
        db.session.execute(update(ThrottleCounter).values(last_at=ThrottleCounter.last_at - 3))
        db.session.commit()
    assert attempt(client, owner.email, PASSWORD).status_code == 303


def test_many_addresses_lock_the_account_until_a_password_reset(limited, owner, outbox):
    client = limited.test_client()
    for number in range(throttle.ACCOUNT_LOCK_FAILURES):
        assert attempt(client, owner.email, address=f"10.1.{number}.1").status_code == 400
    page = attempt(client, owner.email, PASSWORD, address="10.9.9.9")
    assert page.status_code == 429
    assert "tijdelijk vergrendeld" in page.get_data(as_text=True)
    assert [e.email for e in events(limited, "locked")] == [owner.email]

    client.post("/wachtwoord-vergeten", data={"email": owner.email})
    path = link_path(outbox[-1])
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303
    assert attempt(client, owner.email, NEW_PASSWORD, address="10.9.9.9").status_code == 303
    assert [e.user_id for e in events(limited, "password_reset")] == [owner.id]


def test_a_busy_address_waits_but_a_known_browser_gets_in(limited, owner, make):
    colleague_browser = limited.test_client()
    assert attempt(colleague_browser, owner.email, PASSWORD).status_code == 303
    guesser = limited.test_client()
    for number in range(throttle.ADDRESS_FAILURES):
        attempt(guesser, f"iemand{number}@example.org")
    stranger = make.user(Role.NETWORK, email="nieuw@proef.example")
    assert attempt(guesser, stranger.email, PASSWORD).status_code == 429
    # The owner's browser logged in here before: the shared address does not stop it.
    assert attempt(colleague_browser, owner.email, PASSWORD).status_code == 303


def test_every_authentication_event_is_in_the_audit_log(limited, owner):
    client = limited.test_client()
    attempt(client, owner.email)
    attempt(client, owner.email, PASSWORD)
    client.post("/logout")
    with limited.app_context():
        kinds = db.session.scalars(select(AuthEvent.kind).order_by(AuthEvent.id)).all()
        failure = db.session.scalars(select(AuthEvent).filter_by(kind="login_failed")).one()
    assert kinds == ["role_granted", "login_failed", "login", "logout"]
    assert failure.address == "10.0.0.1"
    assert failure.user_id == owner.id


def test_reset_requests_are_limited(limited):
    client = limited.test_client()
    form = {"email": "iemand@example.org"}
    statuses = [client.post("/wachtwoord-vergeten", data=form).status_code for _ in range(6)]
    assert statuses[:5] == [303] * 5
    assert statuses[5] == 429


def test_without_a_proxy_a_forged_forwarded_address_changes_nothing(another_app, owner):
    direct = another_app(RATELIMIT_ENABLED=True).test_client()
    statuses = [attempt(direct, owner.email, address=f"10.7.{n}.1").status_code for n in range(6)]
    assert statuses == [400] * 5 + [429], "X-Forwarded-For is ignored without PROXY_COUNT"


def test_passwords_are_stored_as_argon2id(app, owner):
    from webapp.models import User

    with app.app_context():
        stored = db.session.get(User, owner.id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_twenty_wrong_passwords_from_four_addresses_do_not_lock_out_the_owners_browser(
    limited, owner
):
    """The attack of issue 18: the owner's own browser (known-device cookie) still gets in."""
    own_browser = limited.test_client()
    assert attempt(own_browser, owner.email, PASSWORD, address="10.5.0.1").status_code == 303
    own_browser.post("/logout")
    attacker = limited.test_client()
    for number in range(20):
        attempt(attacker, owner.email, address=f"10.6.{number % 4}.1")
    assert attempt(attacker, owner.email, PASSWORD, address="10.6.0.1").status_code == 429
    assert [e.email for e in events(limited, "locked")] == [owner.email]
    response = attempt(own_browser, owner.email, PASSWORD, address="10.5.0.1")
    assert response.status_code == 303, "the owner logs in from the known device"


def test_an_attacker_at_the_same_office_address_does_not_lock_out_the_owner(limited, owner):
    own_browser = limited.test_client()
    assert attempt(own_browser, owner.email, PASSWORD, address="10.5.0.1").status_code == 303
    own_browser.post("/logout")
    colleague = limited.test_client()
    for _ in range(throttle.ADDRESS_FAILURES + 5):
        attempt(colleague, owner.email, address="10.5.0.1")
    assert attempt(colleague, owner.email, PASSWORD, address="10.5.0.1").status_code == 429
    assert attempt(own_browser, owner.email, PASSWORD, address="10.5.0.1").status_code == 303


def test_a_known_device_has_its_own_delay(limited, owner):
    """A stolen or shared known browser does not get unlimited guesses either."""
    own_browser = limited.test_client()
    assert attempt(own_browser, owner.email, PASSWORD).status_code == 303
    own_browser.post("/logout")
    statuses = [attempt(own_browser, owner.email).status_code for _ in range(7)]
    assert statuses == [400] * 5 + [429] * 2
    assert attempt(limited.test_client(), owner.email, PASSWORD).status_code == 303, (
        "another browser is not slowed down by the known device's failures"
    )


def test_after_an_attack_the_owner_gets_in_through_a_reset_from_the_office(limited, owner, outbox):
    """No known device: the owner resets the password from the attacked office address."""
    attacker = limited.test_client()
    for number in range(throttle.ADDRESS_FAILURES + 5):
        attempt(attacker, owner.email, address="10.5.0.1" if number % 2 else f"10.8.{number}.1")
    owner_browser = limited.test_client()
    assert attempt(owner_browser, owner.email, PASSWORD, address="10.5.0.1").status_code == 429
    asked = owner_browser.post(
        "/wachtwoord-vergeten",
        data={"email": owner.email},
        headers={"X-Forwarded-For": "10.5.0.1"},
    )
    assert asked.status_code == 303
    done = owner_browser.post(
        link_path(outbox[-1]),
        data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        headers={"X-Forwarded-For": "10.5.0.1"},
    )
    assert done.status_code == 303
    assert owner_browser.get_cookie(throttle.DEVICE_COOKIE) is not None
    assert attempt(owner_browser, owner.email, NEW_PASSWORD, address="10.5.0.1").status_code == 303
    assert [e.user_id for e in events(limited, "password_reset_requested")] == [owner.id]


def test_reset_mails_per_account_are_limited_but_the_answer_is_the_same(limited, owner, outbox):
    statuses = [
        limited.test_client()
        .post(
            "/wachtwoord-vergeten",
            data={"email": owner.email},
            headers={"X-Forwarded-For": f"10.3.{n}.1"},
        )
        .status_code
        for n in range(throttle.RESET_MAILS_PER_ACCOUNT + 2)
    ]
    assert statuses == [303] * (throttle.RESET_MAILS_PER_ACCOUNT + 2)
    assert len(outbox) == throttle.RESET_MAILS_PER_ACCOUNT


def test_a_forged_device_cookie_is_an_unknown_browser(limited, owner):
    attacker = limited.test_client()
    for number in range(throttle.ACCOUNT_LOCK_FAILURES):
        attempt(attacker, owner.email, address=f"10.1.{number}.1")
    attacker.set_cookie(throttle.DEVICE_COOKIE, '{"d": "x", "a": []}.forged')
    assert attempt(attacker, owner.email, PASSWORD, address="10.9.9.9").status_code == 429
