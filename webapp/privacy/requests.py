"""The register of privacy requests (GDPR art. 12-21): what a person asked, when it was
received, the deadline of 30 days, its state, who handled it and the answer.

A person files a request on "Mijn gegevens"; a head processor registers one that came by
letter, mail or at the desk. An objection (art. 21) restricts the processing of the person's
data until it is handled (art. 18.1.d); turned down, the restriction it started is lifted.
Every request and every answer is in the audit log, without the text of either. The worker
reminds the head processors a few days before a deadline (`send_reminders`).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import g
from sqlalchemy import select

from common.dutch import local, long_date
from webapp import audit
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import Membership, Municipality, PrivacyRequest, Role, User, utcnow
from webapp.notifications import queue_mail
from webapp.privacy import services

DEADLINE_DAYS = 30
REMIND_DAYS = 5

OBJECTION = "bezwaar"
KINDS = {
    "inzage": "inzage",
    "verbetering": "verbetering",
    "wissing": "wissing",
    "beperking": "beperking van de verwerking",
    OBJECTION: "bezwaar",
    "overdraagbaarheid": "overdraagbaarheid",
    "intrekking_toestemming": "intrekking van toestemming",
}
OPEN = "open"
IN_PROGRESS = "in_behandeling"
ANSWERED = "beantwoord"
STATES = {OPEN: "ontvangen", IN_PROGRESS: "in behandeling", ANSWERED: "beantwoord"}
GRANTED = "ingewilligd"
PARTLY = "gedeeltelijk"
REFUSED = "afgewezen"
OUTCOMES = {GRANTED: "ingewilligd", PARTLY: "gedeeltelijk ingewilligd", REFUSED: "afgewezen"}


def today() -> date:
    return local(utcnow()).date()


def deadline_for(received_on: date) -> date:
    return received_on + timedelta(days=DEADLINE_DAYS)


def days_left(request: PrivacyRequest, on: date | None = None) -> int:
    return (request.deadline - (on or today())).days


def _who(person: User | None, actor: User | None) -> str:
    if person is not None and actor is not None and actor.id == person.id:
        return "door de persoon zelf"
    return "door een hoofdsignaalverwerker"


def register(
    municipality: Municipality,
    person: User,
    kind: str,
    detail: str,
    actor: User,
    received_on: date | None = None,
) -> PrivacyRequest:
    """Put a request in the register; an objection restricts processing until handled."""
    received_on = received_on or today()
    request = PrivacyRequest(
        municipality_id=municipality.id,
        user_id=person.id,
        kind=kind,
        detail=detail,
        received_on=received_on,
        deadline=deadline_for(received_on),
        state=OPEN,
        restricts=False,
        answer="",
        created_by_id=actor.id,
    )
    if kind == OBJECTION and not person.processing_restricted:
        services.restrict(person, actor, True)
        request.restricts = True
    db.session.add(request)
    db.session.flush()
    code = "privacy.object" if kind == OBJECTION else "privacy.request"
    audit.record(
        municipality,
        actor,
        code,
        request,
        f"Privacyverzoek ({KINDS[kind]}) van gebruiker {person.id} ontvangen op "
        f"{long_date(received_on)}, {_who(person, actor)}; antwoord uiterlijk "
        f"{long_date(request.deadline)}.",
    )
    if actor.id == person.id:
        _tell_heads(
            municipality,
            f"Nieuw privacyverzoek in {municipality.name}",
            "mail/privacy_request_new.txt",
            request,
        )
    return request


def update(
    request: PrivacyRequest, actor: User, state: str, outcome: str | None, answer: str
) -> bool:
    """Take a request in hand or answer it; False when nothing changed."""
    if request.state == ANSWERED:
        return False
    if state == request.state and state != ANSWERED:
        return False
    request.state = state
    request.handled_by_id = actor.id
    municipality = db.session.get(Municipality, request.municipality_id)
    if state != ANSWERED:
        db.session.flush()
        return True
    request.outcome = outcome
    request.answer = answer
    request.answered_at = utcnow()
    person = request.user
    if (
        request.kind == OBJECTION
        and request.restricts
        and outcome == REFUSED
        and person is not None
        and not _other_restricting(request)
    ):
        services.restrict(person, actor, False)
    db.session.flush()
    audit.record(
        municipality,
        actor,
        "privacy.request_answered",
        request,
        f"Privacyverzoek ({KINDS[request.kind]}) van gebruiker {request.user_id} beantwoord: "
        f"{OUTCOMES[outcome]}.",
    )
    if person is not None and person.erased_at is None:
        g.outbox_municipality = municipality
        queue_mail(
            person.email,
            f"Antwoord op je privacyverzoek bij Lokaal Signaal {municipality.name}",
            "mail/privacy_request_answer.txt",
            asked_by_recipient=True,  # their own request: art. 12.3 asks for the answer
            name=person.name,
            municipality=municipality,
            kind=KINDS[request.kind],
            received=long_date(request.received_on),
            outcome=OUTCOMES[outcome],
            answer=answer,
            lifted=request.kind == OBJECTION and outcome == REFUSED and request.restricts,
        )
    return True


def _other_restricting(request: PrivacyRequest) -> bool:
    return (
        db.session.scalar(
            select(PrivacyRequest.id).where(
                PrivacyRequest.user_id == request.user_id,
                PrivacyRequest.id != request.id,
                PrivacyRequest.restricts.is_(True),
                PrivacyRequest.state != ANSWERED,
            )
        )
        is not None
    )


def _heads(municipality: Municipality) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.active.is_(True),
                User.memberships.any(
                    (Membership.municipality_id == municipality.id)
                    & (Membership.role == Role.HEAD_PROCESSOR.value)
                ),
            )
            .order_by(User.id)
        )
    )


def _tell_heads(municipality: Municipality, subject: str, template: str, request) -> int:
    g.outbox_municipality = municipality
    sent = 0
    for head in _heads(municipality):
        sent += queue_mail(
            head.email,
            subject,
            template,
            name=head.name,
            municipality=municipality,
            kind=KINDS[request.kind],
            received=long_date(request.received_on),
            deadline=long_date(request.deadline),
            days=days_left(request),
            link=external_url(
                "privacy.show_request", gemeente=municipality.slug, privacy_request_id=request.id
            ),
        )
    return sent


@dataclass
class Reminders:
    requests: int = 0
    mails: int = 0


def send_reminders(now: datetime | None = None) -> Reminders:
    """Remind the head processors of every open request whose deadline is at most REMIND_DAYS
    away (or passed), once per request; commits."""
    on = local(now or utcnow()).date()
    due = db.session.scalars(
        select(PrivacyRequest)
        .where(
            PrivacyRequest.state != ANSWERED,
            PrivacyRequest.reminded_at.is_(None),
            PrivacyRequest.deadline <= on + timedelta(days=REMIND_DAYS),
        )
        .order_by(PrivacyRequest.deadline, PrivacyRequest.id)
        .limit(200)
    ).all()
    result = Reminders()
    for request in due:
        municipality = db.session.get(Municipality, request.municipality_id)
        result.mails += _tell_heads(
            municipality,
            "Herinnering: een privacyverzoek moet beantwoord zijn op "
            + long_date(request.deadline),
            "mail/privacy_request_reminder.txt",
            request,
        )
        request.reminded_at = now or utcnow()
        result.requests += 1
    db.session.commit()
    return result
