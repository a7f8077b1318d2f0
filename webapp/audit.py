"""The audit trail: every change a processor makes, with who and when."""

from webapp.extensions import db
from webapp.models import AuditEntry, Municipality, User


def record(
    municipality: Municipality,
    actor: User | None,
    action: str,
    subject,
    summary: str,
) -> AuditEntry:
    """Add an entry for a change to `subject` (a model instance); flushed with the change.

    `action` names the change in code ("signal.status", "card.publish", ...); `summary` says it
    in Dutch for the head processor who browses the log.
    """
    entry = AuditEntry(
        municipality_id=municipality.id,
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=type(subject).__tablename__,
        subject_id=subject.id,
        summary=summary,
    )
    db.session.add(entry)
    return entry
