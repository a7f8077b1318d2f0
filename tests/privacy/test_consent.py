"""Consent required before sharing (issue 18, Build 1): a member who has not accepted the current
privacy statement shares nothing, whatever they post; a running session is asked at its next
page; after accepting, what was typed goes through once. Withdrawal works the same way back."""

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tests.signals import conftest as signal_fixtures
from tests.signals.conftest import DRAFT_DESCRIPTION, DRAFT_TITLE, Town
from tests.signals.helpers import HTMX, error_for, parse, redirect_path, text
from webapp.extensions import db
from webapp.models import (
    AuditEntry,
    Follow,
    Invitation,
    Membership,
    Municipality,
    Reinforcement,
    Role,
    Signal,
    Supplement,
    UserEngagement,
)


def new_version(app, place, version: str = "2099-1") -> None:
    """What saving a changed statement does to the version users must accept."""
    with app.app_context():
        db.session.get(Municipality, place.id).privacy_version = version
        db.session.commit()
        db.session.remove()


def consent(app, user, place) -> str | None:
    with app.app_context():
        value = db.session.scalars(
            select(Membership.privacy_consent_version).where(
                Membership.user_id == user.id, Membership.municipality_id == place.id
            )
        ).first()
        db.session.remove()
        return value


def rows(app, model) -> int:
    with app.app_context():
        number = len(db.session.scalars(select(model)).all())
        db.session.remove()
        return number


def audit_codes(app) -> list[str]:
    with app.app_context():
        codes = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        db.session.remove()
        return codes


def hidden_fields(doc, form_id: str = "privacy-akkoord") -> list[tuple[str, str]]:
    """What the acceptance form sends on: every input of it, as a browser would."""
    form = doc.by_id(form_id).find("form")
    sent = []
    for node in form.find_all("input"):
        if node.attrs.get("type") == "hidden":
            sent.append((node.attrs["name"], node.attrs.get("value", "")))
    return sent


draft = signal_fixtures.draft


@pytest.fixture
def town(make):
    place = make.municipality(slug="toestemstad", name="Toestemstad")
    return {
        "place": place,
        "giver": make.user(Role.GIVER, place, name="Gina Gever"),
        "head": make.user(Role.HEAD_PROCESSOR, place, name="Hugo Hoofd"),
        "signal": make.signal(place),
    }


def test_a_giver_who_ignores_the_acceptance_page_stores_nothing(app, client, login, town, draft):
    place, giver = town["place"], town["giver"]
    login(giver)
    form = draft(Town(place, None, giver))
    signal_id = town["signal"].id
    new_version(app, place)
    before = {m: rows(app, m) for m in (Signal, Follow, Reinforcement, Supplement, Invitation)}

    attempts = {
        "signalen/nieuw": form,
        f"signalen/{signal_id}/volgen": {},
        f"signalen/{signal_id}/versterken": {"note": "Ook bij ons."},
        f"signalen/{signal_id}/aanvullen": {
            "body": "Ook op woensdag.",
            "submission_token": "s" * 20,
        },
        "mijn-engagement": {"engagements": ["consultation"]},
    }
    for path, data in attempts.items():
        response = client.post(f"/toestemstad/{path}", data=data)
        assert response.status_code == 403, path
        doc = parse(response)
        assert doc.by_id("privacy-akkoord") is not None, path
        assert "Versie: 2099-1" in doc.by_id("privacyverklaring").text(), path
        # The same attempt through htmx: the acceptance form takes the page's content.
        response = client.post(f"/toestemstad/{path}", data=data, headers=HTMX)
        assert response.status_code == 200, path
        assert response.headers["HX-Retarget"] == "#inhoud"
        assert parse(response).by_id("privacy-akkoord") is not None, path

    assert {m: rows(app, m) for m in before} == before
    assert rows(app, UserEngagement) == 0
    assert consent(app, giver, place) != "2099-1"


