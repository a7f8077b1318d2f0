"""Write operations for accounts: they flush, the request commits."""

import functools
from datetime import timedelta

from flask import current_app

from webapp import audit
from webapp.auth import events, throttle
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import (
    Invitation,
    Membership,
    Municipality,
    Organisation,
    PasswordReset,
    Role,
    User,
    UserEngagement,
    utcnow,
)
from webapp.models.user import hash_token, new_token
from webapp.notifications import queue_mail


@functools.cache
def _dummy_user() -> User:
    """Verified against when no account matches, so that a wrong address takes as long as a
    wrong password and the answer reveals nothing. Made on first use, not at import."""
    user = User(email="", name="")
    user.set_password("timing-equaliser-not-a-real-password")
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalars(db.select(User).filter_by(email=normalise_email(email))).first()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same cost either way)."""
    user = find_user(email)
    if user is None or not user.active:
        _dummy_user().check_password(password)
        return None
    return user if user.check_password(password) else None


def invite(
    municipality: Municipality,
    email: str,
    role: Role,
    invited_by: User,
    organisation: Organisation | None = None,
    action: str = "invitation.create",
) -> Invitation:
    """Create a single-use invitation for a role and organisation, and mail its link; every
    path that invites (the single form, the list, a resend) is in the audit log this way."""
    token = new_token()
    days = current_app.config["INVITATION_DAYS"]
    invitation = Invitation(
        municipality=municipality,
        email=normalise_email(email),
        role=role.value,
        token_hash=hash_token(token),
        invited_by=invited_by,
        organisation=organisation,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    queue_mail(
        invitation.email,
        f"Uitnodiging voor Lokaal Signaal {municipality.name}",
        "mail/invitation.txt",
        municipality=municipality,
        inviter=invited_by,
        role=role,
        days=days,
        link=external_url("auth.accept_invitation", token=token),
    )
    summary = (
        f"{invitation.email} uitgenodigd als {role.label}."
        if action == "invitation.create"
        else f"Uitnodiging voor {invitation.email} opnieuw verstuurd."
    )
    audit.record(municipality, invited_by, action, invitation, summary)
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalars(db.select(Invitation).filter_by(token_hash=hash_token(token))).first()


def _add_membership(user: User, municipality: Municipality | None, role: Role) -> None:
    """Give the user a role, recording consent to the municipality's privacy statement."""
    municipality_id = None if role == Role.NETWORK or municipality is None else municipality.id
    membership = next(
        (
            m
            for m in user.memberships
            if m.role == role.value and m.municipality_id == municipality_id
        ),
        None,
    )
    if membership is None:
        membership = Membership(municipality_id=municipality_id, role=role.value)
        user.memberships.append(membership)
    if municipality_id is not None:
        membership.privacy_consent_version = municipality.privacy_version
        membership.privacy_consent_at = utcnow()


def accept_invitation(
    invitation: Invitation, name: str, password: str, engagements: list[str] = ()
) -> User:
    """Turn an invitation into an account with the invited role and organisation (both set by
    the inviter), the engagements the person chose, and recorded consent."""
    user = User(email=invitation.email, name=name.strip(), organisation=invitation.organisation)
    user.set_password(password)
    _add_membership(user, invitation.municipality, Role(invitation.role))
    invitation.used_at = utcnow()
    db.session.add(user)
    db.session.flush()
    for kind in dict.fromkeys(engagements):
        db.session.add(
            UserEngagement(user_id=user.id, municipality_id=invitation.municipality_id, kind=kind)
        )
    db.session.flush()
    events.record(events.ROLE, user.email, user, _role_detail(invitation))
    return user


def _role_detail(invitation: Invitation) -> str:
    place = invitation.municipality.slug if invitation.municipality else "netwerk"
    return f"{invitation.role} in {place} (uitnodiging {invitation.id})"


def outdated_privacy_consent(user: User) -> Municipality | None:
    """A municipality whose current privacy statement the user has not accepted yet."""
    for membership in user.memberships:
        place = membership.municipality
        if place is not None and membership.privacy_consent_version != place.privacy_version:
            return place
    return None


def accept_privacy(user: User, municipality: Municipality) -> None:
    """Record consent to the municipality's current privacy statement on every role there."""
    for membership in user.memberships:
        if membership.municipality_id == municipality.id:
            membership.privacy_consent_version = municipality.privacy_version
            membership.privacy_consent_at = utcnow()
    db.session.flush()


def join_with_existing_account(invitation: Invitation, user: User) -> None:
    """An existing user accepts an invitation to another municipality or role; an organisation
    the inviter set becomes theirs."""
    _add_membership(user, invitation.municipality, Role(invitation.role))
    if invitation.organisation is not None:
        user.organisation = invitation.organisation
    invitation.used_at = utcnow()
    db.session.flush()
    events.record(events.ROLE, user.email, user, _role_detail(invitation))


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an active account; say nothing otherwise."""
    user = find_user(email)
    if user is None or not user.active:
        return
    events.record(events.RESET_REQUESTED, user.email, user)
    if not throttle.reset_mail_allowed(user.email):
        return  # the links already sent keep working
    token = new_token()
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    db.session.add(
        PasswordReset(
            user=user, token_hash=hash_token(token), expires_at=utcnow() + timedelta(hours=hours)
        )
    )
    db.session.flush()
    queue_mail(
        user.email,
        "Je wachtwoord voor Lokaal Signaal opnieuw instellen",
        "mail/password_reset.txt",
        asked_by_recipient=True,
        user=user,
        hours=hours,
        link=external_url("auth.reset_password", token=token),
    )


def find_password_reset(token: str) -> PasswordReset | None:
    reset = db.session.scalars(
        db.select(PasswordReset).filter_by(token_hash=hash_token(token))
    ).first()
    return reset if reset is not None and reset.is_usable() else None


def reset_password(reset: PasswordReset, password: str) -> None:
    """Set the new password, spend the token (and every other open one) and end every
    existing session."""
    now = utcnow()
    reset.user.set_password(password)
    reset.user.end_sessions()
    # An older link lying in a mailbox must not be able to overwrite the new password.
    db.session.execute(
        db.update(PasswordReset)
        .where(PasswordReset.user_id == reset.user_id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    reset.used_at = now
    throttle.lift_lock(reset.user.email)
    events.record(events.RESET, reset.user.email, reset.user)
    db.session.flush()


def create_user(
    email: str,
    name: str,
    role: Role,
    municipality: Municipality | None,
    organisation: Organisation | None = None,
    password: str | None = None,
) -> User:
    """Create a user with one role (used by the CLI and the demo data)."""
    user = User(email=normalise_email(email), name=name, organisation=organisation)
    if password:
        user.set_password(password)
    if role != Role.NETWORK and municipality is None:
        raise ValueError("a municipality is required for this role")
    _add_membership(user, municipality, role)
    db.session.add(user)
    db.session.flush()
    place = municipality.slug if municipality is not None else "netwerk"
    events.record(events.ROLE, user.email, user, f"{role.value} in {place}")
    return user
