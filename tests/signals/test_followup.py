"""Follow-up for givers without an account: a private link, shown once, revocable."""

import hashlib
from urllib.parse import urlsplit

from sqlalchemy import select

from tests.signals.conftest import DRAFT_DESCRIPTION, DRAFT_TITLE
from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import (
    AuditEntry,
    Feedback,
    FollowupLink,
    InternalNote,
    Role,
    Signal,
    SignalStatus,
    User,
)
from webapp.processing.services import change_status


def _submit_anonymously(client, kortrijk, draft) -> str:
    """Give a signal without an account; the path of the follow-up link on the next page."""
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))
    assert response.status_code == 303
    page = parse(client.get(response.headers["Location"]))
    link = page.by_id("opvolglink")
    assert link is not None and link.text() == link.attrs["href"]
    return urlsplit(link.attrs["href"]).path


def _stored_hashes(app) -> list[str]:
    with app.app_context():
        hashes = list(db.session.scalars(select(FollowupLink.token_hash)))
        db.session.remove()
        return hashes


def test_the_link_is_shown_once_and_stored_only_as_a_hash(client, app, kortrijk, draft):
    path = _submit_anonymously(client, kortrijk, draft)

    token = path.rsplit("/", 1)[1]
    assert len(token) >= 40
    assert _stored_hashes(app) == [hashlib.sha256(token.encode()).hexdigest()]
    again = client.get(kortrijk.url("signalen/ontvangen"))
    assert again.status_code == 200
    assert "Dank je, je signaal is ontvangen" in text(again)
    assert token not in text(again)


def test_the_link_shows_the_title_status_notes_and_feedback_and_nothing_else(
    client, app, make, kortrijk, draft
):
    path = _submit_anonymously(client, kortrijk, draft)
    with app.app_context():
        signal = db.session.scalars(select(Signal).filter_by(title=DRAFT_TITLE)).one()
        db.session.add(Feedback(signal_id=signal.id, body="Het staat op de agenda in maart."))
        db.session.add(InternalNote(signal_id=signal.id, body="Intern: eerst met het OCMW bellen."))
        db.session.commit()
        processor = make.user(Role.PROCESSOR, kortrijk.municipality)
        change_status(
            signal,
            db.session.get(User, processor.id),
            SignalStatus.IN_PROGRESS.value,
            "We bekijken dit met de dienst welzijn.",
        )
        db.session.commit()
        reference = signal.reference
        db.session.remove()

    page = app.test_client().get(path)

    assert page.status_code == 200
    doc = parse(page)
    # The title, so the giver knows which signal it is; the description stays out of the link.
    assert doc.find("h1").text() == f"Je signaal {reference}: {DRAFT_TITLE}"
    assert "Status: in behandeling" in doc.text()
    updates = [li.text() for li in doc.find("section").find_all("li")]
    assert "status in behandeling We bekijken dit met de dienst welzijn." in updates[-1]
    assert any("Het staat op de agenda in maart." in line for line in updates)
    assert "Intern" not in text(page)
    assert DRAFT_DESCRIPTION not in text(page)
    assert page.headers["Cache-Control"] == "no-store"


def test_a_giver_with_an_account_gets_no_link(client, app, login, kortrijk, draft):
    login(kortrijk.giver)

    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))

    assert response.status_code == 303
    assert parse(client.get(response.headers["Location"])).by_id("opvolglink") is None
    assert _stored_hashes(app) == []


def test_a_wrong_token_or_another_municipality_answers_not_found(
    client, app, kortrijk, gent, draft
):
    path = _submit_anonymously(client, kortrijk, draft)
    visitor = app.test_client()

    assert visitor.get(path).status_code == 200
    assert visitor.get(path.replace("/kortrijk/", "/gent/")).status_code == 404
    assert visitor.get(path[:-1] + ("A" if path[-1] != "A" else "B")).status_code == 404
    assert visitor.get(kortrijk.url("opvolging/" + "x" * 500)).status_code == 404


def test_the_processor_revokes_every_link(client, app, make, login, kortrijk, draft):
    path = _submit_anonymously(client, kortrijk, draft)
    make.user(Role.HEAD_PROCESSOR, kortrijk.municipality, email="hoofd@kortrijk.be")
    with app.app_context():
        signal_id = db.session.scalars(select(Signal.id).filter_by(title=DRAFT_TITLE)).one()
        db.session.remove()
    processor = app.test_client()
    login_response = processor.post(
        "/login", data={"email": "hoofd@kortrijk.be", "password": "correct-horse-battery"}
    )
    assert login_response.status_code == 303
    handle = kortrijk.url(f"verwerken/signalen/{signal_id}")
    assert "met 1 persoonlijke link" in parse(processor.get(handle)).text()

    response = processor.post(f"{handle}/opvolglinks-intrekken")

    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == handle
    assert app.test_client().get(path).status_code == 404
    page = parse(processor.get(handle))
    assert "De opvolglinks werken niet meer." in page.text()
    assert "Er is geen werkende opvolglink." in page.text()
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEntry.action)))
        db.session.remove()
    assert actions == ["signal.followup_revoke"]


def test_the_token_is_never_in_the_session_cookie(app, client, kortrijk, draft):
    """The signed cookie is readable by whoever holds it (issue 17)."""
    response = client.post(kortrijk.url("signalen/nieuw"), data=draft(kortrijk))
    assert response.status_code == 303
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    session = serializer.loads(cookie.value)
    assert "/opvolging/" not in repr(session)

    page = parse(client.get(response.headers["Location"]))

    link = page.by_id("opvolglink")
    token = link.attrs["href"].rsplit("/", 1)[1]
    session = serializer.loads(client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)
    assert token not in repr(session)
