"""Security and reliability records: shared throttle counters, authentication events and the
mail outbox."""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class ThrottleCounter(db.Model):
    """A counter in a fixed time window, shared by every worker (the default store; Redis
    takes its place when RATELIMIT_STORAGE_URI points at one). Times are epoch seconds."""

    __tablename__ = "throttle_counter"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class AuthEvent(db.Model):
    """One authentication event: success, failure, lock, reset or role change."""

    __tablename__ = "auth_event"
    __table_args__ = (Index("ix_auth_event_email_created", "email", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # password_reset_requested: 24
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxMail(db.Model):
    """A mail written in the transaction of the change that causes it; the worker sends it.

    The body is rendered when queued (models are at hand then); subject and body are emptied
    once sent: a link (a password reset, an invitation) or a signal's title must not outlive
    the delivery in the database (a redacted or erased text leaves no copy here).
    """

    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_due", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    # Whose head processor sees the mail when it cannot be delivered (none for account mail).
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SiteBuildFailure(db.Model):
    """The last failed in-process rebuild of a municipality's microsite, until one succeeds."""

    __tablename__ = "site_build_failure"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str] = mapped_column(String(500))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TwoFactor(db.Model):
    """A user's TOTP secret (RFC 6238), set once the user confirmed a first code; stored
    encrypted (webapp/secret_box.py, auth/two_factor.seal_secret)."""

    __tablename__ = "two_factor"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    secret: Mapped[str] = mapped_column(String(255))
    # The last time step accepted: a code seen once is not accepted again.
    last_step: Mapped[int] = mapped_column(Integer, default=0)
    enabled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecoveryCode(db.Model):
    """A single-use code that stands in for a TOTP code; stored as an Argon2id hash."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MunicipalitySecurity(db.Model):
    """Security choices of a municipality: two-factor authentication for its processors."""

    __tablename__ = "municipality_security"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False)
