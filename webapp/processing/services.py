"""Write operations of processing: they lock the signal they change, flush and audit; the
request commits once.

Locking: a change reads the signal's current state under a row lock (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the request's BEGIN IMMEDIATE already serialises writers), so two
processors changing one signal at once both land in the history with the right from and to.
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp import access, audit, notifications
from webapp.extensions import db
from webapp.models import (
    Feedback,
    InternalNote,
    Membership,
    Municipality,
    Organisation,
    Signal,
    SignalReferral,
    SignalStatus,
    StatusChange,
    Theme,
    User,
    utcnow,
)


def _label(status: str | None) -> str:
    return SignalStatus(status).label if status else "geen"


def _named(signal: Signal) -> str:
    return f"signaal {signal.reference} ({signal.title})"


def lock(signal: Signal) -> Signal:
    """Take the signal's row lock and reload it: what we read now nobody changes before we
    commit."""
    db.session.refresh(signal, with_for_update=True)
    return signal


def lock_all(user: User, municipality: Municipality, signal_ids: list[int]) -> list[Signal]:
    """Lock those of these signals the user processes, always in id order so that two bulk
    changes cannot deadlock."""
    return list(
        db.session.scalars(
            access.processable_signals(user, municipality)
            .where(Signal.id.in_(signal_ids))
            .order_by(Signal.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def change_status(
    signal: Signal,
    user: User,
    status: str,
    note: str | None,
    referred_to: Organisation | None = None,
) -> bool:
    """Move the signal to a new status with a note in its history; False when it already had
    that status (perhaps set a moment ago by a colleague) and, for "doorverwezen", the same
    organisation. A referral names the organisation, in the history too."""
    lock(signal)
    if status == SignalStatus.REFERRED.value and referred_to is not None:
        current = signal.referral
        if signal.status == status and current and current.organisation_id == referred_to.id:
            return False
        if current is None:
            signal.referral = SignalReferral(organisation=referred_to, referred_by=user)
        else:
            current.organisation = referred_to
            current.referred_by = user
            current.created_at = utcnow()
        told = f"Doorverwezen naar {referred_to.name}."
        note = f"{told} {note}" if note else told
        if signal.status == status:
            # Referred elsewhere: the history tells so, the status stays.
            db.session.add(
                StatusChange(
                    signal=signal, from_status=status, to_status=status, note=note, changed_by=user
                )
            )
            audit.record(
                signal.municipality,
                user,
                "signal.status",
                signal,
                f"{_named(signal).capitalize()} doorverwezen naar {referred_to.name}.",
            )
            db.session.flush()
            return True
    elif signal.referral is not None and status != signal.status:
        signal.referral = None
    return _set_status(signal, user, status, note)


def _set_status(signal: Signal, user: User, status: str, note: str | None) -> bool:
    previous = signal.status
    if previous == status:
        return False
    signal.status = status
    change = StatusChange(
        signal=signal,
        from_status=previous,
        to_status=status,
        note=note or None,
        changed_by=user,
    )
    db.session.add(change)
    summary = f"Status van {_named(signal)} gewijzigd van {_label(previous)} naar {_label(status)}"
    audit.record(
        signal.municipality,
        user,
        "signal.status",
        signal,
        summary + (f". Toelichting: {note}" if note else "."),
    )
    db.session.flush()
    notifications.status_changed(change, user)
    return True


def assign(signal: Signal, user: User, assignee: User | None, domain: Theme | None) -> bool:
    """Give the signal to a processor and/or a policy domain; False when nothing changed."""
    lock(signal)
    changed = _set_assignee(signal, user, assignee)
    if signal.domain_id != (domain.id if domain else None):
        signal.domain = domain
        summary = (
            f"Beleidsdomein van {_named(signal)} gezet op {domain.name}."
            if domain
            else f"Beleidsdomein van {_named(signal)} weggehaald."
        )
        audit.record(signal.municipality, user, "signal.assign", signal, summary)
        changed = True
    db.session.flush()
    return changed


def _set_assignee(signal: Signal, user: User, assignee: User | None) -> bool:
    if signal.assignee_id == (assignee.id if assignee else None):
        return False
    signal.assignee = assignee
    summary = (
        f"{_named(signal).capitalize()} toegewezen aan {assignee.name}."
        if assignee
        else f"Toewijzing van {_named(signal)} weggehaald."
    )
    audit.record(signal.municipality, user, "signal.assign", signal, summary)
    return True


def bulk_update(
    municipality: Municipality,
    user: User,
    signal_ids: list[int],
    status: str | None,
    note: str | None,
    assignee: User | None,
    reassign: bool,
) -> int:
    """Apply one status and/or one assignment to several signals; returns how many changed."""
    changed = 0
    for signal in lock_all(user, municipality, signal_ids):
        touched = False
        if status:
            touched |= _set_status(signal, user, status, note)
        if reassign:
            moved = _set_assignee(signal, user, assignee)
            if moved and assignee is not None:
                notifications.signal_assigned(signal, user, assignee)
            touched |= moved
        changed += touched
    db.session.flush()
    return changed


def add_note(signal: Signal, user: User, body: str) -> InternalNote:
    """An internal note: for processors only, never shown to givers."""
    note = InternalNote(signal_id=signal.id, author=user, body=body)
    db.session.add(note)
    audit.record(
        signal.municipality, user, "signal.note", signal, f"Interne notitie bij {_named(signal)}."
    )
    db.session.flush()
    db.session.expire(signal, ["notes"])
    return note


def give_feedback(signal: Signal, user: User, body: str) -> tuple[Feedback, int]:
    """Feedback that the giver and the followers see on the signal and get by e-mail (after
    the commit); returns it with the number of mails on their way."""
    feedback = Feedback(signal=signal, author=user, body=body)
    db.session.add(feedback)
    db.session.flush()
    mails = notifications.feedback_given(feedback)
    audit.record(
        signal.municipality,
        user,
        "signal.feedback",
        signal,
        f"Terugkoppeling bij {_named(signal)} gegeven ({mails} e-mail{'s' if mails != 1 else ''}).",
    )
    db.session.flush()
    return feedback, mails


def processor_candidates(municipality: Municipality) -> list[User]:
    """Active users holding a processing role here, by name (whether an organisation processor
    really processes depends on their agreement: see assignable_users)."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.active.is_(True),
                # Restricted processing (GDPR art. 18): their data is not used for new work.
                User.processing_restricted.is_(False),
                User.memberships.any(
                    (Membership.municipality_id == municipality.id)
                    & Membership.role.in_(access.stored(access.PROCESSING_ROLES))
                ),
            )
            .options(selectinload(User.memberships))
            .order_by(User.name, User.id)
        )
    )


