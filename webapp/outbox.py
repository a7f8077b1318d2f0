"""The durable outbox: the one path of every e-mail the app sends.

`enqueue` writes the rendered mail into `outbox_mail` in the session of the change that causes
it: a rolled-back change sends nothing, a committed one is never lost. The worker
(`flask --app wsgi worker`, see webapp/worker.py) claims due rows one at a time,
sends them, and marks them sent; a failure is retried with a growing delay and stays visible to
the head processor. A claim expires, so a worker killed halfway leaves the mail for the next.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from flask import current_app, g, render_template
from sqlalchemy import delete, func, or_, select, true, update

from webapp import mail
from webapp.extensions import db
from webapp.models import OutboxMail, User, utcnow
from webapp.privacy import registry

log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=6)
BATCH = 200


def enqueue(
    to: str, subject: str, template: str, *, asked_by_recipient: bool = False, **context
) -> OutboxMail | None:
    """Render the mail now and add it to the current transaction.

    No mail goes to a person whose processing is restricted (GDPR art. 18): None is returned
    and nothing is queued. Only mail the person asked for themselves (a password reset, the
    answer to their own privacy request) passes, with `asked_by_recipient`.
    """
    if not asked_by_recipient and is_restricted_address(to):
        return None
    row = OutboxMail(
        recipient=to,
        subject=" ".join(subject.split())[:300],
        body=render_template(template, **context),
        message_id=make_msgid(domain="lokaalsignaal.be"),
        municipality_id=_municipality_id(),
        next_attempt_at=utcnow(),
        attempts=0,
    )
    db.session.add(row)
    return row


def is_restricted_address(address: str) -> bool:
    """Whether the address belongs to an account whose processing is restricted."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(
                func.lower(User.email) == address.strip().lower(),
                User.processing_restricted.is_(True),
                User.erased_at.is_(None),
            )
        )
        > 0
    )


def _municipality_id() -> int | None:
    """The municipality whose head processor sees this mail if it cannot be delivered."""
    g.mail_queued = True
    municipality = g.get("outbox_municipality") or g.get("municipality")
    return municipality.id if municipality is not None else None


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver_due(now: datetime | None = None, limit: int = BATCH) -> Delivery:
    """One pass: send every due mail this worker can claim.

    Each step is a short transaction of its own, and none is open while the SMTP server is
    talked to. A mail is sent at least once; twice only when a worker dies between the SMTP
    server's "250 OK" and the next commit (the same Message-ID lets a receiver drop it).
    """
    result = Delivery()
    now = now or utcnow()
    due = db.session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.sent_at.is_(None),
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(limit)
    ).all()
    db.session.rollback()
    for mail_id in due:
        claimed = _claim(mail_id, now)
        if claimed is None:
            continue  # another worker got it first
        try:
            mail.transmit(claimed.recipient, claimed.subject, claimed.body, claimed.message_id)
        except (OSError, smtplib.SMTPException) as error:
            log.warning("Mail %s to %s not delivered: %s", mail_id, claimed.recipient, error)
            attempts = claimed.attempts + 1
            _finish(
                mail_id,
                attempts=attempts,
                next_attempt_at=utcnow() + retry_delay(attempts),
                last_error=f"{type(error).__name__}: {error}"[:500],
            )
            result.failed += 1
        else:
            _finish(
                mail_id,
                attempts=claimed.attempts + 1,
                sent_at=utcnow(),
                subject="",
                body="",
                last_error=None,
            )
            result.sent += 1
    return result


def _claim(mail_id: int, now: datetime):
    """Take the mail for CLAIM minutes; None when it is sent or another worker holds it."""
    claimed = db.session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .values(claimed_until=utcnow() + CLAIM)
        .execution_options(synchronize_session=False)
    )
    row = None
    if claimed.rowcount == 1:
        row = db.session.execute(
            select(
                OutboxMail.recipient,
                OutboxMail.subject,
                OutboxMail.body,
                OutboxMail.message_id,
                OutboxMail.attempts,
            ).where(OutboxMail.id == mail_id)
        ).one()
    db.session.commit()
    return row


