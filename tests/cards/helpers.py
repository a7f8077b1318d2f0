"""Reading cards, actions and meetings back as stored rows, and contributions to signals."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import (
    AuditEntry,
    Follow,
    Municipality,
    Reinforcement,
    Signal,
    SignalCard,
    Supplement,
    User,
    utcnow,
)


def card_row(app, card_id: int) -> dict:
    with app.app_context():
        card = db.session.get(SignalCard, card_id)
        row = {
            "title": card.title,
            "summary": card.summary,
            "public_status": card.public_status,
            "published": card.published,
            "published_at": card.published_at,
            "signals": sorted(s.id for s in card.signals),
            "themes": sorted(t.slug for t in card.themes),
            "municipality_id": card.municipality_id,
            "created_by_id": card.created_by_id,
        }
        db.session.remove()
        return row


def card_ids(app) -> list[int]:
    with app.app_context():
        ids = list(db.session.scalars(select(SignalCard.id).order_by(SignalCard.id)))
        db.session.remove()
        return ids


def audit_actions(app) -> list[tuple[str, str, int | None]]:
    """(action, subject type, actor id) of every audit entry, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(AuditEntry.action, AuditEntry.subject_type, AuditEntry.actor_id).order_by(
                AuditEntry.id
            )
        ).all()
        db.session.remove()
        return [tuple(r) for r in rows]


def theme_ids(app, town, *slugs: str) -> list[int]:
    with app.app_context():
        place = db.session.get(Municipality, town.municipality.id)
        ids = [t.id for t in place.themes if t.slug in slugs]
        db.session.remove()
        return ids


def reinforce(app, signal, user, context: str | None = None) -> None:
    with app.app_context():
        person = db.session.get(User, user.id)
        db.session.add(
            Reinforcement(
                signal_id=signal.id,
                user_id=user.id,
                organisation_id=person.organisation_id,
                context=context,
            )
        )
        db.session.commit()
        db.session.remove()


def supplement(app, signal, user, body: str) -> None:
    with app.app_context():
        person = db.session.get(User, user.id)
        db.session.add(
            Supplement(
                signal_id=signal.id,
                user_id=user.id,
                organisation_id=person.organisation_id,
                body=body,
                idempotency_key=f"test-{signal.id}-{user.id}",
            )
        )
        db.session.commit()
        db.session.remove()


def follow(app, signal, user) -> None:
    with app.app_context():
        db.session.add(Follow(signal_id=signal.id, user_id=user.id))
        db.session.commit()
        db.session.remove()


def set_created(app, signal, moment) -> None:
    with app.app_context():
        db.session.get(Signal, signal.id).created_at = moment
        db.session.commit()
        db.session.remove()


def touch_card(app, card_id: int, **changes) -> None:
    """Another processor saves the card: new values and a new version."""
    with app.app_context():
        card = db.session.get(SignalCard, card_id)
        for name, value in changes.items():
            setattr(card, name, value)
        card.updated_at = utcnow()
        db.session.commit()
        db.session.remove()
