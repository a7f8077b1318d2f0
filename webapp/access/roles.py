"""The roles of the access policy: who holds which, and the sets the rules are written in."""

from webapp.models import Municipality, Role

SIGNAL_READERS = frozenset({Role.GIVER, Role.HEAD_PROCESSOR, Role.PROCESSOR, Role.ORG_PROCESSOR})
# The municipality's own processors: they handle every signal and manage partners and people.
PROCESSORS = frozenset({Role.HEAD_PROCESSOR, Role.PROCESSOR})
# The roles that can process signals: an organisation processor only while its agreement says so
# (see processing_scope); what holds one gets processors' mail, session limits and second factor.
PROCESSING_ROLES = PROCESSORS | {Role.ORG_PROCESSOR}
INVITERS = frozenset({Role.HEAD_PROCESSOR, Role.PROCESSOR})
MEMBERS = SIGNAL_READERS | {Role.ALDERMAN}


def stored(roles: frozenset[Role]) -> list[str]:
    """The roles as Membership.role stores them, for a query (the driver binds an enum by name)."""
    return sorted(role.value for role in roles)


def roles_of(user, municipality: Municipality | None) -> frozenset[Role]:
    """The roles a (possibly anonymous) user holds in a municipality."""
    if not user.is_authenticated:
        return frozenset()
    return user.roles_in(municipality)


def is_member(user, municipality: Municipality) -> bool:
    """Whether the user holds a role tied to this municipality (the network role is not)."""
    return bool(roles_of(user, municipality) - {Role.NETWORK})
