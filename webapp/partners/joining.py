"""Join requests: an organisation asks to take part, the head processor approves (creating the
organisation and a draft agreement) or declines with a message. They flush; the request commits."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp import audit
from webapp.extensions import db
from webapp.labels import JOIN_REQUEST_STATUS_LABELS
from webapp.models import (
    Engagement,
    JoinRequest,
    JoinRequestStatus,
    Municipality,
    Organisation,
    User,
    utcnow,
)
from webapp.notifications import queue_mail
from webapp.partners import services

STATUS_LABELS = JOIN_REQUEST_STATUS_LABELS


def find_by_key(key: str) -> JoinRequest | None:
    return db.session.scalars(select(JoinRequest).where(JoinRequest.idempotency_key == key)).first()


def submit_join_request(municipality: Municipality, key: str, **fields) -> JoinRequest:
    """Store the request once per form: a retried or double-clicked submit finds the first."""
    existing = find_by_key(key)
    if existing is not None:
        return existing
    join_request = JoinRequest(municipality_id=municipality.id, idempotency_key=key, **fields)
    try:
        with db.session.begin_nested():
            db.session.add(join_request)
    except IntegrityError:
        existing = find_by_key(key)
        if existing is None:
            raise
        return existing
    if municipality.contact_email:
        queue_mail(
            municipality.contact_email,
            f"Nieuwe aanvraag om mee te werken: {join_request.organisation_name}",
            "mail/join_request_received.txt",
            municipality=municipality,
            join_request=join_request,
        )
    return join_request


def approve(join_request: JoinRequest, actor: User, message: str) -> Organisation:
    """Create (or reuse) the organisation and, for one of the four ways, a draft agreement."""
    municipality = join_request.municipality
    organisation = db.session.scalars(
        select(Organisation).where(
            Organisation.municipality_id == municipality.id,
            Organisation.name == join_request.organisation_name,
        )
    ).first()
    if organisation is None:
        organisation = services.create_organisation(
            municipality,
            actor,
            name=join_request.organisation_name,
            kind=join_request.kind,
            website=join_request.website,
        )
    join_request.organisation = organisation
    if join_request.engagement:
        join_request.agreement = services.create_agreement(
            municipality, organisation, actor, Engagement(join_request.engagement)
        )
    _decide(join_request, actor, JoinRequestStatus.APPROVED, message)
    return organisation


def decline(join_request: JoinRequest, actor: User, message: str) -> None:
    _decide(join_request, actor, JoinRequestStatus.DECLINED, message)


def _decide(join_request: JoinRequest, actor: User, status: JoinRequestStatus, message: str):
    join_request.status = status.value
    join_request.decision_message = message.strip()
    join_request.decided_by_id = actor.id
    join_request.decided_at = utcnow()
    db.session.flush()
    audit.record(
        join_request.municipality,
        actor,
        f"join_request.{status.value}",
        join_request,
        f"Aanvraag van “{join_request.organisation_name}” {STATUS_LABELS[status]}.",
    )
    queue_mail(
        join_request.contact_email,
        f"Je aanvraag bij Lokaal Signaal {join_request.municipality.name}",
        "mail/join_request_decided.txt",
        municipality=join_request.municipality,
        join_request=join_request,
        approved=status == JoinRequestStatus.APPROVED,
    )
