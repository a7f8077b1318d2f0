"""Privacy rights: e-mail changes waiting for confirmation, and retention settings."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import User


class EmailChange(db.Model):
    """A new e-mail address, taken into use only once its owner opens the link sent to it."""

    __tablename__ = "email_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    new_email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > utcnow()


class RetentionSetting(db.Model):
    """A municipality's own retention periods in days; None keeps the global default."""

    __tablename__ = "retention_setting"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    contact_email_days: Mapped[int | None] = mapped_column()
    closed_links_days: Mapped[int | None] = mapped_column()
    inactive_account_days: Mapped[int | None] = mapped_column()