def _finish(mail_id: int, **values) -> None:
    db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id)
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def undelivered(municipality_id: int, limit: int = 50) -> list[OutboxMail]:
    """Mails of this municipality that failed at least once and are not sent yet."""
    return db.session.scalars(
        select(OutboxMail)
        .where(
            OutboxMail.municipality_id == municipality_id,
            OutboxMail.sent_at.is_(None),
            OutboxMail.attempts > 0,
        )
        .order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
        .limit(limit)
    ).all()


def deliver_in_process() -> None:
    """Tests only (MAIL_DELIVER_IN_PROCESS): run the worker's pass at the end of each app
    context, on a fresh session, so that mail a request or command committed arrives before
    the test looks. The outbox row is written and the worker's code sends it, as in production.
    """
    if not (current_app.config.get("MAIL_DELIVER_IN_PROCESS") and g.pop("mail_queued", False)):
        return
    db.session.remove()
    try:
        deliver_due()
    finally:
        db.session.remove()


# --- Copies go with the original (issue 17) -----------------------------------------------------
# A mail not sent yet is a copy of what it quotes: a redaction rewrites it, an erasure or a purge
# takes the address (and so the mail) away. A sent mail keeps no subject or body (see the model).


def rewrite_unsent(municipality_id: int, old: str, new: str) -> int:
    """Replace a redacted text in the municipality's mail not sent yet; how many rows changed."""
    changed = 0
    for variant in dict.fromkeys((old, " ".join(old.split()))):
        if len(variant) < 3:
            continue
        changed += db.session.execute(
            update(OutboxMail)
            .where(
                OutboxMail.sent_at.is_(None),
                OutboxMail.municipality_id == municipality_id,
                or_(
                    OutboxMail.body.contains(variant, autoescape=True),
                    OutboxMail.subject.contains(variant, autoescape=True),
                ),
            )
            .values(
                body=func.replace(OutboxMail.body, variant, new),
                subject=func.substr(func.replace(OutboxMail.subject, variant, new), 1, 300),
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    return changed


def drop_unsent(recipient: str, municipality_id: int | None = None) -> int:
    """Drop the mail not sent yet to an address (of one municipality, when given)."""
    statement = delete(OutboxMail).where(
        OutboxMail.sent_at.is_(None), func.lower(OutboxMail.recipient) == recipient.lower()
    )
    if municipality_id is not None:
        statement = statement.where(OutboxMail.municipality_id == municipality_id)
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def forget_addresses(addresses: list[str], placeholder: str | None = None) -> int:
    """An address the app must no longer hold: its unsent mail is dropped, and the sent rows
    name `placeholder` instead (or go, without one); how many rows were touched."""
    lowered = sorted({a.lower() for a in addresses if a})
    touched = 0
    for start in range(0, len(lowered), BATCH):
        chunk = lowered[start : start + BATCH]
        to_them = func.lower(OutboxMail.recipient).in_(chunk)
        touched += db.session.execute(
            delete(OutboxMail)
            .where(to_them, OutboxMail.sent_at.is_(None) if placeholder else true())
            .execution_options(synchronize_session=False)
        ).rowcount
        if placeholder:
            touched += db.session.execute(
                update(OutboxMail)
                .where(to_them)
                .values(recipient=placeholder)
                .execution_options(synchronize_session=False)
            ).rowcount
    return touched


def mails_to(user, municipality=None) -> list[dict]:
    """The mail the outbox holds for this user's address, for the export of their data; only
    a municipality's own mail when one is given (a head processor acting for the person)."""
    query = select(OutboxMail).where(func.lower(OutboxMail.recipient) == user.email.lower())
    if municipality is not None:
        query = query.where(OutboxMail.municipality_id == municipality.id)
    rows = db.session.scalars(query.order_by(OutboxMail.id)).all()
    return [
        {
            "to": row.recipient,
            "subject": row.subject,
            "created_at": row.created_at.isoformat(),
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        }
        for row in rows
    ]


registry.MAIL_SOURCES.append(mails_to)
