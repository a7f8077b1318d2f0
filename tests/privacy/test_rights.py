"""Rights as the law means them (issue 18 Build 3): a restriction stops the use of the person's
data until lifted, an objection creates a request and restricts until handled, and the head
processor keeps a register of requests with a 30-day deadline and a reminder before it."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.processing.helpers import audit_entries
from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import MeetingInvitation, OutboxMail, PrivacyRequest, Role, User, utcnow
from webapp.privacy import requests

FEEDBACK = "Dit signaal staat op de agenda van het overleg."


def _restrict(head, town, person, on: bool = True):
    data = {"actie": "beperken"} | ({"restricted": "y"} if on else {})
    response = head.post(town.url(f"mensen/{person.id}"), data=data)
    assert response.status_code == 303


def _queued_to(app, address: str) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(
            select(OutboxMail.subject).where(OutboxMail.recipient == address)
        ).all()
        db.session.remove()
        return list(rows)


def _stored(app, model, **where):
    with app.app_context():
        rows = db.session.scalars(select(model).filter_by(**where).order_by(model.id)).all()
        db.session.expunge_all()
        db.session.remove()
        return rows


def test_a_restriction_stops_every_mail_and_use_until_it_is_lifted(
    app, make, town, as_user, outbox
):
    head = as_user(town.head)
    signal = make.signal(town.municipality, town.giver, title="Te weinig opvang")
    meeting = make.meeting(town.municipality)
    _restrict(head, town, town.giver)

    # Feedback on their own signal: no mail to them.
    head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK})
    assert town.giver.email not in {m.envelope_recipients[0] for m in outbox}
    assert _queued_to(app, town.giver.email) == []
    # Invited to a meeting by role: not them, not mailed.
    invite = town.url(f"agenda/{meeting.id}/uitnodigen")
    shown = head.post(invite, data={"roles": [Role.GIVER.value]})
    assert shown.status_code == 200  # the recipients, by name, before anything is sent
    offered = set(re.findall(r'name="ontvangers" type="checkbox" value="(\d+)"', shown.text))
    assert str(town.colleague.id) in offered and str(town.giver.id) not in offered
    # Ticking them by hand changes nothing: only who was offered can be invited.
    everyone = [str(town.colleague.id), str(town.giver.id)]
    response = head.post(
        invite, data={"roles": [Role.GIVER.value], "ontvangers": everyone, "stap": "versturen"}
    )
    assert response.status_code == 303
    invited = {i.user_id for i in _stored(app, MeetingInvitation, meeting_id=meeting.id)}
    assert town.colleague.id in invited and town.giver.id not in invited
    # Not shown to colleagues in the people list; the head processor still sees them, marked.
    colleague_list = text(as_user(town.processor).get(town.url("mensen")))
    assert "Ann Vermeulen" not in colleague_list and "Chris De Smet" in colleague_list
    head_list = parse(head.get(town.url("mensen")))
    row = next(tr for tr in head_list.find_all("tr") if "Ann Vermeulen" in tr.text())
    assert "verwerking beperkt" in row.text()

    # What they ask for themselves still reaches them: a new password.
    outbox.clear()
    app.test_client().post("/wachtwoord-vergeten", data={"email": town.giver.email})
    assert [m.envelope_recipients[0] for m in outbox] == [town.giver.email]

    # Lifted: mail flows again.
    _restrict(head, town, town.giver, on=False)
    outbox.clear()
    head.post(town.handle(signal, "terugkoppeling"), data={"body": FEEDBACK + " Nog eens."})
    assert town.giver.email in {m.envelope_recipients[0] for m in outbox}


def test_a_restricted_processor_is_not_assigned_and_gets_no_new_signal_mail(
    app, make, town, as_user, set_notify, outbox
):
    from webapp import notifications
    from webapp.models import Municipality, Signal
    from webapp.processing import services

    head = as_user(town.head)
    set_notify(town.processor, "immediate")
    set_notify(town.head, "immediate")
    _restrict(head, town, town.processor)
    signal = make.signal(town.municipality, town.giver, title="Nieuw signaal")
    with app.test_request_context():
        place = db.session.get(Municipality, town.municipality.id)
        candidates = {u.id for u in services.processor_candidates(place)}
        notifications.signal_submitted(db.session.get(Signal, signal.id))
        db.session.commit()
        db.session.remove()
    assert town.processor.id not in candidates and town.head.id in candidates
    assert [m.envelope_recipients[0] for m in outbox] == [town.head.email]


def test_restricting_drops_the_mail_not_sent_yet(app, town, as_user):
    with app.app_context():
        db.session.add(
            OutboxMail(
                recipient=town.giver.email,
                subject="Wachtend",
                body="Nog niet verstuurd.",
                message_id="<wachtend@lokaalsignaal.be>",
                next_attempt_at=utcnow() + timedelta(days=1),
                attempts=1,
            )
        )
        db.session.commit()
    assert _queued_to(app, town.giver.email) == ["Wachtend"]
    _restrict(as_user(town.head), town, town.giver)
    assert _queued_to(app, town.giver.email) == []


def test_a_person_objects_it_is_registered_and_restricts_until_turned_down(
    app, town, as_user, outbox
):
    giver = as_user(town.giver)
    response = giver.post(
        "/mijn-gegevens/verzoek",
        data={"municipality": town.slug, "kind": "bezwaar", "detail": "Niet voor rapporten."},
    )
    assert response.status_code == 303
    [item] = _stored(app, PrivacyRequest)
    assert (item.kind, item.state, item.restricts) == ("bezwaar", "open", True)
    assert item.deadline == item.received_on + timedelta(days=30)
    with app.app_context():
        assert db.session.get(User, town.giver.id).processing_restricted
    # The head processor hears of it.
    assert town.head.email in {m.envelope_recipients[0] for m in outbox}
    codes = [e[0] for e in audit_entries(app)]
    assert codes == ["privacy.restrict", "privacy.object"]

    head = as_user(town.head)
    register = text(head.get(town.url("privacyverzoeken")))
    assert "Bezwaar" in register and "nog 30 dagen" in register and "Ann Vermeulen" in register
    url = town.url(f"privacyverzoeken/{item.id}")
    refused = head.post(url, data={"state": "beantwoord", "outcome": "", "answer": ""})
    assert refused.status_code == 400
    page = parse(refused)
    assert "Kies de uitkomst van het verzoek." in page.text()
    outbox.clear()
    answered = head.post(
        url,
        data={"state": "beantwoord", "outcome": "afgewezen", "answer": "Wettelijke opdracht."},
    )
    assert answered.status_code == 303
    [item] = _stored(app, PrivacyRequest)
    assert (item.state, item.outcome, item.handled_by_id) == (
        "beantwoord",
        "afgewezen",
        town.head.id,
    )
    with app.app_context():
        assert not db.session.get(User, town.giver.id).processing_restricted
    # The answer reaches the person, who was restricted when it was written.
    [mail] = [m for m in outbox if m.envelope_recipients[0] == town.giver.email]
    assert "Wettelijke opdracht." in mail.get_content()
    codes = [e[0] for e in audit_entries(app)]
    assert codes[-2:] == ["privacy.restrict", "privacy.request_answered"]
    # An answered request is not answered twice.
    again = head.post(url, data={"state": "beantwoord", "outcome": "ingewilligd", "answer": "x"})
    assert again.status_code == 303
    assert _stored(app, PrivacyRequest)[0].outcome == "afgewezen"


def test_the_head_processor_registers_a_request_received_by_letter(app, town, as_user):
    head = as_user(town.head)
    url = town.url(f"mensen/{town.giver.id}")
    bad = head.post(
        url,
        data={"actie": "verzoek", "kind": "", "received_on": "31-02-2026", "detail": "Per brief"},
    )
    assert bad.status_code == 400
    page = parse(bad)
    assert "Per brief" in page.find("textarea", name="detail").text()
    assert "Kies een soort verzoek." in page.text()
    received = (requests.today() - timedelta(days=27)).isoformat()
    ok = head.post(
        url,
        data={
            "actie": "verzoek",
            "kind": "overdraagbaarheid",
            "received_on": received,
            "detail": "Per brief",
        },
    )
    assert ok.status_code == 303
    [item] = _stored(app, PrivacyRequest)
    assert item.deadline == date.fromisoformat(received) + timedelta(days=30)
    assert not item.restricts
    register = text(head.get(town.url("privacyverzoeken")))
    assert "nog 3 dagen" in register
    [entry] = [e for e in audit_entries(app) if e[0] == "privacy.request"]
    assert entry[1] == town.head.id and "Per brief" not in entry[4]
    future = (requests.today() + timedelta(days=1)).isoformat()
    assert (
        head.post(
            url, data={"actie": "verzoek", "kind": "inzage", "received_on": future}
        ).status_code
        == 400
    )


def test_the_worker_reminds_the_head_processors_once_before_the_deadline(
    app, town, as_user, outbox
):
    head = as_user(town.head)
    url = town.url(f"mensen/{town.giver.id}")
    near = (requests.today() - timedelta(days=26)).isoformat()
    far = (requests.today() - timedelta(days=2)).isoformat()
    for received in (near, far):
        head.post(url, data={"actie": "verzoek", "kind": "inzage", "received_on": received})
    with app.app_context():
        first = requests.send_reminders()
        second = requests.send_reminders()
        db.session.remove()
    assert (first.requests, first.mails, second.requests) == (1, 1, 0)
    [mail] = [m for m in outbox if "Herinnering" in m["Subject"]]
    assert mail.envelope_recipients == [town.head.email]
    assert "Het moet beantwoord zijn op" in mail.get_content()


def test_the_worker_round_sends_the_reminders(app, town, as_user):
    from webapp.worker import Worker

    head = as_user(town.head)
    near = (requests.today() - timedelta(days=29)).isoformat()
    head.post(
        town.url(f"mensen/{town.giver.id}"),
        data={"actie": "verzoek", "kind": "wissing", "received_on": near},
    )
    with app.app_context():
        Worker(None).round()
        db.session.remove()
    assert [r.reminded_at is not None for r in _stored(app, PrivacyRequest)] == [True]


@pytest.mark.parametrize("state", ["open", "alle"])
def test_the_register_is_of_the_own_municipality_only(app, town, other_town, as_user, state):
    as_user(other_town.giver).post(
        "/mijn-gegevens/verzoek", data={"municipality": other_town.slug, "kind": "inzage"}
    )
    [item] = _stored(app, PrivacyRequest)
    head = as_user(town.head)
    args = {"toon": state} if state != "open" else {}
    assert "Er" in text(head.get(town.url("privacyverzoeken"), query_string=args))
    assert "Ann Vermeulen" not in text(head.get(town.url("privacyverzoeken"), query_string=args))
    assert head.get(town.url(f"privacyverzoeken/{item.id}")).status_code == 404
    assert (
        as_user(other_town.head).get(other_town.url(f"privacyverzoeken/{item.id}")).status_code
        == 200
    )


def test_a_request_without_a_kind_comes_back_with_what_was_typed(app, town, as_user):
    response = as_user(town.giver).post(
        "/mijn-gegevens/verzoek",
        data={"municipality": town.slug, "kind": "", "detail": "Mijn tekst, héél precies."},
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.find("textarea", name="detail").text() == "Mijn tekst, héél precies."
    assert "Kies wat je vraagt." in page.text()
    assert _stored(app, PrivacyRequest) == []
    other = as_user(town.giver).post(
        "/mijn-gegevens/verzoek", data={"municipality": "gent", "kind": "inzage"}
    )
    assert other.status_code == 400
