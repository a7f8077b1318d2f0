"""The one access policy: who may see or do what.

What anyone may read (the public microsites, the iCalendar feed) is in `webapp.public.scopes`.

Every view is covered by a rule in ENDPOINT_RULES, checked before the view runs; an endpoint
without a rule is refused (deny by default). Views load tenant data only through the scopes
below, so nothing of another municipality can leak through a forgotten filter.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Response, abort, flash, g, redirect, request, url_for
from sqlalchemy import Select, or_, select

from common.dutch import local
from webapp.access.partners import (  # noqa: F401  (scopes of partnerships and administration)
    can_change_agreement_status,
    can_manage_partners,
    manageable_invitations,
    manageable_people,
    municipality_terms,
    reviewable_join_requests,
    visible_agreements,
    visible_organisations,
    visible_people,
)
from webapp.access.roles import (  # noqa: F401
    INVITERS,
    MEMBERS,
    PROCESSING_ROLES,
    PROCESSORS,
    SIGNAL_READERS,
    is_member,
    roles_of,
    stored,
)
from webapp.extensions import db
from webapp.models import (
    AccountRequest,
    Agreement,
    AgreementStatus,
    Engagement,
    Meeting,
    MeetingInvitation,
    Membership,
    Municipality,
    MunicipalityRequest,
    Organisation,
    Role,
    Signal,
    User,
    utcnow,
)
from webapp.public.scopes import (  # noqa: F401
    active_agreements,
    network_public_card_actions,
    network_public_card_decisions,
    network_public_card_meetings,
    network_public_cards,
    public_actions,
    public_cards,
    public_meetings,
    public_organisations,
)


@dataclass(frozen=True)
class Decision:
    """The outcome of a rule: allowed, or the status to answer with."""

    allowed: bool
    status: int = 200

    @classmethod
    def allow(cls) -> "Decision":
        return cls(True)


ALLOW = Decision.allow()
LOGIN = Decision(False, 401)
FORBIDDEN = Decision(False, 403)
NOT_FOUND = Decision(False, 404)


def _public(user, municipality) -> Decision:
    return ALLOW


def _authenticated(user, municipality) -> Decision:
    return ALLOW if user.is_authenticated else LOGIN


def _members_with(allowed_roles: frozenset[Role]) -> Callable:
    """A rule for municipality pages: anonymous must log in, outsiders get 404, members
    without one of the roles get 403."""

    def rule(user, municipality) -> Decision:
        if not user.is_authenticated:
            return LOGIN
        roles = roles_of(user, municipality)
        if roles & allowed_roles:
            return ALLOW
        if is_member(user, municipality) or Role.NETWORK in roles:
            return FORBIDDEN
        return NOT_FOUND

    return rule


@dataclass(frozen=True)
class ProcessingScope:
    """Which signals of a municipality a processor handles: all, or one organisation's staff."""

    all_signals: bool
    organisation_id: int | None = None


def processing_scope(user, municipality: Municipality | None) -> ProcessingScope | None:
    """None when the user does not process signals here.

    Head and colleague processors handle every signal; an organisation processor handles its
    own staff's signals or all of them, as the organisation's active agreement says, and is a
    plain giver without one.
    """
    if municipality is None or not user.is_authenticated:
        return None
    cache = g.setdefault("processing_scopes", {})
    key = (user.id, municipality.id)
    if key not in cache:
        cache[key] = _processing_scope(user, municipality)
    return cache[key]


def _processing_scope(user, municipality: Municipality) -> ProcessingScope | None:
    roles = roles_of(user, municipality)
    if roles & PROCESSORS:
        return ProcessingScope(all_signals=True)
    agreement = processor_agreement(user, municipality)
    if agreement is None:
        return None
    if agreement.engagement == Engagement.BROAD_MANDATE:
        return ProcessingScope(all_signals=True)
    if agreement.engagement == Engagement.OWN_STAFF:
        return ProcessingScope(all_signals=False, organisation_id=user.organisation_id)
    return None


