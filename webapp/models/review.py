"""Texts a head processor confirmed to hold no personal data, although the guard flagged them."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class ReviewedText(db.Model):
    """One confirmed text of a card, action or meeting, known by its hash only.

    A confirmation covers exactly the text that was reviewed: a changed text has another hash,
    so it needs a new confirmation (webapp/publication.py; the site generator checks the same).
    Who confirmed it is in the audit log, the one place that records people's actions.
    """

    __tablename__ = "reviewed_text"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int] = mapped_column()
    text_hash: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
