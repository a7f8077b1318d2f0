"""Private follow-up links: how a giver without an account finds their signal again."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.signal import Signal
from webapp.models.types import UTCDateTime, utcnow


class FollowupLink(db.Model):
    """One link to one signal's status and feedback; only the token's hash is stored.

    A signal can have several: the one shown after submitting and one in every feedback mail to
    the contact address. The processor revokes them all at once.
    """

    __tablename__ = "followup_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    signal: Mapped[Signal] = relationship()
