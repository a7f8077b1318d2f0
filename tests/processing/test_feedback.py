"""Feedback (terugkoppeling): on the signal for the giver and the followers, and by e-mail to
them and to an anonymous submitter's contact address; never the signal's text to anyone."""

import re
import socket
from urllib.parse import urlsplit

import pytest

from tests.processing.helpers import audit_entries, feedback
from tests.signals.helpers import HTMX, parse, text
from webapp.extensions import db
from webapp.models import Membership, Role, User

FEEDBACK = "Dit signaal staat op de agenda van het eerstelijnsoverleg van 12 maart."
DESCRIPTION = "Gezinnen vinden geen plaats in de kinderopvang na de schooluren."
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def head(as_user, town):
    return as_user(town.head)


@pytest.fixture
def signal(make, town):
    return make.signal(
        town.municipality, town.giver, title="Te weinig opvang na school", description=DESCRIPTION
    )


@pytest.fixture
def follower(make, as_user, town, signal):
    user = make.user(Role.GIVER, town.municipality, name="Fien Volger", email="fien@jeugdhuis.be")
    as_user(user).post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})
    return user


def _subject(message) -> str:
    # Python folds a long Subject onto a continuation line; unfolded it starts with a space.
    return message["Subject"].strip()


def _by_recipient(outbox) -> dict[str, object]:
    messages = {}
    for message in outbox:
        [recipient] = message.envelope_recipients
        assert recipient not in messages, f"{recipient} got two mails"
        messages[recipient] = message
    return messages


def test_feedback_reaches_giver_and_followers_by_mail(
    app, head, as_user, town, signal, follower, outbox
):
    as_user(town.colleague).post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})
    # The giver follows their own signal too: still one mail.
    as_user(town.giver).post(town.url(f"signalen/{signal.id}/volgen"), data={"follow": "1"})

    response = head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})

    assert response.status_code == 303
    assert feedback(app, signal) == [(town.head.id, FEEDBACK)]
    mails = _by_recipient(outbox)
    assert set(mails) == {town.giver.email, town.colleague.email, follower.email}
    assert _subject(mails[town.giver.email]) == (
        "Terugkoppeling op je signaal: Te weinig opvang na school"
    )
    assert _subject(mails[follower.email]) == (
        "Terugkoppeling op een signaal dat je volgt: Te weinig opvang na school"
    )
    for message in mails.values():
        body = message.get_content()
        assert FEEDBACK in body
        assert "Te weinig opvang na school" in body
        assert DESCRIPTION not in body
        assert LINK.findall(body) == [f"http://localhost/kortrijk/signalen/{signal.id}"]
    [entry] = audit_entries(app)
    assert entry[0] == "signal.feedback"
    assert "3 e-mails" in entry[4]
    page = head.get(town.handle(signal))
    assert "Je terugkoppeling staat bij het signaal en gaat per e-mail naar 3 personen." in text(
        page
    )


def test_the_link_in_the_mail_works_for_the_giver_after_login(app, head, town, signal, outbox):
    head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})
    [message] = outbox
    path = urlsplit(LINK.search(message.get_content()).group(0)).path

    reader = app.test_client()
    before = reader.get(path)
    assert before.status_code == 302
    assert urlsplit(before.headers["Location"]).path == "/login"
    login = reader.post(
        before.headers["Location"],
        data={"email": town.giver.email, "password": "correct-horse-battery"},
    )
    assert urlsplit(login.headers["Location"]).path == path

    response = reader.get(path)

    assert response.status_code == 200
    assert parse(response).find("h1").text() == "Te weinig opvang na school"
    assert FEEDBACK in text(response)


def test_giver_and_followers_see_the_feedback_on_the_signal(
    head, as_user, town, signal, follower, outbox
):
    head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})

    for user in (town.giver, follower):
        page = as_user(user).get(town.url(f"signalen/{signal.id}"))
        assert FEEDBACK in text(page)