def has_agreement(municipality: Municipality, organisation_id: int) -> bool:
    """Whether the organisation has a draft or active agreement with the municipality."""
    return (
        db.session.scalars(
            select(Agreement.id).where(
                Agreement.municipality_id == municipality.id,
                Agreement.organisation_id == organisation_id,
                Agreement.status != AgreementStatus.ENDED.value,
            )
        ).first()
        is not None
    )


def active_agreement(municipality: Municipality, organisation_id: int) -> Agreement | None:
    """The organisation's agreement in force today, if any."""
    today = local(utcnow()).date()
    return db.session.scalars(
        active_agreements(municipality, today)
        .where(Agreement.organisation_id == organisation_id)
        .order_by(Agreement.id.desc())
    ).first()


def processor_agreement(user, municipality: Municipality | None) -> Agreement | None:
    """The active agreement that makes this organisation processor more than a giver, read
    once per request (ending an agreement ends its rights on the next request)."""
    if municipality is None or not user.is_authenticated or user.organisation_id is None:
        return None
    if Role.ORG_PROCESSOR not in roles_of(user, municipality):
        return None
    cache = g.setdefault("processor_agreements", {})
    key = (user.id, municipality.id)
    if key not in cache:
        agreement = active_agreement(municipality, user.organisation_id)
        processes = agreement is not None and agreement.engagement in PROCESSING_ENGAGEMENTS
        cache[key] = agreement if processes else None
    return cache[key]


PROCESSING_ENGAGEMENTS = frozenset({Engagement.OWN_STAFF, Engagement.BROAD_MANDATE})


def manages(user, municipality: Municipality | None, area: str) -> bool:
    """Whether the user creates and edits the municipality's cards, actions or meetings (`area`):
    head and colleague processors always; an organisation processor only where its active
    agreement grants it explicitly."""
    if municipality is None or not user.is_authenticated:
        return False
    if roles_of(user, municipality) & PROCESSORS:
        return True
    agreement = processor_agreement(user, municipality)
    return agreement is not None and agreement.grants(area)


def is_processor(user, municipality: Municipality | None) -> bool:
    return processing_scope(user, municipality) is not None


def may_confirm_publication(user, municipality: Municipality) -> bool:
    """Only a head processor may publish a text the personal-data guard flagged, by confirming
    it holds no personal data (webapp/publication.py)."""
    return Role.HEAD_PROCESSOR in roles_of(user, municipality)


def _processors(user, municipality) -> Decision:
    if not user.is_authenticated:
        return LOGIN
    if is_processor(user, municipality):
        return ALLOW
    roles = roles_of(user, municipality)
    return FORBIDDEN if is_member(user, municipality) or Role.NETWORK in roles else NOT_FOUND


def _network(user, municipality) -> Decision:
    """The network role's pages: aggregates across municipalities and published cards."""
    if not user.is_authenticated:
        return LOGIN
    return ALLOW if Role.NETWORK in roles_of(user, None) else FORBIDDEN


LEARNERS = PROCESSING_ROLES | {Role.NETWORK}


def learns_from_network(user) -> bool:
    """Processors of any municipality (and the network) read the learning network: what every
    municipality published, through webapp.public.scopes only."""
    if not user.is_authenticated:
        return False
    return any(Role(m.role) in LEARNERS for m in user.memberships)


def _learners(user, municipality) -> Decision:
    if not user.is_authenticated:
        return LOGIN
    return ALLOW if learns_from_network(user) else FORBIDDEN


def _managers(area: str) -> Callable:
    """A rule for creating and editing cards, actions or meetings (see `manages`)."""

    def rule(user, municipality) -> Decision:
        if not user.is_authenticated:
            return LOGIN
        if manages(user, municipality, area):
            return ALLOW
        roles = roles_of(user, municipality)
        return FORBIDDEN if is_member(user, municipality) or Role.NETWORK in roles else NOT_FOUND

    return rule


