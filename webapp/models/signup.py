"""Requests from outside: a would-be giver asks a municipality for an account, a municipality
asks the network to take part ("Doe mee als gemeente")."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.municipality import Municipality
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import Invitation


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {
            "pending": "wacht op een beslissing",
            "approved": "goedgekeurd",
            "declined": "geweigerd",
        }[self.value]


class AccountRequest(db.Model):
    """A first-line worker asks a municipality for an account as a giver (seed 002)."""

    __tablename__ = "account_request"
    __table_args__ = (Index("ix_account_request_municipality_status", "municipality_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    # Set by the form once: a retried or double-clicked submit stores one request.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    organisation_name: Mapped[str] = mapped_column(String(160), default="")
    job: Mapped[str] = mapped_column(String(160), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.PENDING.value)
    decision_message: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality: Mapped[Municipality] = relationship()
    invitation: Mapped[Invitation | None] = relationship()

    @property
    def status_label(self) -> str:
        return RequestStatus(self.status).label


class MunicipalityRequest(db.Model):
    """A local government asks the network to take part ("Doe mee als gemeente", seed 001)."""

    __tablename__ = "municipality_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    municipality_name: Mapped[str] = mapped_column(String(120))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254))
    job: Mapped[str] = mapped_column(String(160), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    # Handled by a network coordinator: the request leaves the list of open requests.
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
