"""The supra-local level: cards a head processor refers to the network, and the network's
supra-local files that bundle cards of several municipalities."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.processing import SignalCard
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import User


class SupralocalStatus(enum.StrEnum):
    OPEN = "open"
    EXAMINED = "examined"
    RAISED = "raised"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return SUPRALOCAL_STATUS_LABELS[self]


SUPRALOCAL_STATUS_LABELS = {
    SupralocalStatus.OPEN: "nieuw",
    SupralocalStatus.EXAMINED: "in onderzoek",
    SupralocalStatus.RAISED: "aangekaart bij Vlaamse of federale overheid",
    SupralocalStatus.CLOSED: "afgerond",
}


class SupralocalReferral(db.Model):
    """A head processor's motivation for referring a card to the supra-local level."""

    __tablename__ = "supralocal_referral"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("signal_card.id", ondelete="CASCADE"), primary_key=True
    )
    motivation: Mapped[str] = mapped_column(Text)
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Set when the network groups the card into a file; one file per card.
    file_id: Mapped[int | None] = mapped_column(
        ForeignKey("supralocal_file.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    card: Mapped[SignalCard] = relationship()
    referred_by: Mapped[User | None] = relationship()
    file: Mapped["SupralocalFile | None"] = relationship(back_populates="referrals")


class SupralocalFile(db.Model):
    """Bovenlokaal dossier: the network's bundle of cards from several municipalities."""

    __tablename__ = "supralocal_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=SupralocalStatus.OPEN.value)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # A retried or double-clicked form makes one file.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    referrals: Mapped[list[SupralocalReferral]] = relationship(back_populates="file")
    feedback: Mapped[list["SupralocalFeedback"]] = relationship(
        order_by="SupralocalFeedback.created_at.desc()", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return SupralocalStatus(self.status).label


class SupralocalFeedback(db.Model):
    """What the network tells the municipalities of a file: public, like the cards."""

    __tablename__ = "supralocal_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("supralocal_file.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
