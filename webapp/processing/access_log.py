"""The access log: every access to the platform that concerns a municipality's people, in
readable Dutch, for the head processor; filterable by person, event and period, 50 per page by
cursor.

Two sources, read as one list, newest first:
- the authentication events (`auth_event`) of the people who hold a role here, from the moment
  they got that role: a login opens this municipality's data, so it is this municipality's
  concern; what happened before the person joined is not. Events that name a municipality (a
  role granted, an invitation accepted) are shown only to the municipality they name, so a head
  processor does not learn of a person's roles elsewhere. Failed logins for addresses of no
  account belong to no municipality and are not shown here.
- the access-related audit entries of this municipality (invitations, roles, deactivation and
  reactivation, privacy requests).
"""

import re
from datetime import timedelta

from flask import abort, g, request
from flask_login import current_user
from sqlalchemy import Integer, String, and_, case, cast, exists, func, literal, null, or_, select
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from webapp import access, audit
from webapp.extensions import db
from webapp.forms import without_nul
from webapp.labels import AUTH_EVENT_LABELS
from webapp.models import AuditEntry, AuthEvent, Membership, Role, User
from webapp.pagination import KeyOrder, keyset_page, requested_position
from webapp.processing.blueprint import bp
from webapp.processing.forms import Select, _date_field, _UrlForm
from webapp.processing.inbox import start_of_day
from webapp.rendering import render_page

PAGE_SIZE = 50

# Events that name a municipality in their detail ("giver in gent (uitnodiging 5)").
PLACED_KINDS = ("role_granted", "invitation_accepted")
# The audit codes about access: invitations, roles, accounts and privacy requests.
ACCESS_CODES = (
    "invitation.create",
    "invitation.resend",
    "invitation.revoke",
    "person.role",
    "person.deactivate",
    "person.reactivate",
    "privacy.request",
    "privacy.request_answered",
    "privacy.object",
    "privacy.restrict",
    "privacy.correct",
    "privacy.email",
    "privacy.erase",
    "privacy.consent_withdrawn",
    "privacy.consent_accepted",
)
AUTH, AUDIT = 1, 2
TWO_FACTOR_DETAIL = {"aan": "aangezet", "uit": "uitgezet", "herstelcodes": "nieuwe herstelcodes"}


ROLE_DETAIL = re.compile(r"^(\w+) in \S+(?: \(uitnodiging \d+\))?$")


def event_label(source: int, code: str, detail: str = "") -> str:
    if source == AUTH:
        if code == "role_granted" and "(uitnodiging " in (detail or ""):
            code = "invitation_accepted"  # a role that came with an accepted invitation
        return AUTH_EVENT_LABELS.get(code, "andere gebeurtenis bij het aanmelden")
    return audit.label(code)


def role_in(detail: str | None) -> str:
    """The role a role or invitation event names, in Dutch; empty for any other detail."""
    found = ROLE_DETAIL.match(detail or "")
    if found and found.group(1) in {role.value for role in Role}:
        return Role(found.group(1)).label
    return ""


def event_choices() -> list[SelectChoice]:
    choices = [SelectChoice(f"a:{k}", v) for k, v in AUTH_EVENT_LABELS.items() if k != "two_factor"]
    choices += [SelectChoice(f"l:{code}", event_label(AUDIT, code)) for code in ACCESS_CODES]
    return [SelectChoice("", "Alle gebeurtenissen"), *choices]


class AccessFilterForm(_UrlForm):
    persoon = StringField(
        "Persoon (naam of e-mailadres)",
        filters=[without_nul],
        validators=[Optional(), Length(max=200, message="Hoogstens 200 tekens.")],
    )
    gebeurtenis = Select("Gebeurtenis", default="")
    since = _date_field("Vanaf")
    until = _date_field("Tot en met")

    def url_args(self) -> dict[str, str]:
        args = {
            "persoon": (self.persoon.data or "").strip(),
            "gebeurtenis": self.gebeurtenis.data,
            "since": self.since.data.isoformat() if self.since.data else "",
            "until": self.until.data.isoformat() if self.until.data else "",
        }
        return {name: value for name, value in args.items() if value}