def test_after_accepting_the_typed_signal_is_back_and_stored_once(app, client, login, town, draft):
    place, giver = town["place"], town["giver"]
    login(giver)
    form = draft(Town(place, None, giver))
    new_version(app, place)
    blocked = client.post("/toestemstad/signalen/nieuw", data=form)
    doc = parse(blocked)
    assert blocked.status_code == 403
    typed = doc.by_id("wat-je-typte").text()
    assert DRAFT_TITLE in typed and DRAFT_DESCRIPTION in typed
    fields = hidden_fields(doc)
    assert ("title", DRAFT_TITLE) in fields and ("description", DRAFT_DESCRIPTION) in fields
    action = doc.by_id("privacy-akkoord").find("form").attrs["action"]

    # Without ticking the box: refused, and still carrying the typed text.
    refused = client.post(action, data=MultiDict(fields))
    assert refused.status_code == 400
    again = parse(refused)
    assert error_for(again, "privacy_consent") == "Vink aan dat je akkoord gaat om verder te gaan."
    assert hidden_fields(again) == fields
    assert rows(app, Signal) == 1

    accepted = client.post(action, data=MultiDict([*fields, ("privacy_consent", "y")]))
    assert accepted.status_code == 307
    assert accepted.headers["Location"] == "/toestemstad/signalen/nieuw"
    assert consent(app, giver, place) == "2099-1"
    # The browser sends the same body on: one signal, with the typed text.
    stored = client.post(
        accepted.headers["Location"], data=MultiDict([*fields, ("privacy_consent", "y")])
    )
    assert stored.status_code == 303
    assert redirect_path(stored).startswith("/toestemstad/signalen/ontvangen")
    # A second submit of the same form (a double click, a retry) stores nothing more.
    client.post(accepted.headers["Location"], data=MultiDict([*fields, ("privacy_consent", "y")]))
    with app.app_context():
        titles = list(db.session.scalars(select(Signal.title).where(Signal.title == DRAFT_TITLE)))
    assert titles == [DRAFT_TITLE]
    assert audit_codes(app).count("privacy.consent_accepted") == 1


def test_the_round_trip_follows_the_redirect_like_a_browser(app, client, login, town):
    place, giver, signal = town["place"], town["giver"], town["signal"]
    login(giver)
    new_version(app, place)
    doc = parse(client.post(f"/toestemstad/signalen/{signal.id}/versterken", data={}))
    action = doc.by_id("privacy-akkoord").find("form").attrs["action"]
    done = client.post(
        action,
        data=MultiDict([*hidden_fields(doc), ("privacy_consent", "y")]),
        follow_redirects=True,
    )
    assert done.status_code == 200
    assert rows(app, Reinforcement) == 1


def test_a_running_session_is_asked_at_its_next_page_once(app, client, login, town):
    place, giver = town["place"], town["giver"]
    login(giver)
    assert client.get("/toestemstad/signalen").status_code == 200
    new_version(app, place, "2099-7")

    asked = client.get("/toestemstad/signalen?q=wacht")
    assert asked.status_code == 303
    assert redirect_path(asked) == "/toestemstad/privacy-akkoord"
    page = client.get(asked.headers["Location"])
    doc = parse(page)
    assert "versie 2099-7" in doc.by_id("privacy-akkoord").text()
    assert "Versie: 2099-7" in doc.by_id("privacyverklaring").text()
    skip = doc.by_id("privacy-akkoord").find("a", href="/toestemstad/signalen?q=wacht")
    assert skip is not None and "Nu niet" in skip.text()
    # "Not now": reading goes on, asked once per version; sharing stays closed.
    assert client.get("/toestemstad/signalen").status_code == 200
    assert client.post(f"/toestemstad/signalen/{town['signal'].id}/volgen").status_code == 403
    assert rows(app, Follow) == 0

    # Pages of no municipality ask too; the privacy pages (one's rights) never wait.
    client.post("/logout")
    with client.session_transaction() as state:
        state.clear()
    login(town["head"])
    assert client.get("/mijn-gegevens").status_code == 200
    home = client.get("/")
    assert home.status_code == 303
    assert redirect_path(home) == "/toestemstad/privacy-akkoord"


