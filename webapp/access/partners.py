"""Scopes and predicates of partnerships and municipality administration: organisations,
agreements, join requests, people, invitations, themes and target groups."""

from sqlalchemy import Select, select

from common.dutch import local
from webapp.access.roles import MEMBERS, PROCESSORS, roles_of
from webapp.models import (
    Agreement,
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Role,
    User,
    utcnow,
)
from webapp.public.scopes import active_agreements, public_organisations


def visible_organisations(user, municipality: Municipality) -> Select:
    """Members see their municipality's partner organisations; everyone else none here."""
    query = public_organisations(municipality)
    return query if roles_of(user, municipality) & MEMBERS else query.where(False)


def visible_agreements(user, municipality: Municipality) -> Select:
    """Head and colleague processors see every agreement, drafts and ended ones too; anyone
    else only those in force (they are public)."""
    if roles_of(user, municipality) & PROCESSORS:
        return select(Agreement).where(Agreement.municipality_id == municipality.id)
    return active_agreements(municipality, local(utcnow()).date())


def can_manage_partners(user, municipality: Municipality | None) -> bool:
    """Head and colleague processors edit organisations and agreements."""
    return bool(roles_of(user, municipality) & PROCESSORS)


def can_change_agreement_status(user, municipality: Municipality | None) -> bool:
    """Only the head processor activates or ends an agreement."""
    return Role.HEAD_PROCESSOR in roles_of(user, municipality)


def reviewable_join_requests(user, municipality: Municipality) -> Select:
    """Head and colleague processors decide on the organisations that ask to take part (they
    manage the tool together, issue 21)."""
    query = select(JoinRequest).where(JoinRequest.municipality_id == municipality.id)
    if roles_of(user, municipality) & PROCESSORS:
        return query
    return query.where(False)


def manageable_people(user, municipality: Municipality) -> Select:
    """The head processor manages everyone holding a role in the municipality."""
    query = select(User).where(User.memberships.any(Membership.municipality_id == municipality.id))
    if Role.HEAD_PROCESSOR in roles_of(user, municipality):
        return query
    return query.where(False)


def manageable_invitations(user, municipality: Municipality) -> Select:
    """The head processor sees, resends and revokes the municipality's invitations; a
    colleague processor those of givers (who holds which role stays the head's decision)."""
    query = select(Invitation).where(Invitation.municipality_id == municipality.id)
    roles = roles_of(user, municipality)
    if Role.HEAD_PROCESSOR in roles:
        return query
    if Role.PROCESSOR in roles:
        return query.where(Invitation.role == Role.GIVER.value)
    return query.where(False)


def municipality_terms(user, municipality: Municipality, model) -> Select:
    """Head and colleague processors manage the municipality's themes or target groups
    (`model`)."""
    query = select(model).where(model.municipality_id == municipality.id)
    if roles_of(user, municipality) & PROCESSORS:
        return query
    return query.where(False)


def visible_people(user, municipality: Municipality) -> Select:
    """Head and colleague processors see the municipality's people and their engagements; a
    person who restricted the processing of their data only the head processor, who handles
    their request (GDPR art. 18: kept, not shown to others)."""
    query = select(User).where(User.memberships.any(Membership.municipality_id == municipality.id))
    if Role.HEAD_PROCESSOR in roles_of(user, municipality):
        return query
    if roles_of(user, municipality) & PROCESSORS:
        return query.where(User.processing_restricted.is_(False))
    return query.where(False)
