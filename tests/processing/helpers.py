"""Reading back what processing stored: history, audit entries, notes, feedback."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEntry, Feedback, InternalNote, Signal, StatusChange


def _rows(app, query, shape):
    with app.app_context():
        result = [shape(row) for row in db.session.scalars(query)]
        db.session.remove()
        return result


def history(app, signal) -> list[tuple[str | None, str, str | None, int | None]]:
    """(from, to, note, who) of every status change of a signal, oldest first."""
    return _rows(
        app,
        select(StatusChange)
        .where(StatusChange.signal_id == signal.id)
        .order_by(StatusChange.created_at, StatusChange.id),
        lambda c: (c.from_status, c.to_status, c.note, c.changed_by_id),
    )


def audit_entries(app) -> list[tuple[str, int | None, str, int | None, str]]:
    """(action, actor, subject type, subject id, summary) of every audit entry, oldest first."""
    return _rows(
        app,
        select(AuditEntry).order_by(AuditEntry.id),
        lambda e: (e.action, e.actor_id, e.subject_type, e.subject_id, e.summary),
    )


def stored_signal(app, signal) -> dict:
    with app.app_context():
        row = db.session.get(Signal, signal.id)
        result = {
            "status": row.status,
            "assignee_id": row.assignee_id,
            "domain_id": row.domain_id,
            "reinforcement_count": row.reinforcement_count,
        }
        db.session.remove()
        return result


def notes(app, signal) -> list[tuple[int | None, str]]:
    return _rows(
        app,
        select(InternalNote).where(InternalNote.signal_id == signal.id).order_by(InternalNote.id),
        lambda n: (n.author_id, n.body),
    )


def feedback(app, signal) -> list[tuple[int | None, str]]:
    return _rows(
        app,
        select(Feedback).where(Feedback.signal_id == signal.id).order_by(Feedback.id),
        lambda f: (f.author_id, f.body),
    )
