"""Partner organisations' agreements with a municipality, their saved versions, and the
requests of organisations that want to take part."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from webapp.extensions import db
from webapp.models.municipality import Municipality, Organisation
from webapp.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from webapp.models.user import User


class Engagement(enum.IntEnum):
    """The four ways an organisation can take part (seed 001)."""

    OWN_STAFF = 1
    BROAD_MANDATE = 2
    STAFF_SIGNAL = 3
    CONSULTATION = 4

    @property
    def label(self) -> str:
        return ENGAGEMENT_LABELS[self]


ENGAGEMENT_LABELS = {
    Engagement.OWN_STAFF: "signaalverwerker van eigen personeel",
    Engagement.BROAD_MANDATE: "mandaat als brede signaalverwerker",
    Engagement.STAFF_SIGNAL: "medewerkers geven signalen",
    Engagement.CONSULTATION: "draagt bij via overleg",
}


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"


class Agreement(db.Model):
    __tablename__ = "agreement"
    __table_args__ = (Index("ix_agreement_organisation_status", "organisation_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    engagement: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=AgreementStatus.DRAFT.value)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    signatories: Mapped[str] = mapped_column(Text, default="", server_default="")
    # What the organisation's processors may do beyond signals: granted only explicitly.
    grants_cards: Mapped[bool] = mapped_column(default=False, server_default=false())
    grants_actions: Mapped[bool] = mapped_column(default=False, server_default=false())
    grants_meetings: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The number of the last saved version: a save based on an older one is a conflict.
    version: Mapped[int] = mapped_column(default=0, server_default="0")

    municipality: Mapped[Municipality] = relationship()
    organisation: Mapped[Organisation] = relationship()
    versions: Mapped[list["AgreementVersion"]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number"
    )

    def grants(self, area: str) -> bool:
        """Whether this agreement lets its processors manage cards, actions or meetings."""
        return bool(getattr(self, f"grants_{area}"))


class AgreementVersion(db.Model):
    """One saved state of an agreement, with who saved it and when."""

    __tablename__ = "agreement_version"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    engagement: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")
    author: Mapped["User | None"] = relationship()


class JoinRequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class JoinRequest(db.Model):
    """An organisation asks to take part in one of the four ways, or invitations for its staff."""

    __tablename__ = "join_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    # Set by the form once: a retried or double-clicked submit stores one request.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(40), default="other")
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254))
    # One of the four engagements; 0 when the organisation only asks invitations for its staff.
    engagement: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=JoinRequestStatus.PENDING.value)
    decision_message: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality: Mapped[Municipality] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship()