ENDPOINT_RULES: dict[str, Callable] = {
    "assets": _public,
    "main.home": _public,
    "main.municipality_home": _public,
    "auth.login": _public,
    "auth.logout": _authenticated,
    "auth.forgot_password": _public,
    "auth.reset_password": _public,
    "auth.accept_invitation": _public,
    "auth.invite": _members_with(INVITERS),
    "signals.new_signal": _public,
    "signals.submitted": _public,
    "offline.service_worker": _public,
    "offline.manifest": _public,
    "signals.list_signals": _members_with(SIGNAL_READERS),
    "signals.show_signal": _members_with(SIGNAL_READERS),
    "signals.toggle_follow": _members_with(SIGNAL_READERS),
    "signals.reinforce_signal": _members_with(SIGNAL_READERS),
    "signals.supplement_signal": _members_with(SIGNAL_READERS),
    "signals.my_signals": _members_with(SIGNAL_READERS),
    "mailprefs.mail_settings": _members_with(SIGNAL_READERS),
    # The signed token in the address is the proof (RFC 8058): no login, no CSRF token.
    "mailprefs.unsubscribe": _public,
    "processing.inbox": _processors,
    "processing.bulk_update": _processors,
    "processing.handle_signal": _processors,
    "processing.change_status": _processors,
    "processing.assign_signal": _processors,
    "processing.add_note": _processors,
    "processing.send_feedback": _processors,
    "processing.notification_settings": _processors,
    "processing.audit_log": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "cards.list_cards": _members_with(MEMBERS),
    "cards.show_card": _members_with(MEMBERS),
    "cards.new_card": _managers("cards"),
    "cards.edit_card": _managers("cards"),
    "cards.change_card_status": _managers("cards"),
    "actions.list_actions": _members_with(MEMBERS),
    "actions.show_action": _members_with(MEMBERS),
    "actions.new_action": _managers("actions"),
    "actions.edit_action": _managers("actions"),
    "actions.add_update": _managers("actions"),
    "meetings.list_meetings": _members_with(MEMBERS),
    "meetings.show_meeting": _members_with(MEMBERS),
    "meetings.new_meeting": _managers("meetings"),
    "meetings.edit_meeting": _managers("meetings"),
    "meetings.add_agenda_item": _managers("meetings"),
    "meetings.ical_feed": _public,
    "privacy.redact_signal": _processors,
    "privacy.my_data": _authenticated,
    "privacy.export_data": _authenticated,
    "privacy.correct_data": _authenticated,
    "privacy.confirm_email": _public,
    "privacy.restrict_processing": _authenticated,
    "privacy.erase_account": _authenticated,
    "privacy.find_person": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "privacy.person_data": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    # The token is the key: a wrong or revoked one answers 404 like any unknown page.
    "followup.show_followup": _public,
    "followup.revoke_links": _processors,
    "reports.show_report": _members_with(PROCESSORS | {Role.ALDERMAN}),
    "reports.college_report": _members_with(PROCESSORS | {Role.ALDERMAN}),
    "reports.export_table": _members_with(PROCESSORS | {Role.ALDERMAN}),
    "network.overview": _network,
    "network.export_table": _network,
    "network.list_cards": _network,
    "network.new_file": _network,
    "network.show_file": _network,
    "network.change_file_status": _network,
    "network.refer_card": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "partners.list_organisations": _members_with(MEMBERS),
    "partners.show_organisation": _members_with(MEMBERS),
    "partners.new_organisation": _members_with(PROCESSORS),
    "partners.edit_organisation": _members_with(PROCESSORS),
    "partners.new_agreement": _members_with(PROCESSORS),
    "partners.show_agreement": _public,
    "partners.edit_agreement": _members_with(PROCESSORS),
    "partners.agreement_versions": _members_with(PROCESSORS),
    "partners.change_agreement_status": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "partners.join_request": _public,
    "partners.join_request_sent": _public,
    "partners.list_join_requests": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "partners.decide_join_request": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.list_people": _members_with(PROCESSORS),
    "admin.change_role": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.deactivate_person": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.list_invitations": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.resend_invitation": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.revoke_invitation": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.settings": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.list_terms": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.add_term": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.rename_term": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "admin.toggle_term": _members_with(frozenset({Role.HEAD_PROCESSOR})),
    "people.my_engagements": _members_with(MEMBERS),
    "meetings.invite_people": _managers("meetings"),
    "meetings.answer_invitation": _members_with(MEMBERS),
    "meetings.meeting_ics": _members_with(MEMBERS),
    "admin.privacy_texts": _members_with(frozenset({Role.HEAD_PROCESSOR})),
}