def test_anonymous_contact_gets_the_feedback_and_only_a_private_followup_link(
    app, head, make, town, outbox
):
    anonymous = make.signal(
        town.municipality,
        None,
        title="Geen bus naar het ziekenhuis",
        description="Ouderen geraken niet op hun afspraak in het AZ.",
        contact_email="Melder@Example.org",
    )

    head.post(town.handle(anonymous, "terugkoppeling"), data={"body": FEEDBACK})

    [message] = outbox
    assert message.envelope_recipients == ["Melder@Example.org"]
    assert _subject(message) == "Terugkoppeling op je signaal: Geen bus naar het ziekenhuis"
    body = message.get_content()
    assert FEEDBACK in body
    assert "Geen bus naar het ziekenhuis" in body
    assert "Ouderen geraken niet" not in body
    [link] = LINK.findall(body)
    assert urlsplit(link).path.startswith(town.url("opvolging/"))
    page = app.test_client().get(urlsplit(link).path)
    assert page.status_code == 200
    assert FEEDBACK in parse(page).text()
    assert "Ouderen geraken niet" not in text(page)


def test_anonymous_without_contact_gets_nothing(app, head, make, town, outbox):
    anonymous = make.signal(town.municipality, None)

    response = head.post(town.handle(anonymous, "terugkoppeling"), data={"body": FEEDBACK})

    assert response.status_code == 303
    assert outbox == []
    assert feedback(app, anonymous) == [(town.head.id, FEEDBACK)]


def test_people_who_may_no_longer_read_the_signal_get_no_mail(
    app, head, town, signal, follower, outbox
):
    with app.app_context():
        db.session.get(User, town.giver.id).active = False
        for membership in db.session.scalars(db.select(Membership).filter_by(user_id=follower.id)):
            db.session.delete(membership)
        db.session.commit()
        db.session.remove()

    head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})

    assert outbox == []


def test_feedback_with_htmx_answers_the_feedback_block(head, town, signal, outbox):
    response = head.post(
        town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK}, headers=HTMX
    )

    assert response.status_code == 200
    assert text(response).lstrip().startswith('<section id="terugkoppeling"')
    section = parse(response).by_id("terugkoppeling")
    assert FEEDBACK in section.text()
    assert section.find("p", role="status").text() == (
        "Je terugkoppeling staat bij het signaal en gaat per e-mail naar 1 persoon."
    )
    assert len(outbox) == 1


@pytest.mark.parametrize("body", ["", " \n ", "x" * 5001])
def test_empty_or_too_long_feedback_is_refused(app, head, town, signal, outbox, body):
    response = head.post(town.handle(signal, "terugkoppeling"), data={"body": body})

    assert response.status_code == 400
    assert feedback(app, signal) == []
    assert outbox == []


def test_a_mail_server_that_is_down_does_not_lose_the_feedback(app, head, town, signal, outbox):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed_port
    try:
        response = head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})
    finally:
        app.config["MAIL_PORT"] = port

    assert response.status_code == 303
    assert feedback(app, signal) == [(town.head.id, FEEDBACK)]


def test_rolled_back_feedback_sends_nothing(app, town, signal, outbox):
    from webapp import outbox as mail_outbox
    from webapp.models import OutboxMail, Signal
    from webapp.processing import services

    with app.test_request_context():
        row = db.session.get(Signal, signal.id)
        services.give_feedback(row, db.session.get(User, town.head.id), FEEDBACK)
        db.session.rollback()
        assert mail_outbox.deliver_due().sent == 0
        assert db.session.scalars(db.select(OutboxMail)).all() == []
        db.session.remove()

    assert outbox == []
    assert feedback(app, signal) == []


def test_giver_header_injection_in_the_title_is_harmless(app, head, make, town, outbox):
    sneaky = make.signal(town.municipality, town.giver, title="Titel\r\nBcc: iedereen@example.org")

    response = head.post(town.handle(sneaky, "terugkoppeling"), data={"body": FEEDBACK})

    assert response.status_code == 303
    [message] = outbox
    assert message.envelope_recipients == [town.giver.email]
    assert "\n" not in message["Subject"]
