"""Redaction: a processor removes personal data from a text that others can read.

The text is replaced in place (by the processor's corrected text or by a placeholder); every
copy of the old text that the application made is replaced too (the audit log quotes signal
titles and status notes, mail not sent yet quotes titles and feedback), the search index is
rebuilt for the signal, and the audit log records who redacted which text when, never what was
removed.
"""

from dataclasses import dataclass

from sqlalchemy import update

from webapp import audit, outbox, search
from webapp.extensions import db
from webapp.models import (
    AuditEntry,
    Feedback,
    InternalNote,
    Reinforcement,
    Signal,
    StatusChange,
    Supplement,
    User,
)

PLACEHOLDER = "[verwijderd door verwerker]"

SIGNAL_FIELDS = {
    "title": "titel",
    "description": "wat werd vastgesteld",
    "tried": "wat werd al geprobeerd",
    "ideas": "ideeën voor een oplossing",
}
# Texts attached to a signal: (model, text column, Dutch name, relationship on Signal).
ATTACHED = {
    "versterking": (Reinforcement, "context", "toelichting bij een versterking", "reinforcements"),
    "aanvulling": (Supplement, "body", "aanvulling", "supplements"),
    "terugkoppeling": (Feedback, "body", "terugkoppeling", "feedback"),
    "statusnotitie": (StatusChange, "note", "toelichting bij een statuswijziging", "history"),
    "notitie": (InternalNote, "body", "interne notitie", "notes"),
}


@dataclass(frozen=True)
class Redactable:
    """One text of a signal that a processor may redact, addressed by `key`."""

    key: str
    label: str
    text: str
    record: object
    column: str

    @property
    def author(self) -> User | None:
        """Who wrote an attached text (None for the signal's own fields)."""
        for name in ("user", "author", "changed_by"):
            if hasattr(self.record, name):
                return getattr(self.record, name)
        return None


def redactables(signal: Signal) -> list[Redactable]:
    """Every free text on this signal that someone else can read, in page order."""
    found = [
        Redactable(f"signaal-{name}", label.capitalize(), getattr(signal, name), signal, name)
        for name, label in SIGNAL_FIELDS.items()
        if getattr(signal, name)
    ]
    for kind, (_, column, label, relation) in ATTACHED.items():
        for record in getattr(signal, relation):
            value = getattr(record, column)
            if value:
                found.append(
                    Redactable(f"{kind}-{record.id}", label.capitalize(), value, record, column)
                )
    return found


def find(signal: Signal, key: str) -> Redactable | None:
    return next((item for item in redactables(signal) if item.key == key), None)


def redact(signal: Signal, actor: User, item: Redactable, replacement: str | None) -> bool:
    """Replace the text by `replacement` (or the placeholder); False when nothing changed."""
    old = item.text
    new = (replacement or "").strip() or PLACEHOLDER
    if item.column == "title":
        new = new[:160]
    if new == old:
        return False
    setattr(item.record, item.column, new)
    db.session.flush()
    scrub_audit_log(signal, old, new)
    outbox.rewrite_unsent(signal.municipality_id, old, new)
    search.reindex_signal(signal)
    audit.record(
        signal.municipality,
        actor,
        "signal.redact",
        signal,
        f"Persoonsgegevens verwijderd uit {item.label.lower()} bij signaal {signal.reference}.",
    )
    db.session.flush()
    return True


def scrub_audit_log(signal: Signal, old: str, new: str) -> int:
    """Replace a removed text where the signal's audit entries quote it (titles, status notes);
    returns how many entries changed."""
    result = db.session.execute(
        update(AuditEntry)
        .where(
            AuditEntry.subject_type == Signal.__tablename__,
            AuditEntry.subject_id == signal.id,
            AuditEntry.summary.contains(old, autoescape=True),
        )
        .values(summary=db.func.replace(AuditEntry.summary, old, new))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
