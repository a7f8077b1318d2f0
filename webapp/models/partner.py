"""Partner organisations' agreements with a municipality (the editor comes with its own issue)."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.municipality import Municipality, Organisation
from webapp.models.types import UTCDateTime, utcnow


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

    municipality: Mapped[Municipality] = relationship()
    organisation: Mapped[Organisation] = relationship()
