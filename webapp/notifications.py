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
from webapp.models import Feedback, Membership, Municipality, Signal, User, utcnow
from webapp.processing import domains

NOTIFY_IMMEDIATE = "immediate"
NOTIFY_DIGEST = "digest"
NOTIFY_NONE = "none"
NOTIFY_LABELS = {
    NOTIFY_IMMEDIATE: "meteen, één e-mail per nieuw signaal",
    NOTIFY_DIGEST: "een dagelijks overzicht",
    NOTIFY_NONE: "geen e-mails",
}
DIGEST_WINDOW = timedelta(hours=24)
DIGEST_MAX_LISTED = 50


# --- The one way to send mail ------------------------------------------------------------------


def queue_mail(to: str, subject: str, template: str, **context) -> bool:
    """Write this mail to the outbox in the current transaction: it leaves (through the mail
    worker) once the transaction commits, and never if it rolls back. False when it was not
    queued: the recipient restricted the processing of their data."""
    return outbox.enqueue(to, subject, template, **context) is not None


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
    return result


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
