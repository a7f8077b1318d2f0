"""Hostile form data on every POST route gives no 500 (issue 18: "no attacker can turn a typed
character into a 500").

The routes come from the app's url map, so a route added later is fuzzed without touching this
file. Every role (and a visitor) posts to every route with a valid CSRF token; where the access
policy lets the role through, a seeded generator sends forms built from the route's own page
(its field names) filled with hostile values: non-ASCII, very long, NUL bytes, invalid UTF-8
(a lone surrogate), numbers where text is expected and text where numbers are, dates that do
not exist, fields missing and fields given twice. No Hypothesis in the lock: a seeded
`random.Random` per route keeps every failure reproducible.
"""

import random
import re
from datetime import date, timedelta
from urllib.parse import quote_from_bytes

import pytest

from tests.auth.helpers import form_token
from tests.conftest import PASSWORD
from webapp.extensions import db
from webapp.models import (
    AccountRequest,
    MunicipalityRequest,
    PasswordReset,
    PolicyDecision,
    PrivacyRequest,
    Role,
    SupralocalFile,
    utcnow,
)
from webapp.models.user import hash_token

CASES_PER_ROUTE = 6
ROLES_PER_ROUTE = 3
TOKEN = "fuzz-token-" + "x" * 32
# Routes that end the actor's own account run last: what comes after still has an account.
# Routes after which a browser can do less: withdrawn consent closes every sharing form (issue
# 18), an erased account or a logout ends the session. They come last.
LAST = ("privacy.withdraw_consent", "privacy.erase_account", "auth.logout")
REFUSED = {401, 403, 404}

HOSTILE_TEXT = [
    "",
    " ",
    "é",
    "١٢٣٤٥٦",
    "１２３",
    "😀" * 50,
    "a\x00b",
    "\x00",
    "x" * 5000,
    "Zoë\u202eevil\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE signal; --",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "\r\nBcc: iemand@example.org",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "-0.0",
    "0x1F",
    "1,5",
    "true",
    "y",
    "on",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31T23:59",
    "2026-13-45T25:61",
    "iemand@",
    "a@b",
    "@" * 300,
]
# Raw bytes that are not UTF-8: an encoded lone surrogate, a stray continuation byte.
HOSTILE_BYTES = [b"\xed\xa0\x80", b"abc\x80def", b"\xff\xfe"]
GENERIC_NAMES = ["action", "status", "confirm", "title", "description", "email", "id", "name"]
NAME = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"', re.IGNORECASE)
CSRF_REFUSED = "Formulier niet aanvaard"


@pytest.fixture
def fuzz_app(another_app):
    return another_app(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False)


@pytest.fixture
def world(app, make):
    place = make.municipality(slug="fuzzstad")
    users = {role.value: make.user(role, place) for role in Role}
    organisation = make.organisation(place)
    target = make.user(Role.GIVER, place, name="Doelwit", email="doelwit@fuzz.example")
    make.invitation(place, token=TOKEN)
    with app.app_context():
        file = SupralocalFile(title="Bovenlokaal dossier")
        db.session.add(file)
        db.session.add(
            PasswordReset(
                user_id=target.id,
                token_hash=hash_token(TOKEN),
                expires_at=utcnow() + timedelta(hours=2),
            )
        )
        card_id = make.card(place, published=True).id
        meeting_id = make.meeting(place, public=True).id
        # The records of the routes issues 18 and 21 added: one each to aim the forms at.
        extra = {
            "account_request_id": AccountRequest(
                municipality_id=place.id,
                idempotency_key="fuzz",
                name="Aanvrager",
                email="aanvrager@fuzz.example",
            ),
            "municipality_request_id": MunicipalityRequest(
                idempotency_key="fuzz",
                municipality_name="Fuzzgem",
                contact_name="Regisseur",
                contact_email="regie@fuzz.example",
            ),
            "decision_id": PolicyDecision(
                municipality_id=place.id,
                card_id=card_id,
                meeting_id=meeting_id,
                decided_on=date(2026, 11, 20),
                taken_by="College",
                body="Een beslissing.",
            ),
            "privacy_request_id": PrivacyRequest(
                municipality_id=place.id,
                user_id=target.id,
                kind="inzage",
                detail="",
                received_on=date(2026, 12, 1),
                deadline=date(2026, 12, 31),
                state="open",
                restricts=False,
                answer="",
            ),
        }
        db.session.add_all(extra.values())
        db.session.commit()
        file_id = file.id
        extra_ids = {name: record.id for name, record in extra.items()}
    return {
        **extra_ids,
        "place": place,
        "users": users,
        "gemeente": place.slug,
        "signal_id": make.signal(place, users["giver"]).id,
        "card_id": card_id,
        "action_id": make.action(place, public=True).id,
        "meeting_id": meeting_id,
        "user_id": target.id,
        "agreement_id": make.agreement(place, organisation).id,
        "organisation_id": organisation.id,
        "request_id": make.join_request(place).id,
        "invitation_id": make.invitation(place).id,
        "kind": "themas",
        "term_id": make.theme_id(place),
        "token": TOKEN,
        "file_id": file_id,
    }


