"""Copies go with the original (issue 17): a redaction, an erasure and a purge rewrite or drop
the mail not sent yet; a purged contact address leaves no outbox row and its follow-up link
stops; a revoked follow-up link stays revoked (the cookie: tests/signals/test_followup.py)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import FollowupLink, OutboxMail, Signal, utcnow

SECRET = "mevrouw Maria Claes"
CONTACT = "melder.kopie@example.org"
LINK = re.compile(r"/[a-z0-9-]+/opvolging/[A-Za-z0-9_-]+")


@pytest.fixture
def queued(app, monkeypatch):
    """Mail stays in the outbox (no in-process delivery), as between two worker runs."""
    monkeypatch.setitem(app.config, "MAIL_DELIVER_IN_PROCESS", False)


def _outbox(app) -> list[tuple[str, str, str, bool]]:
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMail.recipient, OutboxMail.subject, OutboxMail.body, OutboxMail.sent_at)
        ).all()
        db.session.remove()
    return [(to, subject, body, sent is not None) for to, subject, body, sent in rows]


def _feedback(as_user, town, signal, body: str) -> None:
    response = as_user(town.head).post(town.handle(signal, "terugkoppeling"), data={"body": body})
    assert response.status_code == 303


def test_a_redaction_rewrites_the_mail_not_sent_yet(app, make, as_user, town, queued):
    signal = make.signal(town.municipality, town.giver, title=f"Wachtlijst voor {SECRET}")
    _feedback(as_user, town, signal, "Besproken met wijkteam Noord deze week.")
    assert any(SECRET in subject for _, subject, _, _ in _outbox(app))
    assert any("wijkteam Noord" in body for _, _, body, _ in _outbox(app))
    with app.app_context():
        feedback_id = db.session.get(Signal, signal.id).feedback[0].id
        db.session.remove()
    head = as_user(town.head)
    page = town.url(f"verwerken/signalen/{signal.id}/persoonsgegevens")

    head.post(page, data={"target": "signaal-title", "text": "Wachtlijst", "mode": "vervangen"})
    head.post(page, data={"target": f"terugkoppeling-{feedback_id}", "mode": "verwijderen"})

    mails = _outbox(app)
    assert mails and not any(sent for *_, sent in mails)
    for _, subject, body, _ in mails:
        assert SECRET not in subject and SECRET not in body and "wijkteam Noord" not in body
    assert any("Wachtlijst" in subject for _, subject, _, _ in mails)


def test_an_erased_account_leaves_no_mail_to_its_address(app, make, as_user, town, queued):
    signal = make.signal(town.municipality, town.giver, title="Wachtlijst kinderopvang")
    _feedback(as_user, town, signal, "Het staat op de agenda.")
    assert any(to == town.giver.email for to, *_ in _outbox(app))

    response = as_user(town.giver).post("/mijn-gegevens/wissen", data={"confirm": "y"})

    assert response.status_code == 303
    assert all(town.giver.email not in to for to, *_ in _outbox(app))


def test_the_purge_leaves_no_row_with_the_contact_address_and_stops_its_link(
    app, make, as_user, town, queued
):
    signal = make.signal(town.municipality, contact_email=CONTACT)
    _feedback(as_user, town, signal, "Dank voor je signaal.")
    [body] = [body for to, _, body, _ in _outbox(app) if to == CONTACT]
    path = LINK.search(body).group(0)
    assert app.test_client().get(path).status_code == 200
    with app.app_context():
        db.session.get(Signal, signal.id).updated_at = utcnow() - timedelta(days=800)
        db.session.commit()
        db.session.remove()

    result = app.test_cli_runner().invoke(args=["privacy", "purge"], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert all(CONTACT not in to and CONTACT not in body for to, _, body, _ in _outbox(app))
    assert app.test_client().get(path).status_code == 404


def test_a_revoked_link_is_not_issued_again_by_the_next_feedback(app, make, as_user, town, queued):
    signal = make.signal(town.municipality, contact_email=CONTACT)
    _feedback(as_user, town, signal, "Eerste terugkoppeling.")
    head = as_user(town.head)
    assert head.post(town.handle(signal, "opvolglinks-intrekken")).status_code == 303

    _feedback(as_user, town, signal, "Tweede terugkoppeling.")

    with app.app_context():
        links = db.session.scalars(select(FollowupLink).filter_by(signal_id=signal.id)).all()
        assert links and all(link.revoked_at is not None for link in links)
        db.session.remove()
    [second] = [body for to, _, body, _ in _outbox(app) if "Tweede terugkoppeling" in body]
    assert LINK.search(second) is None
    assert "werkt niet meer" in second
