"""From signal to decision (issue 21): policy decisions on cards and meetings, the organisation a
signal is referred to, and the policy domains a processor follows."""

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.municipality import Organisation
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import User


class Priority(enum.StrEnum):
    HIGH = "hoog"
    MEDIUM = "gemiddeld"
    LOW = "laag"

    @property
    def label(self) -> str:
        return self.value


class PolicyDecision(db.Model):
    """A decision a body (the college, the council, a network meeting) took about a card or at a
    meeting: public on the card once the card is published, and on a public meeting whose
    minutes the processor made public."""

    __tablename__ = "policy_decision"
    __table_args__ = (
        Index("ix_policy_decision_card", "card_id", "decided_on"),
        Index("ix_policy_decision_meeting", "meeting_id", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("signal_card.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    decided_on: Mapped[date] = mapped_column(Date)
    # The body that took it: "College van burgemeester en schepenen", "Gemeenteraad", ...
    taken_by: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # The goal of the multi-year plan it serves ("Doelstelling 2.3"), and a link to it.
    plan_goal: Mapped[str] = mapped_column(String(200), default="", server_default="")
    link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SignalReferral(db.Model):
    """To whom a signal with the status "doorverwezen" was referred (one per signal)."""

    __tablename__ = "signal_referral"

    signal_id: Mapped[int] = mapped_column(
        ForeignKey("signal.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    referred_by: Mapped[User | None] = relationship()


class ProcessorDomain(db.Model):
    """A policy domain (theme) a processor follows: the inbox filters on them and the
    new-signal mail goes to those who follow a signal's domains (everyone, for who follows
    none)."""

    __tablename__ = "processor_domain"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True, index=True
    )


processor_domain = ProcessorDomain.__table__