def _browser(app, user):
    """(session cookie, CSRF token) of a browser of this user, or of a visitor (None)."""
    client = app.test_client()
    if user is not None:
        token = form_token(client.get("/login").get_data(as_text=True))
        login = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
        )
        assert login.status_code == 303, login.status_code
        page = client.get("/mijn-gegevens/tweestapsverificatie")
    else:
        page = client.get("/login")
    assert page.status_code == 200, page.status_code
    return client.get_cookie("session").value, form_token(page.get_data(as_text=True))


def _client(app, browser):
    """A fresh client with that browser's session: what one route does stays out of the next."""
    client = app.test_client()
    client.set_cookie("session", browser[0])
    return client, browser[1]


def _field_names(client, path) -> list[str]:
    page = client.get(path)
    if page.status_code != 200 or page.mimetype != "text/html":
        return []
    names = dict.fromkeys(NAME.findall(page.get_data(as_text=True)))
    names.pop("csrf_token", None)
    return list(names)


def _value(rng: random.Random) -> bytes:
    if rng.random() < 0.1:
        return rng.choice(HOSTILE_BYTES)
    return rng.choice(HOSTILE_TEXT).encode("utf-8", "surrogatepass")


def _body(rng: random.Random, names: list[str], token: str) -> bytes:
    pairs = [(b"csrf_token", token.encode())]
    for name in names:
        roll = rng.random()
        if roll < 0.15:
            continue  # missing
        pairs.append((name.encode(), _value(rng)))
        if roll > 0.9:
            pairs.append((name.encode(), _value(rng)))  # given twice
    if rng.random() < 0.3:
        pairs.append((rng.choice(HOSTILE_TEXT).encode() or b"onbekend", _value(rng)))
    return b"&".join(
        quote_from_bytes(k).encode() + b"=" + quote_from_bytes(v).encode() for k, v in pairs
    )


def _post_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())]
    return sorted(
        rules,
        key=lambda rule: (
            rule.endpoint in LAST,
            LAST.index(rule.endpoint) if rule.endpoint in LAST else 0,
            rule.rule,
        ),
    )


def test_hostile_forms_on_every_post_route_never_give_a_500(fuzz_app, world):
    users = world["users"]
    # The roles whose views differ most first; a route is fuzzed as the first few it lets in.
    order = ["head_processor", "giver", "network", "processor", "org_processor", "alderman"]
    actors = [*(users[role] for role in order), None]
    browsers = {id(actor): _browser(fuzz_app, actor) for actor in actors}
    failures, reached = [], set()
    for rule in _post_rules(fuzz_app):
        values = {argument: world[argument] for argument in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        rng = random.Random(f"{rule.endpoint}")
        names = []
        let_in = 0
        for actor in actors:
            if let_in >= ROLES_PER_ROUTE:
                break
            client, token = _client(fuzz_app, browsers[id(actor)])
            if not names and "GET" in rule.methods:
                names = _field_names(client, path)  # the first role that may open the page
            for case in range(CASES_PER_ROUTE):
                body = _body(rng, (names or GENERIC_NAMES) if case else [], token)
                try:
                    response = client.post(
                        path,
                        data=body,
                        content_type="application/x-www-form-urlencoded",
                        headers={"HX-Request": "true"} if case % 3 == 2 else {},
                    )
                except Exception as error:  # noqa: BLE001 - every failure is collected
                    failures.append((rule.endpoint, actor and actor.id, body[:300], repr(error)))
                    continue
                status = response.status_code
                if status >= 500:
                    failures.append((rule.endpoint, actor and actor.id, body[:300], status))
                if CSRF_REFUSED in response.get_data(as_text=True):
                    failures.append((rule.endpoint, actor and actor.id, "CSRF refused", status))
                if status in REFUSED or (
                    status in (302, 303) and "/login" in response.headers.get("Location", "")
                ):
                    break  # the policy refuses this role here: nothing more to learn
                if case == 0:
                    let_in += 1
                reached.add(rule.endpoint)
                if rule.endpoint in LAST and status in (302, 303):
                    break  # the account or the session ended: later posts would meet no form
    assert failures == [], "\n".join(map(str, failures))
    # The fuzz reached the views, not only the access checks.
    assert len(reached) >= len(_post_rules(fuzz_app)) - 4, sorted(
        rule.endpoint for rule in _post_rules(fuzz_app) if rule.endpoint not in reached
    )
