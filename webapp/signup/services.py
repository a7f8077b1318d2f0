"""Requests from outside, stored once and sent on: a would-be giver's account request reaches
the municipality's head processors, who approve it (an invitation through the invitation path
every account takes) or decline it with a message; a municipality's request to take part
reaches the network's coordinators. They flush; the request commits."""

import hashlib

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp import audit
from webapp.auth import services as auth_services
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import (
    AccountRequest,
    Membership,
    Municipality,
    MunicipalityRequest,
    RequestStatus,
    Role,
    User,
    utcnow,
)
from webapp.notifications import queue_mail


def _stored_once(model, key: str, make):
    """The row with this idempotency key, made by `make()` when there is none yet."""
    existing = db.session.scalars(select(model).where(model.idempotency_key == key)).first()
    if existing is not None:
        return existing, False
    row = make()
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        existing = db.session.scalars(select(model).where(model.idempotency_key == key)).first()
        if existing is None:
            raise
        return existing, False
    return row, True


def _active(role: Role, municipality: Municipality | None = None):
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.role == role.value, User.active.is_(True))
        .distinct()
        .order_by(User.id)
    )
    if municipality is not None:
        query = query.where(Membership.municipality_id == municipality.id)
    return db.session.scalars(query).all()


def submit_account_request(municipality: Municipality, key: str, **fields) -> AccountRequest:
    """Store the request once per form and tell the head processors."""
    account_request, created = _stored_once(
        AccountRequest,
        key,
        lambda: AccountRequest(municipality_id=municipality.id, idempotency_key=key, **fields),
    )
    if created:
        link = external_url("signup.list_account_requests", gemeente=municipality.slug)
        for head in _active(Role.HEAD_PROCESSOR, municipality):
            queue_mail(
                head.email,
                f"Nieuwe accountaanvraag voor Lokaal Signaal {municipality.name}",
                "signup/mail_account_request.txt",
                municipality=municipality,
                account_request=account_request,
                link=link,
            )
    return account_request


def approve_account_request(account_request: AccountRequest, actor: User, message: str) -> None:
    """Send the invitation as a giver through the invitation path; the request remembers it."""
    municipality = account_request.municipality
    account_request.invitation = auth_services.invite(
        municipality, account_request.email, Role.GIVER, actor
    )
    _decide(account_request, actor, RequestStatus.APPROVED, message)


def decline_account_request(account_request: AccountRequest, actor: User, message: str) -> None:
    _decide(account_request, actor, RequestStatus.DECLINED, message)
    queue_mail(
        account_request.email,
        f"Je accountaanvraag bij Lokaal Signaal {account_request.municipality.name}",
        "signup/mail_account_declined.txt",
        municipality=account_request.municipality,
        account_request=account_request,
    )


def _decide(account_request: AccountRequest, actor: User, status: RequestStatus, message: str):
    account_request.status = status.value
    account_request.decision_message = message.strip()
    account_request.decided_by_id = actor.id
    account_request.decided_at = utcnow()
    db.session.flush()
    audit.record(
        account_request.municipality,
        actor,
        f"account_request.{status.value}",
        account_request,
        f"Accountaanvraag van {account_request.name} {status.label}.",
    )


def content_key(*parts: str) -> str:
    """An idempotency key from what was typed: a form on a static page holds no token of its
    own, and the same request sent twice is stored once."""
    digest = hashlib.sha256("\x00".join(p.strip().lower() for p in parts).encode()).hexdigest()
    return f"content-{digest[:56]}"


def submit_municipality_request(**fields) -> MunicipalityRequest:
    key = content_key(
        fields["municipality_name"], fields["contact_email"], fields.get("message", "")
    )
    request, created = _stored_once(
        MunicipalityRequest, key, lambda: MunicipalityRequest(idempotency_key=key, **fields)
    )
    if created:
        link = external_url("signup.list_municipality_requests")
        for coordinator in _active(Role.NETWORK):
            queue_mail(
                coordinator.email,
                f"Doe mee als gemeente: {request.municipality_name}",
                "signup/mail_municipality_request.txt",
                municipality_request=request,
                link=link,
            )
    return request


def mark_handled(municipality_request: MunicipalityRequest, actor: User) -> None:
    if municipality_request.handled_at is None:
        municipality_request.handled_at = utcnow()
        municipality_request.handled_by_id = actor.id
