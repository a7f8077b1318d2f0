"""Carrying out a person's privacy rights: correction, restriction and erasure.

Each request is written to the audit log of every municipality the person belongs to, naming
who asked (the person, or the head processor acting for them) and never the data itself.
"""

from datetime import timedelta

from sqlalchemy import delete, func, or_, select, update

from webapp import audit, outbox
from webapp.auth import events as auth_events
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import (
    Agreement,
    AuditEntry,
    EmailChange,
    Feedback,
    Follow,
    InternalNote,
    Invitation,
    Meeting,
    MeetingInvitation,
    Municipality,
    Organisation,
    PasswordReset,
    Reinforcement,
    Signal,
    StatusChange,
    Supplement,
    User,
    UserEngagement,
    utcnow,
)
from webapp.models.user import hash_token, new_token
from webapp.notifications import queue_mail

FORMER_USER = "voormalig gebruiker"
EMAIL_CHANGE_HOURS = 48


def _municipalities(user: User) -> list[Municipality]:
    return [m.municipality for m in user.memberships if m.municipality is not None]


def _log(user: User, actor: User | None, action: str, what: str) -> None:
    """One audit entry per municipality of the person; the summary names no personal data."""
    if actor is None:
        by = "na de bewaartermijn voor inactieve accounts"
    elif actor.id == user.id:
        by = "op eigen verzoek"
    else:
        by = "door een hoofdsignaalverwerker"
    for municipality in _municipalities(user):
        audit.record(municipality, actor, action, user, f"{what} van gebruiker {user.id}, {by}.")


def correct(user: User, actor: User, name: str, organisation: Organisation | None) -> bool:
    """Correct name and organisation; False when nothing changed."""
    changed = []
    if name != user.name:
        scrub_text(user.name, name)
        user.name = name
        changed.append("naam")
    if (organisation.id if organisation else None) != user.organisation_id:
        user.organisation = organisation
        changed.append("organisatie")
    if changed:
        _log(user, actor, "privacy.correct", f"Gegevens verbeterd ({', '.join(changed)})")
        db.session.flush()
    return bool(changed)


def request_email_change(user: User, actor: User, new_email: str) -> None:
    """Mail a confirmation link to the new address; the old one holds until it is opened."""
    token = new_token()
    db.session.add(
        EmailChange(
            user=user,
            new_email=new_email,
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(hours=EMAIL_CHANGE_HOURS),
        )
    )
    _log(user, actor, "privacy.email", "Nieuw e-mailadres aangevraagd")
    db.session.flush()
    queue_mail(
        new_email,
        "Bevestig je nieuwe e-mailadres voor Lokaal Signaal",
        "mail/email_change.txt",
        asked_by_recipient=True,
        name=user.name,
        link=external_url("privacy.confirm_email", token=token),
        hours=EMAIL_CHANGE_HOURS,
    )


def find_email_change(token: str) -> EmailChange | None:
    change = db.session.scalars(select(EmailChange).filter_by(token_hash=hash_token(token))).first()
    return change if change is not None and change.is_usable() else None


def email_in_use(email: str, user: User) -> bool:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(func.lower(User.email) == email.lower(), User.id != user.id)
        )
        > 0
    )


def confirm_email_change(change: EmailChange) -> bool:
    """Take the new address into use; False when another account has it meanwhile."""
    user = change.user
    if email_in_use(change.new_email, user):
        return False
    scrub_text(user.email, change.new_email)
    user.email = change.new_email
    change.used_at = utcnow()
    # The old address is no longer this person's: nothing else should keep it.
    db.session.execute(delete(EmailChange).where(EmailChange.user_id == user.id))
    _log(user, user, "privacy.email", "E-mailadres bevestigd")
    db.session.flush()
    return True


def restrict(user: User, actor: User, restricted: bool) -> bool:
    """Hide (or show again) the person's name on their contributions."""
    if user.processing_restricted == restricted:
        return False
    user.processing_restricted = restricted
    if restricted:
        # No mail to them from now on: what was queued and not sent yet goes too.
        outbox.drop_unsent(recipient=user.email)
    what = "Verwerking beperkt" if restricted else "Beperking van de verwerking opgeheven"
    _log(user, actor, "privacy.restrict", what)
    db.session.flush()
    return True


