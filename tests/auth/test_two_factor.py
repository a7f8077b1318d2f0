"""Two-factor authentication (TOTP) with recovery codes, optional for everyone and mandatory for
processors where the municipality asks for it."""

import re
import time

import pyotp
import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import AuthEvent, Role


@pytest.fixture
def place(make):
    return make.municipality(slug="codestad")


def log_in(client, user):
    return client.post("/login", data={"email": user.email, "password": PASSWORD})


def next_code(secret: str) -> str:
    """The code of the next 30-second step (accepted: clocks drift); the current one was spent
    on setting up, and a code is never accepted twice."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def switch_on(client):
    """Set up two-factor on the settings page; returns (secret, recovery codes)."""
    page = client.get("/mijn-gegevens/tweestapsverificatie").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    response = client.post(
        "/mijn-gegevens/tweestapsverificatie",
        data={"code": pyotp.TOTP(secret).now(), "action": "enable"},
    )
    assert response.status_code == 303
    page = client.get("/mijn-gegevens/tweestapsverificatie").get_data(as_text=True)
    codes = re.findall(r"<li><code>([0-9a-f]{8}-[0-9a-f]{8})</code></li>", page)
    assert len(codes) == 10
    assert "Tweestapsverificatie staat aan" in page
    return secret, codes


def test_a_code_is_asked_after_the_password(app, make, place):
    user = make.user(Role.PROCESSOR, place)
    client = app.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    client.post("/logout")

    response = log_in(client, user)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/codestad/verwerken").status_code == 302, "not logged in yet"
    wrong = client.post("/login/code", data={"code": "000000"})
    assert wrong.status_code == 400
    assert "Die code klopt niet" in wrong.get_data(as_text=True)
    right = client.post("/login/code", data={"code": next_code(secret)})
    assert right.status_code == 303
    assert client.get("/codestad/verwerken").status_code == 200


def test_a_code_works_once(app, make, place):
    user = make.user(Role.PROCESSOR, place)
    client = app.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    client.post("/logout")
    log_in(client, user)
    code = next_code(secret)
    assert client.post("/login/code", data={"code": code}).status_code == 303
    client.post("/logout")
    log_in(client, user)
    assert client.post("/login/code", data={"code": code}).status_code == 400


def test_a_recovery_code_works_once(app, make, place):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    _, codes = switch_on(client)
    client.post("/logout")
    log_in(client, user)
    assert client.post("/login/code", data={"code": codes[0].upper()}).status_code == 303
    client.post("/logout")
    log_in(client, user)
    assert client.post("/login/code", data={"code": codes[0]}).status_code == 400
    assert client.post("/login/code", data={"code": codes[1]}).status_code == 303


def test_the_code_page_without_a_password_sends_back_to_login(client):
    response = client.post("/login/code", data={"code": "123456"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"


def test_a_municipality_can_make_it_mandatory_for_processors(app, make, place):
    head = make.user(Role.HEAD_PROCESSOR, place)
    processor = make.user(Role.PROCESSOR, place)
    giver = make.user(Role.GIVER, place)
    boss = app.test_client()
    log_in(boss, head)
    page = boss.get("/codestad/verwerken/beveiliging").get_data(as_text=True)
    assert "Verwerkers melden zich aan met tweestapsverificatie" in page
    saved = boss.post("/codestad/verwerken/beveiliging", data={"required": "y"})
    assert saved.status_code == 303
    # The head processor is a processor too: the set-up comes first.
    assert (
        boss.get("/codestad/verwerken").headers["Location"] == "/mijn-gegevens/tweestapsverificatie"
    )

    client = app.test_client()
    log_in(client, processor)
    response = client.get("/codestad/verwerken")
    assert response.status_code == 303
    assert response.headers["Location"] == "/mijn-gegevens/tweestapsverificatie"
    assert "Je gemeente vraagt dit voor verwerkers." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    switch_on(client)
    assert client.get("/codestad/verwerken").status_code == 200
    page = client.get("/mijn-gegevens/tweestapsverificatie").get_data(as_text=True)
    assert "Tweestapsverificatie uitzetten" not in page

    giving = app.test_client()
    log_in(giving, giver)
    assert giving.get("/codestad/signalen").status_code == 200, "givers are not asked"

    with app.app_context():
        kinds = db.session.scalars(select(AuthEvent.detail).filter_by(kind="two_factor")).all()
        switched_on = db.session.scalars(select(AuthEvent.user_id).filter_by(kind="two_factor_on"))
    assert "codestad: verplicht" in kinds
    assert processor.id in switched_on.all()


def test_switching_off_needs_a_code(app, make, place):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    refused = client.post(
        "/mijn-gegevens/tweestapsverificatie", data={"code": "111111", "action": "disable"}
    )
    assert refused.status_code == 400
    off = client.post(
        "/mijn-gegevens/tweestapsverificatie",
        data={"code": next_code(secret), "action": "disable"},
    )
    assert off.status_code == 303
    client.post("/logout")
    assert log_in(client, user).headers["Location"] == "/codestad/"


def test_a_password_reset_does_not_skip_the_code(app, make, place, outbox):
    from tests.auth.helpers import link_path

    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    switch_on(client)
    client.post("/logout")
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    new = "een-nieuw-lang-wachtwoord"
    client.post(link_path(outbox[-1]), data={"password": new, "confirm": new})
    response = client.post("/login", data={"email": user.email, "password": new})
    assert response.headers["Location"] == "/login/code"


def test_recovery_codes_are_stored_as_argon2_hashes(app, make, place):
    from webapp.models import RecoveryCode

    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    _, codes = switch_on(client)
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10
    assert all(h.startswith("$argon2id$") for h in stored)
    assert not any(code.replace("-", "") in h for code in codes for h in stored)


@pytest.fixture
def limited(another_app):
    return another_app(RATELIMIT_ENABLED=True)


def _events(app, kind):
    with app.app_context():
        return db.session.scalars(select(AuthEvent).filter_by(kind=kind)).all()


def test_sixty_wrong_codes_at_login_get_429(limited, make, place):
    user = make.user(Role.PROCESSOR, place)
    client = limited.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    client.post("/logout")
    attacker = limited.test_client()
    log_in(attacker, user)
    statuses = [
        attacker.post("/login/code", data={"code": f"{n:06d}"}).status_code for n in range(60)
    ]
    assert statuses == [400] * 5 + [429] * 55
    right = attacker.post("/login/code", data={"code": next_code(secret)})
    assert right.status_code == 429, "the right code is not even compared"
    assert int(right.headers["Retry-After"]) > 0
    assert "Te veel verkeerde codes" in right.get_data(as_text=True)
    assert len(_events(limited, "two_factor_failed")) == 5
    # The owner's own browser (it logged in before) has a counter of its own.
    log_in(client, user)
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 303


def test_sixty_wrong_codes_to_switch_off_get_429(limited, make, place):
    """A hijacked session cannot try every code to switch the second factor off."""
    user = make.user(Role.GIVER, place)
    client = limited.test_client()
    log_in(client, user)
    secret, _ = switch_on(client)
    url = "/mijn-gegevens/tweestapsverificatie"
    statuses = [
        client.post(url, data={"code": f"{n:06d}", "action": "disable"}).status_code
        for n in range(60)
    ]
    assert statuses == [400] * 5 + [429] * 55
    still = client.post(url, data={"code": next_code(secret), "action": "disable"})
    assert still.status_code == 429
    assert "Tweestapsverificatie uitzetten" in client.get(url).get_data(as_text=True)


def test_wrong_codes_to_switch_on_and_recovery_codes_are_throttled_too(limited, make, place):
    user = make.user(Role.GIVER, place)
    client = limited.test_client()
    log_in(client, user)
    url = "/mijn-gegevens/tweestapsverificatie"
    statuses = [
        client.post(url, data={"code": "000000", "action": "enable"}).status_code for _ in range(7)
    ]
    assert statuses == [400] * 5 + [429] * 2
    other = make.user(Role.GIVER, place, email="tweede@codestad.example")
    client = limited.test_client()
    log_in(client, other)
    switch_on(client)
    client.post("/logout")
    log_in(client, other)
    guesses = [
        client.post("/login/code", data={"code": f"abcd{n:04x}-0000ffff"}).status_code
        for n in range(7)
    ]
    assert guesses == [400] * 5 + [429] * 2


@pytest.mark.parametrize(
    "code", ["é", "١٢٣٤٥٦", "12345é", "１２３４５６", "12٣456", "😀", "12;456"]
)
def test_a_code_with_other_characters_gets_a_dutch_400(app, make, place, code):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    url = "/mijn-gegevens/tweestapsverificatie"
    switching_on = client.post(url, data={"code": code, "action": "enable"})
    assert switching_on.status_code == 400
    assert "Een code bestaat alleen uit de cijfers 0 tot 9" in switching_on.get_data(as_text=True)
    switch_on(client)
    for action in ("disable", "codes"):
        response = client.post(url, data={"code": code, "action": action})
        assert response.status_code == 400
        assert "Een code bestaat alleen uit de cijfers" in response.get_data(as_text=True)
    client.post("/logout")
    log_in(client, user)
    response = client.post("/login/code", data={"code": code})
    assert response.status_code == 400
    assert "Een code bestaat alleen uit de cijfers" in response.get_data(as_text=True)


def test_every_code_event_is_recorded(app, make, place):
    user = make.user(Role.GIVER, place)
    client = app.test_client()
    log_in(client, user)
    secret, codes = switch_on(client)
    client.post("/logout")
    log_in(client, user)
    client.post("/login/code", data={"code": "000000"})
    client.post("/login/code", data={"code": codes[0]})
    client.post(
        "/mijn-gegevens/tweestapsverificatie",
        data={"code": next_code(secret), "action": "disable"},
    )
    with app.app_context():
        kinds = db.session.scalars(
            select(AuthEvent.kind).where(AuthEvent.user_id == user.id).order_by(AuthEvent.id)
        ).all()
    assert [k for k in kinds if k not in ("role_granted", "login")] == [
        "two_factor_on",
        "logout",
        "two_factor_failed",
        "recovery_code_used",
        "two_factor_off",
    ]