def assignable_users(
    municipality: Municipality, signal: Signal | None = None, candidates: list[User] | None = None
) -> list[User]:
    """The processors a signal can go to: those whose scope, as the policy sets it, holds it
    (or, without a signal, who process anything here at all)."""
    result = []
    if candidates is None:
        candidates = processor_candidates(municipality)
    for candidate in candidates:
        scope = access.processing_scope(candidate, municipality)
        if scope is None:
            continue
        if signal is None or scope.all_signals or handles(candidate, municipality, [signal.id]):
            result.append(candidate)
    return result


def handles(user: User, municipality: Municipality, signal_ids: list[int]) -> bool:
    """Whether every one of these signals is in the user's processing scope."""
    if not signal_ids:
        return True
    found = db.session.scalars(
        access.processable_signals(user, municipality)
        .with_only_columns(Signal.id)
        .where(Signal.id.in_(signal_ids))
    ).all()
    return set(found) == set(signal_ids)


def set_notifications(municipality: Municipality, user: User, notify: str) -> None:
    """Apply the choice to each of the user's processing roles here."""
    chosen = [
        membership
        for membership in user.memberships
        if membership.municipality_id == municipality.id
        and membership.role in access.PROCESSING_ROLES
    ]
    if not chosen:
        return
    for membership in chosen:
        membership.notify = notify
    audit.record(
        municipality,
        user,
        "notifications.settings",
        chosen[0],
        f"{user.name} koos voor meldingen over nieuwe signalen: "
        f"{notifications.NOTIFY_LABELS[notify]}.",
    )
    db.session.flush()
