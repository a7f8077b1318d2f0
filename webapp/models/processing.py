"""What processors make of signals: notes, cards, actions, meetings, and the audit trail."""

import enum
from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from webapp.extensions import db
from webapp.models.municipality import Municipality, Organisation, Theme
from webapp.models.signal import Signal
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import User


class InternalNote(db.Model):
    """A processor's note on a signal: never shown to givers."""

    __tablename__ = "internal_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class AuditEntry(db.Model):
    """One change by a processor: who, when, what."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_municipality_created", "municipality_id", "created_at"),
        # The audit log's filter lists the actors and kinds of change used here (a loose index
        # scan, webapp/processing/logbook.py).
        Index("ix_audit_entry_municipality_actor", "municipality_id", "actor_id"),
        Index("ix_audit_entry_municipality_action", "municipality_id", "action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int | None] = mapped_column()
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()


class CardStatus(enum.StrEnum):
    EXPLORING = "exploring"
    IN_ACTION = "in_action"
    ON_AGENDA = "on_agenda"
    REFERRED_SUPRALOCAL = "referred_supralocal"
    RESOLVED = "resolved"

    @property
    def label(self) -> str:
        return CARD_STATUS_LABELS[self]


CARD_STATUS_LABELS = {
    CardStatus.EXPLORING: "verkennen",
    CardStatus.IN_ACTION: "in actie",
    CardStatus.ON_AGENDA: "geagendeerd",
    CardStatus.REFERRED_SUPRALOCAL: "bovenlokaal doorverwezen",
    CardStatus.RESOLVED: "opgelost",
}

card_signal = Table(
    "card_signal",
    db.metadata,
    Column("card_id", ForeignKey("signal_card.id", ondelete="CASCADE"), primary_key=True),
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), primary_key=True, index=True),
)
card_theme = Table(
    "card_theme",
    db.metadata,
    Column("card_id", ForeignKey("signal_card.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id"), primary_key=True, index=True),
)
card_action = Table(
    "card_action",
    db.metadata,
    Column("card_id", ForeignKey("signal_card.id", ondelete="CASCADE"), primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True, index=True),
)
meeting_card = Table(
    "meeting_card",
    db.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "card_id", ForeignKey("signal_card.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
meeting_signal = Table(
    "meeting_signal",
    db.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class SignalCard(db.Model):
    """Signaalfiche: the processors' public summary of related signals."""

    __tablename__ = "signal_card"
    __table_args__ = (
        Index("ix_signal_card_municipality_published", "municipality_id", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    # Index terms of title and summary (webapp/search.py), set on every flush that changes them.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)
    public_status: Mapped[str] = mapped_column(String(30), default=CardStatus.EXPLORING.value)
    # hoog, gemiddeld, laag (webapp.models.decision.Priority), or none yet.
    priority: Mapped[str | None] = mapped_column(String(10))
    published: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()
    signals: Mapped[list[Signal]] = relationship(secondary=card_signal, order_by=Signal.created_at)
    themes: Mapped[list[Theme]] = relationship(secondary=card_theme, order_by=Theme.position)
    actions: Mapped[list["Action"]] = relationship(secondary=card_action, back_populates="cards")
    meetings: Mapped[list["Meeting"]] = relationship(secondary=meeting_card, back_populates="cards")
    decisions: Mapped[list["PolicyDecision"]] = relationship(  # noqa: F821
        primaryjoin="SignalCard.id == PolicyDecision.card_id",
        order_by="(PolicyDecision.decided_on.desc(), PolicyDecision.id.desc())",
        viewonly=True,
    )

    @property
    def status_label(self) -> str:
        return CardStatus(self.public_status).label


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return {
            "planned": "gepland",
            "ongoing": "lopend",
            "done": "afgerond",
            "stopped": "stopgezet",
        }[self.value]


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED.value, ActionStatus.ONGOING.value)


class Action(db.Model):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The owner: an organisation (organisation_id) or a service of the municipality.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    owner_service: Mapped[str] = mapped_column(String(200), default="", server_default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=ActionStatus.PLANNED.value)
    is_public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    cards: Mapped[list[SignalCard]] = relationship(secondary=card_action, back_populates="actions")
    updates: Mapped[list["ActionUpdate"]] = relationship(
        order_by="ActionUpdate.happened_on.desc()", cascade="all, delete-orphan"
    )

    @property
    def owner(self) -> str:
        """Who carries the action out: the organisation and/or the service, in Dutch."""
        names = [
            n
            for n in (self.organisation.name if self.organisation else "", self.owner_service)
            if n
        ]
        return " en ".join(names)

    def overdue(self, today: date) -> bool:
        """Past its deadline and neither done nor stopped."""
        return (
            self.due_on is not None and self.due_on < today and self.status in OPEN_ACTION_STATUSES
        )


class ActionUpdate(db.Model):
    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    happened_on: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeetingKind(enum.StrEnum):
    CONSULTATION = "overleg"
    SIGNAL_DAY = "signaaldag"
    NETWORK = "netwerkmoment"
    WORK_SESSION = "werksessie"
    ACTION_DAY = "actiedag"


class Meeting(db.Model):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_municipality_starts", "municipality_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(default=False)
    # The minutes, public on a public meeting only when the processor chooses so.
    minutes: Mapped[str] = mapped_column(Text, default="", server_default="")
    minutes_public: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    cards: Mapped[list[SignalCard]] = relationship(
        secondary=meeting_card, back_populates="meetings"
    )
    decisions: Mapped[list["PolicyDecision"]] = relationship(  # noqa: F821
        primaryjoin="Meeting.id == PolicyDecision.meeting_id",
        order_by="(PolicyDecision.decided_on.desc(), PolicyDecision.id.desc())",
        viewonly=True,
    )
    signals: Mapped[list[Signal]] = relationship(secondary=meeting_signal)