# Consent (issue 18): accepting and withdrawing are for members; the statement is public. Who
# must accept before sharing is decided in webapp/access/consent.py.
ENDPOINT_RULES["privacy.accept_privacy"] = _members_with(MEMBERS)
ENDPOINT_RULES["privacy.withdraw_consent"] = _members_with(MEMBERS)
ENDPOINT_RULES["privacy.show_statement"] = _public

# Mail that could not be delivered and microsite builds that failed (issue 10).
ENDPOINT_RULES["processing.delivery_status"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
# Two-factor authentication: the code after the password, one's own set-up, the municipality's
# requirement (issue 10).
ENDPOINT_RULES["auth.login_code"] = _public
ENDPOINT_RULES["auth.two_factor_settings"] = _authenticated
ENDPOINT_RULES["processing.security_settings"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
# Shared management (issue 21): colleague processors manage the tool with the head processor:
# settings, themes and target groups, join requests, the audit log, invitations of givers
# (manageable_invitations narrows them). Only the head decides the roles of processors
# (admin.change_role, admin.deactivate_person), the privacy statement (admin.privacy_texts),
# privacy requests, security, agreements' status and confirming flagged text for publication
# (may_confirm_publication).
for _endpoint in (
    "admin.settings",
    "admin.list_terms",
    "admin.add_term",
    "admin.rename_term",
    "admin.toggle_term",
    "partners.list_join_requests",
    "partners.decide_join_request",
    "processing.audit_log",
    "admin.list_invitations",
    "admin.resend_invitation",
    "admin.revoke_invitation",
):
    ENDPOINT_RULES[_endpoint] = _members_with(PROCESSORS)
# The policy domains a processor follows (issue 21).
ENDPOINT_RULES["processing.my_domains"] = _members_with(PROCESSORS)
# From signal to decision (issue 21): decisions on cards and meetings.
ENDPOINT_RULES["cards.add_decision"] = _managers("cards")
ENDPOINT_RULES["cards.remove_decision"] = _managers("cards")
ENDPOINT_RULES["meetings.add_decision"] = _managers("meetings")
ENDPOINT_RULES["meetings.remove_decision"] = _managers("meetings")
# One page per person, reactivation, the register of privacy requests and the access log
# (issue 18 Build 3, 4 and 9; issue 21 Build 7): the head processor's.
ENDPOINT_RULES["people.person"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["admin.reactivate_person"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["privacy.list_requests"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["privacy.show_request"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["privacy.file_request"] = _authenticated
ENDPOINT_RULES["processing.access_log"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
# The learning network (issue 21): processors of every municipality read what all published.
ENDPOINT_RULES["learning.list_examples"] = _learners
ENDPOINT_RULES["learning.show_example"] = _learners
# Requests from outside (issue 21): an account for a would-be giver, reaching the head processor;
# "Doe mee als gemeente", reaching the network.
ENDPOINT_RULES["signup.request_account"] = _public
ENDPOINT_RULES["signup.account_request_sent"] = _public
ENDPOINT_RULES["signup.list_account_requests"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["signup.decide_account_request"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["signup.request_membership"] = _public
ENDPOINT_RULES["signup.membership_request_sent"] = _public
ENDPOINT_RULES["signup.list_municipality_requests"] = _network
ENDPOINT_RULES["signup.handle_municipality_request"] = _network
# Logos for the microsites: the head processor the municipality's; its processors, or the
# organisation's own processor, a partner's (`logo_organisations` narrows).
ENDPOINT_RULES["branding.municipality_logo"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
ENDPOINT_RULES["branding.organisation_logo"] = _members_with(PROCESSORS | {Role.ORG_PROCESSOR})
# The network vocabulary of themes: the head processor maps the municipality's themes.
ENDPOINT_RULES["vocabulary.map_themes"] = _members_with(frozenset({Role.HEAD_PROCESSOR}))
# One organisation across municipalities: the network's coordinators link them.
ENDPOINT_RULES["identities.list_identities"] = _network


def decide(endpoint: str | None, user, municipality: Municipality | None) -> Decision:
    """Decide on a request before its view runs; unknown endpoints are refused."""
    if endpoint is None:
        return NOT_FOUND
    rule = ENDPOINT_RULES.get(endpoint)
    if rule is None:
        return FORBIDDEN
    return rule(user, municipality)


def enforce(endpoint: str | None, user, municipality: Municipality | None):
    """Turn a decision into a response: a login redirect, an error page, or nothing."""
    decision = decide(endpoint, user, municipality)
    if decision.allowed:
        return None
    if decision.status == 401:
        login_url = url_for("auth.login", next=_current_page())
        if request.htmx:
            # htmx would swap the login page into a fragment: send the whole page there instead.
            return Response(status=401, headers={"HX-Redirect": login_url})
        if request.method == "GET":
            flash("Meld je aan om deze pagina te bekijken.", "info")
            return redirect(login_url)
        abort(401)
    abort(decision.status)


def invitable_roles(user, municipality: Municipality) -> list[Role]:
    """Processors invite givers; the head processor also invites colleagues and aldermen."""
    roles = roles_of(user, municipality)
    if Role.HEAD_PROCESSOR in roles:
        return [Role.GIVER, Role.PROCESSOR, Role.ORG_PROCESSOR, Role.ALDERMAN, Role.HEAD_PROCESSOR]
    if roles & INVITERS:
        return [Role.GIVER]
    return []


def _current_page() -> str:
    """The page to come back to after logging in (for htmx, the page the user is on)."""
    if request.htmx and request.htmx.current_url:
        parts = urlsplit(request.htmx.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.full_path.rstrip("?")


def visible_signals(user, municipality: Municipality) -> Select:
    """The signals of a municipality this user may read; empty for everyone else.

    Organisation processors read like givers until agreements define their wider scope.
    """
    query = select(Signal).where(Signal.municipality_id == municipality.id)
    if roles_of(user, municipality) & SIGNAL_READERS:
        return query
    return query.where(False)


def signal_audience(user, municipality: Municipality) -> str:
    """Which readers `visible_signals` gives the same signals to: every signal reader of the
    municipality all of them, everyone else none. A list rendered once is shared within one
    audience only (webapp/fragments.py); change this together with `visible_signals`."""
    return "readers" if roles_of(user, municipality) & SIGNAL_READERS else "nobody"


def can_contribute(user, signal: Signal) -> bool:
    """Whether the user may follow, reinforce or supplement this signal."""
    return bool(roles_of(user, signal.municipality) & SIGNAL_READERS)


def submits_with_account(user, municipality: Municipality) -> bool:
    """Whether a signal submitted here is tied to the user's account (else it is anonymous)."""
    return bool(roles_of(user, municipality) & SIGNAL_READERS)


def may_process(user, signal: Signal) -> bool:
    """Whether this signal lies within the user's processing scope (the inbox's scope)."""
    scope = processing_scope(user, signal.municipality)
    if scope is None:
        return False
    return scope.all_signals or signal.organisation_id == scope.organisation_id


def can_see_contact_email(user, signal: Signal) -> bool:
    """An anonymous submitter's contact address is for the processors of that signal only."""
    return may_process(user, signal)


def processable_signals(user, municipality: Municipality) -> Select:
    """The signals this user handles as a processor here; empty for everyone else."""
    query = select(Signal).where(Signal.municipality_id == municipality.id)
    scope = processing_scope(user, municipality)
    if scope is None:
        return query.where(False)
    if scope.all_signals:
        return query
    return query.where(Signal.organisation_id == scope.organisation_id)


def _for_members(user, municipality: Municipality, public: Select, area: str) -> Select:
    """Who manages the area sees everything of it in the municipality; other members what is
    public there (`public`, a scope of webapp.public.scopes); everyone else nothing."""
    model = public.column_descriptions[0]["entity"]
    if manages(user, municipality, area):
        return select(model).where(model.municipality_id == municipality.id)
    if roles_of(user, municipality) & MEMBERS:
        return public
    return public.where(False)


def visible_cards(user, municipality: Municipality) -> Select:
    """Who manages cards sees every card, drafts too; other members only published ones."""
    return _for_members(user, municipality, public_cards(municipality), "cards")


def visible_actions(user, municipality: Municipality) -> Select:
    """Who manages actions sees every action; other members only public ones."""
    return _for_members(user, municipality, public_actions(municipality), "actions")


def visible_meetings(user, municipality: Municipality) -> Select:
    """Who manages meetings sees every meeting; other members public ones and those they are
    invited to."""
    scope = _for_members(user, municipality, public_meetings(municipality), "meetings")
    if manages(user, municipality, "meetings") or not roles_of(user, municipality) & MEMBERS:
        return scope
    invited = select(MeetingInvitation.meeting_id).where(MeetingInvitation.user_id == user.id)
    return select(Meeting).where(
        Meeting.municipality_id == municipality.id,
        or_(Meeting.is_public.is_(True), Meeting.id.in_(invited)),
    )


def people_of(user, municipality: Municipality) -> Select:
    """The people of a municipality whose privacy requests this user may carry out: the head
    processor's, for everyone holding a role here; empty for everyone else."""
    query = select(User).where(
        User.memberships.any(Membership.municipality_id == municipality.id),
        User.erased_at.is_(None),
    )
    return query if acts_for_people(user, municipality) else query.where(False)


def acts_for_people(user, municipality: Municipality) -> bool:
    """Whether this user carries out privacy requests for the municipality's people."""
    return Role.HEAD_PROCESSOR in roles_of(user, municipality)


def reviewable_account_requests(user, municipality: Municipality) -> Select:
    """The head processor decides on the accounts would-be givers ask for."""
    query = select(AccountRequest).where(AccountRequest.municipality_id == municipality.id)
    return query if Role.HEAD_PROCESSOR in roles_of(user, municipality) else query.where(False)


def logo_organisations(user, municipality: Municipality) -> Select:
    """Whose logo this user may upload here: the municipality's processors every partner's,
    an organisation processor only their own organisation's; everyone else none."""
    query = select(Organisation).where(Organisation.municipality_id == municipality.id)
    roles = roles_of(user, municipality)
    if roles & PROCESSORS:
        return query
    if Role.ORG_PROCESSOR in roles and user.organisation_id is not None:
        return query.where(Organisation.id == user.organisation_id)
    return query.where(False)


def network_organisations(user) -> Select:
    """The network's coordinators link the organisations of every municipality (names are
    public); everyone else none."""
    query = select(Organisation)
    return query if Role.NETWORK in roles_of(user, None) else query.where(False)


def network_municipality_requests(user) -> Select:
    """The network's coordinators read the municipalities' requests to take part."""
    query = select(MunicipalityRequest)
    return query if Role.NETWORK in roles_of(user, None) else query.where(False)


def sees_exact_counts(user, municipality: Municipality) -> bool:
    """Who may read the signals themselves sees exact counts; aldermen and the network see
    small counts suppressed."""
    return bool(roles_of(user, municipality) & SIGNAL_READERS)


def privacy_requests(user, municipality: Municipality) -> Select:
    """The register of privacy requests: the head processor's, of their municipality only."""
    from webapp.models import PrivacyRequest

    query = select(PrivacyRequest).where(PrivacyRequest.municipality_id == municipality.id)
    return query if acts_for_people(user, municipality) else query.where(False)
