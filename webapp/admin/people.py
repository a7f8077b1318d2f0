"""Write operations on a municipality's people and invitations: they flush, the request commits."""

import re

from sqlalchemy import select

from webapp import audit
from webapp.auth import services as auth_services
from webapp.extensions import db
from webapp.models import (
    Invitation,
    Membership,
    Municipality,
    Organisation,
    Role,
    User,
    UserEngagement,
    utcnow,
)

EMAIL_SEPARATORS = re.compile(r"[\s,;]+")


def roles_here(user: User, municipality: Municipality) -> list[Role]:
    return sorted(
        (Role(m.role) for m in user.memberships if m.municipality_id == municipality.id),
        key=list(Role).index,
    )


def change_role(user: User, municipality: Municipality, role: Role, actor: User) -> None:
    """Give the user this one role in the municipality; consent already given stays."""
    here = [m for m in user.memberships if m.municipality_id == municipality.id]
    consent = next((m for m in here if m.privacy_consent_version), None)
    for membership in here:
        if membership.role != role.value:
            user.memberships.remove(membership)
    if not any(m.role == role.value for m in here):
        user.memberships.append(
            Membership(
                municipality_id=municipality.id,
                role=role.value,
                privacy_consent_version=consent.privacy_consent_version if consent else None,
                privacy_consent_at=consent.privacy_consent_at if consent else None,
                # Member here since the first role: the access log counts from then.
                created_at=min((m.created_at for m in here if m.created_at), default=None)
                or utcnow(),
            )
        )
    # Rights change at once: sessions opened under the old role end.
    user.end_sessions()
    db.session.flush()
    audit.record(municipality, actor, "person.role", user, f"{user.name} is nu {role.label}.")


def deactivate(user: User, municipality: Municipality, actor: User) -> bool:
    """End every session at once; signals and contributions stay. An account that also works
    for another municipality keeps its roles there and only loses this one (True then)."""
    elsewhere = [m for m in user.memberships if m.municipality_id not in (municipality.id, None)]
    if elsewhere:
        for membership in [m for m in user.memberships if m.municipality_id == municipality.id]:
            user.memberships.remove(membership)
    else:
        user.active = False
    user.end_sessions()
    db.session.flush()
    audit.record(municipality, actor, "person.deactivate", user, f"{user.name} is gedeactiveerd.")
    return bool(elsewhere)


def reactivate(user: User, municipality: Municipality, actor: User) -> bool:
    """Let a deactivated account in again, with the roles it kept here; False when it was not
    deactivated."""
    if user.active or user.erased_at is not None:
        return False
    user.active = True
    db.session.flush()
    audit.record(municipality, actor, "person.reactivate", user, f"{user.name} is heractiveerd.")
    return True


def emails_in(text: str) -> list[str]:
    """The addresses in a pasted list (one per line, or separated by commas or semicolons)."""
    found = []
    for part in EMAIL_SEPARATORS.split(text or ""):
        address = auth_services.normalise_email(part.strip("<>\"'"))
        if address and address not in found:
            found.append(address)
    return found


def invite_many(
    municipality: Municipality,
    emails: list[str],
    role: Role,
    actor: User,
    organisation: Organisation | None,
) -> list[Invitation]:
    # Each invitation is in the audit log: auth_services.invite records it.
    return [
        auth_services.invite(municipality, email, role, actor, organisation) for email in emails
    ]


def resend(invitation: Invitation, actor: User) -> Invitation:
    """A fresh link for the same person, role and organisation; the old link stops working."""
    invitation.revoked_at = utcnow()
    return auth_services.invite(
        invitation.municipality,
        invitation.email,
        Role(invitation.role),
        actor,
        invitation.organisation,
        action="invitation.resend",
    )


def revoke(invitation: Invitation, actor: User) -> None:
    invitation.revoked_at = utcnow()
    db.session.flush()
    audit.record(
        invitation.municipality,
        actor,
        "invitation.revoke",
        invitation,
        f"Uitnodiging voor {invitation.email} ingetrokken.",
    )


def invitation_state(invitation: Invitation) -> str:
    if invitation.used_at is not None:
        return "aanvaard"
    if invitation.revoked_at is not None:
        return "ingetrokken"
    if invitation.expires_at <= utcnow():
        return "verlopen"
    return "openstaand"


def engagements_by_person(municipality: Municipality, user_ids: list[int]) -> dict[int, list[str]]:
    """The labels of what each of these people is willing to do here."""
    found: dict[int, list[str]] = {}
    if not user_ids:
        return found
    rows = db.session.scalars(
        select(UserEngagement).where(
            UserEngagement.municipality_id == municipality.id,
            UserEngagement.user_id.in_(user_ids),
        )
    )
    for row in rows:
        found.setdefault(row.user_id, []).append(row.label)
    return found