def test_login_leads_to_the_acceptance_page_of_the_new_version(app, client, login, town):
    new_version(app, town["place"])
    response = login(town["giver"])
    assert response.headers["Location"].startswith("/toestemstad/privacy-akkoord?next=")


def test_the_live_similar_signals_check_is_no_sharing(app, client, login, town):
    login(town["giver"])
    new_version(app, town["place"])
    client.get("/toestemstad/privacy-akkoord")
    check = client.post(
        "/toestemstad/signalen/nieuw",
        data={"title": "Wachtlijst", "description": "", "action": "check"},
        headers=HTMX,
    )
    assert check.status_code == 200
    assert "HX-Retarget" not in check.headers


def test_the_pending_action_cannot_point_elsewhere(app, client, login, town):
    login(town["giver"])
    new_version(app, town["place"])
    for target in ("https://evil.example/x", "//evil.example/x", "/mijn-gegevens/wissen"):
        response = client.post(
            "/toestemstad/privacy-akkoord",
            data={"privacy_consent": "y", "_na_akkoord": target},
        )
        assert response.status_code == 303
        assert response.headers["Location"] == "/toestemstad/"


def test_withdrawal_closes_sharing_until_accepted_again(app, client, login, town):
    place, giver, signal = town["place"], town["giver"], town["signal"]
    login(giver)
    mine = parse(client.get("/mijn-gegevens"))
    section = mine.by_id("toestemming")
    assert "akkoord met versie 2026-1" in section.text()
    link = section.find("a", href="/toestemstad/privacy-akkoord/intrekken")
    assert link is not None

    empty = client.post("/toestemstad/privacy-akkoord/intrekken", data={})
    assert empty.status_code == 400
    assert consent(app, giver, place) == "2026-1"
    done = client.post("/toestemstad/privacy-akkoord/intrekken", data={"confirm": "y"})
    assert done.status_code == 303
    assert consent(app, giver, place) is None
    assert "privacy.consent_withdrawn" in audit_codes(app)

    # Reading goes on without being asked at every page; sharing is closed.
    assert client.get("/toestemstad/signalen").status_code == 200
    blocked = client.post(f"/toestemstad/signalen/{signal.id}/volgen")
    assert blocked.status_code == 403
    assert "Ga akkoord met de privacyverklaring" in text(blocked)
    assert rows(app, Follow) == 0
    section = parse(client.get("/mijn-gegevens")).by_id("toestemming")
    assert "geen toestemming voor de huidige versie 2026-1" in section.text()

    accept = client.post("/toestemstad/privacy-akkoord", data={"privacy_consent": "y"})
    assert accept.status_code == 303
    assert consent(app, giver, place) == "2026-1"
    assert client.post(f"/toestemstad/signalen/{signal.id}/volgen").status_code == 303
    assert rows(app, Follow) == 1
    assert audit_codes(app)[-2:] == ["privacy.consent_withdrawn", "privacy.consent_accepted"]


def test_an_inviter_and_a_meeting_answer_wait_for_consent(app, client, login, town, make):
    from webapp.models import MeetingInvitation

    place, head = town["place"], town["head"]
    meeting = make.meeting(place)
    with app.app_context():
        db.session.add(MeetingInvitation(meeting_id=meeting.id, user_id=head.id))
        db.session.commit()
    login(head)
    new_version(app, place)
    client.get("/toestemstad/privacy-akkoord")
    invite = client.post(
        "/toestemstad/uitnodigingen", data={"email": "nieuw@example.org", "role": "giver"}
    )
    assert invite.status_code == 403
    assert rows(app, Invitation) == 0
    answer = client.post(f"/toestemstad/agenda/{meeting.id}/antwoord", data={"answer": "yes"})
    assert answer.status_code == 403
    with app.app_context():
        assert db.session.scalars(select(MeetingInvitation.answer)).one() is None
    # Mending the statement itself stays open to the head processor.
    assert client.get("/toestemstad/instellingen/privacy").status_code == 200
