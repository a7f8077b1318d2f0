"""Municipalities (the tenants) and what belongs to each: organisations, themes, target groups."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from sqlalchemy.sql.expression import false

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class Municipality(db.Model):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    public_url: Mapped[str | None] = mapped_column(String(300))
    coordinator_name: Mapped[str | None] = mapped_column(String(120))
    privacy_version: Mapped[str] = mapped_column(String(40), default="2026-1")
    # Counts below this read "minder dan N" for aldermen and the network.
    suppression_threshold: Mapped[int] = mapped_column(default=5, server_default="5")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisations: Mapped[list["Organisation"]] = relationship(
        back_populates="municipality", order_by="Organisation.name"
    )
    themes: Mapped[list["Theme"]] = relationship(order_by="Theme.position")
    target_groups: Mapped[list["TargetGroup"]] = relationship(order_by="TargetGroup.position")

    @property
    def current_themes(self) -> list["Theme"]:
        """The themes a new signal can have: retired ones only stay on old signals."""
        return [theme for theme in self.themes if not theme.retired]

    @property
    def current_target_groups(self) -> list["TargetGroup"]:
        return [group for group in self.target_groups if not group.retired]

    def __repr__(self) -> str:
        return f"<Municipality {self.slug}>"


class Organisation(db.Model):
    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(40), default="other")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    website: Mapped[str | None] = mapped_column(String(300))
    public_contact: Mapped[str | None] = mapped_column(String(254))
    # The one identity of an organisation that works in several municipalities (a link only:
    # webapp/models/network_organisation.py).
    network_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_organisation.id", ondelete="SET NULL")
    )

    municipality: Mapped[Municipality] = relationship(back_populates="organisations")


def term_name(name: str) -> str:
    """A theme's or target group's name as stored: no spaces around it, single spaces within."""
    return " ".join((name or "").split())


def term_key(name: str) -> str:
    """What makes two names the same name: "Mobiliteit  en Vervoer" is "mobiliteit en vervoer"."""
    return term_name(name).casefold()


class Theme(db.Model):
    __tablename__ = "theme"
    __table_args__ = (
        UniqueConstraint("municipality_id", "slug"),
        # One name once per municipality, whatever its case or spacing (migration 0020).
        Index("uq_theme_municipality_name_key", "municipality_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    slug: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    # Retired: no longer offered for new signals; old signals and filters keep it.
    retired: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The name as a duplicate is recognised: set with the name, never by hand.
    name_key: Mapped[str | None] = mapped_column(String(255))

    @validates("name")
    def _keep_key(self, _, name: str) -> str:
        name = term_name(name)
        self.name_key = term_key(name)
        return name
    # The theme of the network's vocabulary this one counts under (webapp/models/network_theme.py).
    network_theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_theme.id", ondelete="SET NULL")
    )


class TargetGroup(db.Model):
    __tablename__ = "target_group"
    __table_args__ = (
        UniqueConstraint("municipality_id", "slug"),
        # One name once per municipality, whatever its case or spacing (migration 0020).
        Index("uq_target_group_municipality_name_key", "municipality_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    slug: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    # Retired: no longer offered for new signals; old signals and filters keep it.
    retired: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The name as a duplicate is recognised: set with the name, never by hand.
    name_key: Mapped[str | None] = mapped_column(String(255))

    @validates("name")
    def _keep_key(self, _, name: str) -> str:
        name = term_name(name)
        self.name_key = term_key(name)
        return name
