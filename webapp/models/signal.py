"""Signals and everything people attach to them: follows, reinforcements, supplements, history."""

import enum
import secrets
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.municipality import Municipality, Organisation, TargetGroup, Theme
from webapp.models.types import UTCDateTime, utcnow
from webapp.models.user import User


class SignalStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    IN_PROGRESS = "in_progress"
    ON_AGENDA = "on_agenda"
    REFERRED = "referred"
    ACTION = "action"
    CLOSED = "closed"
    NOT_RETAINED = "not_retained"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    SignalStatus.SUBMITTED: "ingediend",
    SignalStatus.IN_PROGRESS: "in behandeling",
    SignalStatus.ON_AGENDA: "geagendeerd",
    SignalStatus.REFERRED: "doorverwezen",
    SignalStatus.ACTION: "in actie",
    SignalStatus.CLOSED: "afgerond",
    SignalStatus.NOT_RETAINED: "niet weerhouden",
}

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A short reference a giver can note down or read over the phone: no 0/O or 1/I."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


signal_theme = Table(
    "signal_theme",
    db.metadata,
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id"), primary_key=True, index=True),
)

signal_target_group = Table(
    "signal_target_group",
    db.metadata,
    Column("signal_id", ForeignKey("signal.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_group.id"), primary_key=True, index=True),
)


class Signal(db.Model):
    __tablename__ = "signal"
    __table_args__ = (
        UniqueConstraint("municipality_id", "idempotency_key"),
        # The lists' orders, ending in the id that breaks ties: a page by cursor seeks its first
        # row in the index (webapp/pagination.py), at any depth.
        Index("ix_signal_municipality_created", "municipality_id", "created_at", "id"),
        Index("ix_signal_municipality_status", "municipality_id", "status"),
        Index(
            "ix_signal_municipality_reinforcements",
            "municipality_id",
            "reinforcement_count",
            "created_at",
            "id",
        ),
        # The inbox's organisation filter, and the scope of an organisation's processors.
        Index(
            "ix_signal_municipality_organisation",
            "municipality_id",
            "organisation_id",
            "created_at",
            "id",
        ),
        # Covers the inbox's counts per status under a theme or target-group filter, which look
        # signals up by id: without it SQLite reads every matching row, texts and all.
        Index("ix_signal_id_municipality_status", "id", "municipality_id", "status"),
        # The newest signals of a municipality by id: the similar-signal window.
        Index("ix_signal_municipality_id", "municipality_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    reference: Mapped[str] = mapped_column(String(9), unique=True, default=new_reference)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text)
    tried: Mapped[str | None] = mapped_column(Text)
    ideas: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=SignalStatus.SUBMITTED.value)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    # The giver's employer when submitting: kept even if the giver changes jobs later.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # Left by submitters without an account who want feedback; processors only.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # Kinds of possible personal data the giver saw flagged and confirmed as not personal.
    personal_data_confirmed: Mapped[str | None] = mapped_column(String(200))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    # Processing: who follows it up, in which policy domain.
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    domain_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id"))
    # Kept in step by the services, so the inbox can sort on it without counting rows.
    reinforcement_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # The index terms of title and description (webapp/search.py), set on every flush that
    # changes them; the full-text indexes of both databases are built from this column.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    domain: Mapped[Theme | None] = relationship(foreign_keys=[domain_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    organisation: Mapped[Organisation | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=signal_theme, order_by=Theme.position)
    notes: Mapped[list["InternalNote"]] = relationship(  # noqa: F821
        order_by="InternalNote.created_at", cascade="all, delete-orphan"
    )
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=signal_target_group, order_by=TargetGroup.position
    )
    follows: Mapped[list["Follow"]] = relationship(
        back_populates="signal", order_by="Follow.created_at", cascade="all, delete-orphan"
    )
    reinforcements: Mapped[list["Reinforcement"]] = relationship(
        back_populates="signal", order_by="Reinforcement.created_at", cascade="all, delete-orphan"
    )
    supplements: Mapped[list["Supplement"]] = relationship(
        back_populates="signal", order_by="Supplement.created_at", cascade="all, delete-orphan"
    )
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="signal", order_by="StatusChange.created_at", cascade="all, delete-orphan"
    )
    feedback: Mapped[list["Feedback"]] = relationship(
        back_populates="signal", order_by="Feedback.created_at", cascade="all, delete-orphan"
    )
    # The organisation it is referred to, while its status is "doorverwezen" (issue 21).
    referral: Mapped["SignalReferral | None"] = relationship(  # noqa: F821
        cascade="all, delete-orphan", uselist=False
    )

    @property
    def status_label(self) -> str:
        return SignalStatus(self.status).label


class Follow(db.Model):
    __tablename__ = "follow"
    __table_args__ = (UniqueConstraint("signal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signal: Mapped[Signal] = relationship(back_populates="follows")
    user: Mapped[User] = relationship()


class Reinforcement(db.Model):
    __tablename__ = "reinforcement"
    __table_args__ = (UniqueConstraint("signal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"))
    # NULL once the retention period of a closed signal ended (webapp.privacy.retention).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    context: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signal: Mapped[Signal] = relationship(back_populates="reinforcements")
    user: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class Supplement(db.Model):
    __tablename__ = "supplement"
    __table_args__ = (UniqueConstraint("signal_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"))
    # NULL once the retention period of a closed signal ended (webapp.privacy.retention).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signal: Mapped[Signal] = relationship(back_populates="supplements")
    user: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class StatusChange(db.Model):
    """Append-only history of a signal's status: who, when, from, to and why."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # Indexed: "Mijn gegevens" finds a person's changes among every signal's history.
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signal: Mapped[Signal] = relationship(back_populates="history")
    changed_by: Mapped[User | None] = relationship()

    @property
    def to_label(self) -> str:
        return SignalStatus(self.to_status).label


class Feedback(db.Model):
    """Terugkoppeling: what processors tell the giver and the followers of a signal."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    signal: Mapped[Signal] = relationship(back_populates="feedback")
    author: Mapped[User | None] = relationship()
