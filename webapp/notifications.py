"""E-mails about signals: new signals to processors (at once or in a daily digest) and
feedback to givers and followers.

Every mail of the app goes through `queue_mail` into the durable outbox (webapp/outbox.py), in
the transaction of the change that causes it: a rolled-back change sends nothing, a committed
one is never lost, and no SMTP round trip holds the database's write lock. A signal's text never
goes into a mail: processors get titles and links, givers and followers the feedback, the title
and (for account holders) a link; the policy decides who may read the signal behind the link.
"""

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, g, has_request_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp import access, outbox
from webapp.extensions import db
from webapp.followup import services as followup
from webapp.links import external_url
from webapp.models import (
    Feedback,
    Follow,
    Membership,
    Municipality,
    Signal,
    SignalStatus,
    StatusChange,
    User,
    utcnow,
)
from webapp.processing import domains

NOTIFY_IMMEDIATE = "immediate"
NOTIFY_DIGEST = "digest"
NOTIFY_NONE = "none"
NOTIFY_LABELS = {
    NOTIFY_IMMEDIATE: "meteen, één e-mail per nieuw signaal",
    NOTIFY_DIGEST: "een dagelijks overzicht",
    NOTIFY_NONE: "geen e-mails",
}
# What a giver (or follower) chooses for mail about the signals they gave or follow.
DIGEST_WINDOW = timedelta(hours=24)
DIGEST_MAX_LISTED = 50


# --- The one way to send mail ------------------------------------------------------------------


def queue_mail(to: str, subject: str, template: str, **context) -> bool:
    """Write this mail to the outbox in the current transaction: it leaves (through the mail
    worker) once the transaction commits, and never if it rolls back. False when it was not
    queued: the recipient restricted the processing of their data."""
    return outbox.enqueue(to, subject, template, **context) is not None


def _stop_link(address: str) -> str:
    """The unsubscribe link a mail about signals shows in its text (webapp/mailprefs)."""
    from webapp.mailprefs.services import unsubscribe_url

    return unsubscribe_url(address)


# --- New signals -------------------------------------------------------------------------------


def _processor_memberships(municipality: Municipality, notify: str):
    """Memberships of active processors here who chose this kind of notification, one per user
    (a user can hold two processing roles), with the user and their memberships loaded."""
    rows = db.session.scalars(
        select(Membership)
        .join(Membership.user)
        .where(
            Membership.municipality_id == municipality.id,
            Membership.role.in_(access.stored(access.PROCESSING_ROLES)),
            Membership.notify == notify,
            User.active.is_(True),
        )
        .options(selectinload(Membership.user).selectinload(User.memberships))
        .order_by(Membership.user_id, Membership.id)
    ).all()
    per_user: dict[int, list[Membership]] = {}
    for membership in rows:
        per_user.setdefault(membership.user_id, []).append(membership)
    return per_user


def _finds_any(signal_query) -> bool:
    return db.session.scalars(signal_query.limit(1)).first() is not None


def signal_submitted(signal: Signal) -> None:
    """Queue one mail per processor who wants to hear at once about a new signal in scope."""
    municipality = signal.municipality
    link = external_url("processing.handle_signal", gemeente=municipality.slug, signal_id=signal.id)
    for memberships in _processor_memberships(municipality, NOTIFY_IMMEDIATE).values():
        user = memberships[0].user
        if user.id == signal.submitted_by_id:
            continue
        scope = access.processable_signals(user, municipality).where(Signal.id == signal.id)
        # Who follows policy domains hears about the signals in them only (issue 21).
        scope = domains.narrowed_to_followed(scope, user, municipality)
        if not _finds_any(scope):
            continue
        queue_mail(
            user.email,
            f"Nieuw signaal in {municipality.name}: {signal.title}",
            "mail/new_signal.txt",
            name=user.name,
            municipality=municipality.name,
            title=signal.title,
            link=link,
            settings_link=external_url(
                "processing.notification_settings", gemeente=municipality.slug
            ),
        )


# --- Feedback ----------------------------------------------------------------------------------


