"""Users, their per-municipality roles, invitations and password resets."""

import enum
import hashlib
import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.municipality import Municipality, Organisation
from webapp.models.types import UTCDateTime, utcnow

_hasher = PasswordHasher()


def use_cheap_hashing() -> None:
    """For tests only: the cheapest Argon2 parameters keep the suite fast."""
    global _hasher
    from argon2 import profiles

    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_hash(stored: str, candidate: str) -> bool:
    """Whether `candidate` matches an Argon2 hash made by hash_password."""
    try:
        return _hasher.verify(stored, candidate)
    except (VerificationError, InvalidHashError):
        return False


class Role(enum.StrEnum):
    GIVER = "giver"
    HEAD_PROCESSOR = "head_processor"
    PROCESSOR = "processor"
    ORG_PROCESSOR = "org_processor"
    ALDERMAN = "alderman"
    NETWORK = "network"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.GIVER: "signaalgever",
    Role.HEAD_PROCESSOR: "hoofdsignaalverwerker",
    Role.PROCESSOR: "collega-signaalverwerker",
    Role.ORG_PROCESSOR: "signaalverwerker bij een sociale organisatie",
    Role.ALDERMAN: "bevoegde schepen",
    Role.NETWORK: "netwerk",
}


def hash_token(token: str) -> str:
    """Tokens are stored hashed: a leaked database does not hand out working links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped at logout and password change: every session cookie issued before stops working.
    session_generation: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Privacy rights (webapp.privacy): a restricted user's name is not shown on contributions;
    # an erased account keeps its row (signals stay the municipality's record) but no person.
    processing_restricted: Mapped[bool] = mapped_column(default=False, server_default="0")
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship()
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        if not self.password_hash:
            return False
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @property
    def shown_name(self) -> str:
        """The name others see on this person's contributions, as their privacy choices allow."""
        if self.erased_at is not None:
            return "voormalig gebruiker"
        if self.processing_restricted:
            return "naam afgeschermd"
        return self.name

    @property
    def shows_identity(self) -> bool:
        """Whether others may see this person's name and e-mail address."""
        return self.erased_at is None and not self.processing_restricted

    def end_sessions(self) -> None:
        self.session_generation += 1

    def roles_in(self, municipality: Municipality | None) -> frozenset[Role]:
        """The roles this user holds in a municipality; the network role holds everywhere."""
        roles = set()
        for membership in self.memberships:
            if membership.role == Role.NETWORK:
                roles.add(Role.NETWORK)
            elif municipality is not None and membership.municipality_id == municipality.id:
                roles.add(Role(membership.role))
        return frozenset(roles)

    def municipalities(self) -> list[Municipality]:
        seen = {m.municipality.id: m.municipality for m in self.memberships if m.municipality}
        return sorted(seen.values(), key=lambda m: m.name)


class Membership(db.Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    # NULL for the network role, which is not tied to one municipality.
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    # Processors: "immediate" e-mail per new signal in their scope, a daily "digest", or "none".
    notify: Mapped[str] = mapped_column(String(20), default="digest", server_default="digest")
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Givers (and anyone who gives or follows signals): mail about the signals they gave or
    # follow at every status change ("immediate"), in a daily "digest", or "none".
    status_mail: Mapped[str] = mapped_column(
        String(20), default="immediate", server_default="immediate"
    )
    last_status_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Consent to this municipality's privacy statement, with the version that was shown.
    privacy_consent_version: Mapped[str | None] = mapped_column(String(40))
    privacy_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    municipality: Mapped[Municipality | None] = relationship()


class Invitation(db.Model):
    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(30), default=Role.GIVER.value)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by the inviter, never by the invitee: the organisation decides a processor's scope.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    municipality: Mapped[Municipality] = relationship()
    invited_by: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > utcnow()


class PasswordReset(db.Model):
    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > utcnow()


# What a person says they are willing to do with the municipality (seed 000).
ENGAGEMENT_KINDS = {
    "consultation": "deelnemen aan overleg",
    "signal_days": "meedoen aan signaaldagen",
    "work_sessions": "meewerken in werksessies",
    "contact": "gecontacteerd worden over mijn signalen",
}


class UserEngagement(db.Model):
    """One thing a person is willing to do in one municipality; processors see it, other
    givers never do."""

    __tablename__ = "user_engagement"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def label(self) -> str:
        return ENGAGEMENT_KINDS.get(self.kind, self.kind)
