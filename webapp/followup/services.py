"""Making, finding and revoking follow-up links; they flush, the request commits."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from webapp import audit
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import FollowupLink, Municipality, Signal, User, utcnow
from webapp.models.user import hash_token, new_token


@dataclass(frozen=True)
class Update:
    """One line of what the giver is told: a status change (with its note) or feedback."""

    at: datetime
    status: str | None
    text: str | None


def updates_for_giver(signal: Signal) -> list[Update]:
    """The status changes after the submission, with the notes processors write for givers and
    followers, and the feedback, oldest first."""
    changes = [
        Update(change.created_at, change.to_label, change.note)
        for change in signal.history
        if change.from_status is not None
    ]
    feedback = [Update(item.created_at, None, item.body) for item in signal.feedback]
    return sorted(changes + feedback, key=lambda update: update.at)


def new_link(signal: Signal) -> str:
    """A new private link to the signal; the token exists only in the answer, never stored."""
    token = new_token()
    db.session.add(FollowupLink(signal_id=signal.id, token_hash=hash_token(token)))
    db.session.flush()
    return external_url("followup.show_followup", gemeente=signal.municipality.slug, token=token)


def link_for_feedback(signal: Signal) -> str | None:
    """A new link for a feedback mail, unless the signal's links were revoked (by a processor,
    or by the purge of the contact address): a revoked link stays revoked, and no new one
    takes its place."""
    revoked = db.session.scalars(
        select(FollowupLink.id)
        .where(FollowupLink.signal_id == signal.id, FollowupLink.revoked_at.is_not(None))
        .limit(1)
    ).first()
    return None if revoked is not None else new_link(signal)


def signal_for(municipality: Municipality, token: str) -> Signal | None:
    """The signal a link that still works points to, within this municipality; else None."""
    return db.session.scalars(
        select(Signal)
        .join(FollowupLink, FollowupLink.signal_id == Signal.id)
        .where(
            FollowupLink.token_hash == hash_token(token),
            FollowupLink.revoked_at.is_(None),
            Signal.municipality_id == municipality.id,
        )
    ).first()


def active_links(signal: Signal) -> int:
    """How many links to the signal still work."""
    return len(
        db.session.scalars(
            select(FollowupLink.id).where(
                FollowupLink.signal_id == signal.id, FollowupLink.revoked_at.is_(None)
            )
        ).all()
    )


def revoke_links(signal: Signal, actor: User) -> int:
    """Stop every link to the signal (a forwarded mail, a lost phone); returns how many."""
    revoked = db.session.execute(
        update(FollowupLink)
        .where(FollowupLink.signal_id == signal.id, FollowupLink.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if revoked:
        audit.record(
            signal.municipality,
            actor,
            "signal.followup_revoke",
            signal,
            f"Opvolglinks van signaal {signal.reference} ingetrokken ({revoked}).",
        )
    return revoked