def feedback_given(feedback: Feedback) -> int:
    """Queue the feedback for the giver, every follower and the anonymous contact address,
    each address once; returns how many mails were queued.

    Account holders get a link to the signal, and only while the policy lets them read it;
    an anonymous submitter gets no link and nothing of the signal beyond the title they wrote.
    """
    signal = feedback.signal
    municipality = signal.municipality
    link = external_url("signals.show_signal", gemeente=municipality.slug, signal_id=signal.id)
    seen: set[str] = set()
    queued = 0
    people = []
    if signal.submitted_by is not None:
        people.append((signal.submitted_by, "giver"))
    people.extend((follow.user, "follower") for follow in signal.follows)
    for user, relation in people:
        address = user.email.lower()
        if address in seen or not user.active:
            continue
        readable = access.visible_signals(user, municipality).where(Signal.id == signal.id)
        if not _finds_any(readable):
            continue
        seen.add(address)
        subject = (
            f"Terugkoppeling op je signaal: {signal.title}"
            if relation == "giver"
            else f"Terugkoppeling op een signaal dat je volgt: {signal.title}"
        )
        queued += queue_mail(
            user.email,
            subject,
            "mail/feedback.txt",
            name=user.name,
            relation=relation,
            municipality=municipality.name,
            title=signal.title,
            body=feedback.body,
            link=link,
        )
    contact = (signal.contact_email or "").strip()
    if signal.submitted_by is None and contact and contact.lower() not in seen:
        queue_mail(
            contact,
            f"Terugkoppeling op je signaal: {signal.title}",
            "mail/feedback_anonymous.txt",
            municipality=municipality.name,
            title=signal.title,
            reference=signal.reference,
            body=feedback.body,
            followup_link=followup.link_for_feedback(signal),
        )
        queued += 1
    return queued


# --- Status changes, to the giver and the followers ---------------------------------------------


def status_mail_membership(user: User, municipality: Municipality) -> Membership | None:
    """The membership that holds the user's mail choice about signals here (a signal reader's)."""
    readers = access.stored(access.SIGNAL_READERS)
    return next(
        (
            m
            for m in sorted(user.memberships, key=lambda m: m.id)
            if m.municipality_id == municipality.id and m.role in readers
        ),
        None,
    )


def _readers_to_tell(signal: Signal, actor: User | None):
    """(user, relation) for the giver and every follower who may still read the signal, each
    once, never the person who made the change."""
    people = []
    if signal.submitted_by is not None:
        people.append((signal.submitted_by, "giver"))
    people.extend((follow.user, "follower") for follow in signal.follows)
    seen: set[int] = set()
    for user, relation in people:
        if user.id in seen or not user.active or (actor is not None and user.id == actor.id):
            continue
        seen.add(user.id)
        readable = access.visible_signals(user, signal.municipality).where(Signal.id == signal.id)
        if _finds_any(readable):
            yield user, relation


_WHOSE = {"giver": "je signaal", "follower": "een signaal dat je volgt"}


def status_changed(change: StatusChange, actor: User | None) -> int:
    """Queue the new status and its note for the giver and the followers who chose a mail at
    every change, and for an anonymous giver's contact address; returns how many. Those who
    chose the digest read it in the next one (send_digests)."""
    signal = change.signal
    municipality = signal.municipality
    status = SignalStatus(change.to_status).label
    queued = 0
    for user, relation in _readers_to_tell(signal, actor):
        membership = status_mail_membership(user, municipality)
        if membership is None or membership.status_mail != NOTIFY_IMMEDIATE:
            continue
        queue_mail(
            user.email,
            f"Nieuwe status voor {_WHOSE[relation]}: {signal.title}",
            "mail/status.txt",
            name=user.name,
            relation=relation,
            municipality=municipality.name,
            title=signal.title,
            status=status,
            note=change.note,
            link=external_url(
                "signals.show_signal", gemeente=municipality.slug, signal_id=signal.id
            ),
            settings_link=external_url("mailprefs.mail_settings", gemeente=municipality.slug),
            stop_link=_stop_link(user.email),
        )
        queued += 1
    contact = (signal.contact_email or "").strip()
    if signal.submitted_by is None and contact:
        queue_mail(
            contact,
            f"Nieuwe status voor je signaal: {signal.title}",
            "mail/status_anonymous.txt",
            municipality=municipality.name,
            title=signal.title,
            reference=signal.reference,
            status=status,
            note=change.note,
            followup_link=followup.link_for_feedback(signal),
            stop_link=_stop_link(contact),
        )
        queued += 1
    return queued


def _send_status_digest(municipality: Municipality, membership: Membership, now) -> str:
    """One giver's daily overview of the status changes of the signals they gave or follow."""
    user = membership.user
    since = membership.last_status_digest_at or now - DIGEST_WINDOW
    followed = select(Follow.signal_id).where(Follow.user_id == user.id)
    rows = db.session.execute(
        select(StatusChange, Signal)
        .join(Signal, Signal.id == StatusChange.signal_id)
        .where(
            Signal.municipality_id == municipality.id,
            (Signal.submitted_by_id == user.id) | Signal.id.in_(followed),
            StatusChange.from_status.is_not(None),
            StatusChange.created_at > since,
            StatusChange.created_at <= now,
            (StatusChange.changed_by_id.is_(None)) | (StatusChange.changed_by_id != user.id),
        )
        .order_by(StatusChange.created_at, StatusChange.id)
    ).all()
    readable = set(
        db.session.scalars(
            access.visible_signals(user, municipality)
            .with_only_columns(Signal.id)
            .where(Signal.id.in_({signal.id for _, signal in rows}))
        )
    )
    changes = [
        {
            "title": signal.title,
            "status": SignalStatus(change.to_status).label,
            "note": change.note,
            "link": external_url(
                "signals.show_signal", gemeente=municipality.slug, signal_id=signal.id
            ),
        }
        for change, signal in rows
        if signal.id in readable
    ]
    outcome = "nothing_new"
    if changes and user.active:
        g.outbox_municipality = municipality
        queue_mail(
            user.email,
            f"Wat er veranderde aan je signalen in {municipality.name}",
            "mail/status_digest.txt",
            name=user.name,
            municipality=municipality.name,
            changes=changes,
            settings_link=external_url("mailprefs.mail_settings", gemeente=municipality.slug),
            stop_link=_stop_link(user.email),
        )
        outcome = "sent"
    membership.last_status_digest_at = now
    db.session.commit()
    return outcome