def erase(user: User, actor: User | None) -> None:
    """Erase the account: the person leaves every record; their signals, reinforcements and
    supplements stay as the municipality's record, signed "voormalig gebruiker"."""
    _log(user, actor, "privacy.erase", "Account gewist")
    old_name, old_email = user.name, user.email
    placeholder_email = f"gewist-{user.id}@gewist.invalid"
    scrub_text(old_name, FORMER_USER)
    scrub_text(old_email, placeholder_email)
    db.session.execute(
        update(Signal)
        .where(func.lower(Signal.contact_email) == old_email.lower())
        .values(contact_email=None)
        .execution_options(synchronize_session=False)
    )
    _leave_public_contacts(old_name, old_email)
    outbox.forget_addresses([old_email], placeholder_email)
    auth_events.forget_person(user, old_email)
    for model, column in (
        (Follow, Follow.user_id),
        (PasswordReset, PasswordReset.user_id),
        (EmailChange, EmailChange.user_id),
    ):
        db.session.execute(
            delete(model).where(column == user.id).execution_options(synchronize_session=False)
        )
    db.session.execute(
        delete(Invitation)
        .where(func.lower(Invitation.email) == old_email.lower())
        .execution_options(synchronize_session=False)
    )
    for membership in list(user.memberships):
        db.session.delete(membership)  # through the session: the public sites see it
    user.name = FORMER_USER
    user.email = placeholder_email
    user.password_hash = None
    user.organisation = None
    user.active = False
    user.processing_restricted = True
    user.erased_at = utcnow()
    user.last_login_at = None
    user.end_sessions()
    db.session.flush()
    db.session.expire(user, ["memberships"])


def erase_from(user: User, actor: User, municipality: Municipality) -> bool:
    """A head processor's erasure: the person leaves this municipality with their part of its
    records (signals stay, without them), and keeps their account and other municipalities.
    Only for a person of this municipality alone is the whole account erased; erasing the
    account of someone who belongs elsewhere too stays with the person (/mijn-gegevens).
    True when the whole account was erased."""
    others = [m for m in user.memberships if m.municipality_id != municipality.id]
    if not others:
        erase(user, actor)
        return True
    audit.record(
        municipality,
        actor,
        "privacy.erase",
        user,
        f"Gebruiker {user.id} gewist uit {municipality.name}, door een hoofdsignaalverwerker.",
    )
    here = select(Signal.id).where(Signal.municipality_id == municipality.id).scalar_subquery()
    keep_time = {"updated_at": Signal.updated_at}
    statements = [
        update(Signal)
        .where(Signal.municipality_id == municipality.id, Signal.submitted_by_id == user.id)
        .values(submitted_by_id=None, **keep_time),
        update(Signal)
        .where(
            Signal.municipality_id == municipality.id,
            func.lower(Signal.contact_email) == user.email.lower(),
        )
        .values(contact_email=None, **keep_time),
        delete(Follow).where(Follow.user_id == user.id, Follow.signal_id.in_(here)),
        delete(UserEngagement).where(
            UserEngagement.user_id == user.id, UserEngagement.municipality_id == municipality.id
        ),
        delete(MeetingInvitation).where(
            MeetingInvitation.user_id == user.id,
            MeetingInvitation.meeting_id.in_(
                select(Meeting.id).where(Meeting.municipality_id == municipality.id)
            ),
        ),
        delete(Invitation).where(
            Invitation.municipality_id == municipality.id,
            func.lower(Invitation.email) == user.email.lower(),
        ),
        update(AuditEntry)
        .where(AuditEntry.municipality_id == municipality.id, AuditEntry.actor_id == user.id)
        .values(actor_id=None),
    ]
    for model, owner in (
        (Reinforcement, Reinforcement.user_id),
        (Supplement, Supplement.user_id),
        (StatusChange, StatusChange.changed_by_id),
        (Feedback, Feedback.author_id),
        (InternalNote, InternalNote.author_id),
    ):
        statements.append(
            update(model).where(owner == user.id, model.signal_id.in_(here)).values({owner: None})
        )
    for statement in statements:
        db.session.execute(statement.execution_options(synchronize_session=False))
    for membership in list(user.memberships):
        if membership.municipality_id == municipality.id:
            db.session.delete(membership)  # through the session: the public sites see it
    outbox.drop_unsent(recipient=user.email, municipality_id=municipality.id)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    return False


def _leave_public_contacts(name: str, email: str) -> None:
    """A person who was a municipality's coordinator or an agreement's contact is no longer:
    the microsite shows the municipality's general address instead."""
    lowered = email.lower()
    for municipality in db.session.scalars(
        select(Municipality).where(
            or_(
                Municipality.coordinator_name == name,
                func.lower(Municipality.contact_email) == lowered,
            )
        )
    ):
        if municipality.coordinator_name == name:
            municipality.coordinator_name = None
        if (municipality.contact_email or "").lower() == lowered:
            municipality.contact_email = None
    for agreement in db.session.scalars(
        select(Agreement).where(
            or_(func.lower(Agreement.contact_email) == lowered, Agreement.contact_name == name)
        )
    ):
        agreement.contact_name = agreement.contact_email = None


def scrub_text(old: str, new: str) -> int:
    """Replace a person's former name or address where the audit log quotes it."""
    if not old or len(old) < 3:
        return 0
    return db.session.execute(
        update(AuditEntry)
        .where(AuditEntry.summary.contains(old, autoescape=True))
        .values(summary=func.replace(AuditEntry.summary, old, new))
        .execution_options(synchronize_session=False)
    ).rowcount