def _auth_events(municipality, people):
    """The authentication events of this municipality's people since they joined it."""
    joined_before = exists().where(
        Membership.user_id == AuthEvent.user_id,
        Membership.municipality_id == municipality.id,
        Membership.created_at <= AuthEvent.created_at,
    )
    slug = municipality.slug
    placed_here = or_(
        AuthEvent.detail.endswith(f" in {slug}", autoescape=True),
        AuthEvent.detail.contains(f" in {slug} ", autoescape=True),
    )
    query = select(
        AuthEvent.created_at.label("at"),
        literal(AUTH, Integer).label("source"),
        AuthEvent.id.label("id"),
        AuthEvent.kind.label("code"),
        AuthEvent.user_id.label("person_id"),
        cast(null(), Integer).label("actor_id"),
        AuthEvent.address.label("address"),
        AuthEvent.detail.label("detail"),
    ).where(
        AuthEvent.user_id.is_not(None),
        joined_before,
        or_(AuthEvent.kind.not_in(PLACED_KINDS), placed_here),
    )
    if people is not None:
        query = query.where(AuthEvent.user_id.in_(people))
    return query


def _audit_entries(municipality, people):
    about_person = AuditEntry.subject_type == User.__tablename__
    query = select(
        AuditEntry.created_at.label("at"),
        literal(AUDIT, Integer).label("source"),
        AuditEntry.id.label("id"),
        AuditEntry.action.label("code"),
        # The person an entry is about: the account it changed, else who acted.
        case((about_person, AuditEntry.subject_id), else_=AuditEntry.actor_id).label("person_id"),
        AuditEntry.actor_id.label("actor_id"),
        cast(null(), String).label("address"),
        AuditEntry.summary.label("detail"),
    ).where(AuditEntry.municipality_id == municipality.id, AuditEntry.action.in_(ACCESS_CODES))
    if people is not None:
        query = query.where(
            or_(
                AuditEntry.actor_id.in_(people),
                and_(about_person, AuditEntry.subject_id.in_(people)),
            )
        )
    return query


def access_events(user, municipality, form: AccessFilterForm):
    """The union of both sources under the form's filters, as a subquery; None when the user
    may not read it."""
    if not access.acts_for_people(user, municipality):
        return None
    people = None
    needle = " ".join((form.persoon.data or "").split()).lower()
    if needle:
        people = select(User.id).where(
            User.memberships.any(Membership.municipality_id == municipality.id),
            or_(
                func.lower(User.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True),
            ),
        )
    wanted = form.gebeurtenis.data or ""
    parts = []
    if not wanted.startswith("l:"):
        auth = _auth_events(municipality, people)
        if wanted:
            auth = auth.where(AuthEvent.kind == wanted[2:])
        parts.append((auth, AuthEvent.created_at))
    if not wanted.startswith("a:"):
        entries = _audit_entries(municipality, people)
        if wanted:
            entries = entries.where(AuditEntry.action == wanted[2:])
        parts.append((entries, AuditEntry.created_at))
    selects = []
    for query, column in parts:
        if form.since.data:
            query = query.where(column >= start_of_day(form.since.data))
        if form.until.data:
            query = query.where(column < start_of_day(form.until.data + timedelta(days=1)))
        selects.append(query)
    union = selects[0] if len(selects) == 1 else selects[0].union_all(*selects[1:])
    return union.subquery("access_events")


def _rows(query, size: int) -> list:
    return list(db.session.execute(query.limit(size + 1)).all())


@bp.get("/verwerken/toegangslog")
def access_log():
    form = AccessFilterForm(request.args)
    form.gebeurtenis.choices = event_choices()
    context = {"form": form, "events": [], "listed": None, "args": {}, "page_error": False}
    valid = form.validate()
    events = access_events(current_user, g.municipality, form) if valid else None
    if valid and events is None:
        abort(404)
    order = KeyOrder((events.c.at, events.c.source, events.c.id), True) if valid else None
    position = requested_position(order) if order is not None else None
    if not valid or position is None:
        context["page_error"] = valid
        return render_page("processing/access_log.html", block="results", status=400, **context)
    listed = keyset_page(select(events), order, position, size=PAGE_SIZE, load=_rows)
    ids = {row.person_id for row in listed.items} | {row.actor_id for row in listed.items}
    names = {
        user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids - {None})))
    }
    context.update(
        events=listed.items,
        listed=listed,
        args=form.url_args(),
        names=names,
        label=event_label,
        two_factor=TWO_FACTOR_DETAIL,
        role_in=role_in,
        AUTH=AUTH,
    )
    return render_page("processing/access_log.html", block="results", **context)