# --- The daily digest --------------------------------------------------------------------------


@dataclass
class DigestResult:
    sent: int = 0
    nothing_new: int = 0


def send_digests(now: datetime | None = None) -> DigestResult:
    """Queue for each digest processor the new signals in their scope since their last digest
    (or the last 24 hours), then remember when; the mail and the moment commit together, per
    processor, so a failure halfway neither loses nor repeats what was done."""
    now = now or utcnow()
    result = DigestResult()
    # Links in the mail are built with url_for, which needs a request: from cron there is
    # none, so give it an anonymous one.
    outside = (
        contextlib.nullcontext() if has_request_context() else current_app.test_request_context()
    )
    with outside:
        municipalities = db.session.scalars(select(Municipality).order_by(Municipality.id)).all()
        for municipality in municipalities:
            for memberships in _processor_memberships(municipality, NOTIFY_DIGEST).values():
                outcome = _send_digest(municipality, memberships, now)
                setattr(result, outcome, getattr(result, outcome) + 1)
            for membership in _status_digest_memberships(municipality):
                outcome = _send_status_digest(municipality, membership, now)
                setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _status_digest_memberships(municipality: Municipality) -> list[Membership]:
    """The signal readers here who chose the daily overview of status changes."""
    rows = db.session.scalars(
        select(Membership)
        .join(Membership.user)
        .where(
            Membership.municipality_id == municipality.id,
            Membership.role.in_(access.stored(access.SIGNAL_READERS)),
            Membership.status_mail == NOTIFY_DIGEST,
            User.active.is_(True),
        )
        .options(selectinload(Membership.user))
        .order_by(Membership.user_id, Membership.id)
    ).all()
    return list({m.user_id: m for m in reversed(rows)}.values())[::-1]


def _send_digest(municipality: Municipality, memberships: list[Membership], now) -> str:
    user = memberships[0].user
    known = [m.last_digest_at for m in memberships if m.last_digest_at is not None]
    since = max(known) if known else now - DIGEST_WINDOW
    # Who follows policy domains hears about the signals in them only (issue 21).
    scope = access.processable_signals(user, municipality)
    scope = domains.narrowed_to_followed(scope, user, municipality)
    new = db.session.execute(
        scope.with_only_columns(Signal.id, Signal.title)
        .where(Signal.created_at > since, Signal.created_at <= now)
        .order_by(Signal.created_at, Signal.id)
    ).all()
    outcome = "nothing_new"
    if new:
        listed = [
            {
                "title": title,
                "link": external_url(
                    "processing.handle_signal", gemeente=municipality.slug, signal_id=signal_id
                ),
            }
            for signal_id, title in new[:DIGEST_MAX_LISTED]
        ]
        count = len(new)
        g.outbox_municipality = municipality
        queue_mail(
            user.email,
            f"{count} {'nieuw signaal' if count == 1 else 'nieuwe signalen'} in "
            f"{municipality.name}",
            "mail/digest.txt",
            name=user.name,
            municipality=municipality.name,
            signals=listed,
            more=count - len(listed),
            inbox=external_url("processing.inbox", gemeente=municipality.slug),
            settings_link=external_url(
                "processing.notification_settings", gemeente=municipality.slug
            ),
        )
        outcome = "sent"
    for membership in memberships:
        membership.last_digest_at = now
    db.session.commit()
    return outcome


def signal_assigned(signal: Signal, actor: User, assignee: User) -> None:
    """Tell a processor a signal was assigned to them (not when they took it themselves); the
    mail goes through the outbox with the change, and names only the title and a link."""
    if assignee.id == actor.id or not assignee.active:
        return
    municipality = signal.municipality
    queue_mail(
        assignee.email,
        f"Signaal aan jou toegewezen: {signal.title}",
        "mail/signal_assigned.txt",
        name=assignee.name,
        actor=actor.name,
        municipality=municipality.name,
        title=signal.title,
        reference=signal.reference,
        domain=signal.domain.name if signal.domain else None,
        link=external_url(
            "processing.handle_signal", gemeente=municipality.slug, signal_id=signal.id
        ),
    )
