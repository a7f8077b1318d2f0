"""Retention: how long personal data that is no longer needed is kept, and the purge.

Three periods, in days, globally in the configuration (RETENTION_*_DAYS) and per
municipality in `retention_setting`:
- an anonymous submitter's contact address, counted from the signal's last change;
- the links between a closed (or not retained) signal and the people who gave, followed,
  reinforced or supplemented it, counted from the signal's last change; the texts stay;
- an account nobody logged in to (counted from the last login, or the creation when never),
  which is then erased as on the person's own request.

`flask --app wsgi privacy purge [--dry-run]` runs it; the audit log and the output say how many
of each were removed, never what.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from webapp import audit, outbox
from webapp.extensions import db
from webapp.models import (
    Follow,
    FollowupLink,
    Membership,
    Municipality,
    Reinforcement,
    RetentionSetting,
    Signal,
    SignalStatus,
    Supplement,
    User,
    utcnow,
)
from webapp.privacy import services

CLOSED = (SignalStatus.CLOSED.value, SignalStatus.NOT_RETAINED.value)
ERASE_BATCH = 100
PERIODS = {
    "contact_email_days": "RETENTION_CONTACT_EMAIL_DAYS",
    "closed_links_days": "RETENTION_CLOSED_LINKS_DAYS",
    "inactive_account_days": "RETENTION_INACTIVE_ACCOUNT_DAYS",
}


@dataclass
class Periods:
    contact_email_days: int
    closed_links_days: int
    inactive_account_days: int


@dataclass
class Purged:
    """What a purge removed (or would remove) in one municipality: counts only."""

    municipality: str
    contact_emails: int = 0
    closed_links: int = 0
    accounts: int = 0
    account_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.contact_emails + self.closed_links + self.accounts

    def line(self) -> str:
        return (
            f"{self.municipality}: {self.contact_emails} contactadressen, "
            f"{self.closed_links} koppelingen van afgeronde signalen aan personen, "
            f"{self.accounts} inactieve accounts"
        )


def periods_for(municipality: Municipality) -> Periods:
    """The municipality's own periods where it set them, else the global ones."""
    own = db.session.get(RetentionSetting, municipality.id)
    values = {}
    for name, key in PERIODS.items():
        value = getattr(own, name) if own is not None else None
        values[name] = value if value is not None else current_app.config[key]
    return Periods(**values)


def set_periods(municipality: Municipality, **days: int | None) -> RetentionSetting:
    """Set the municipality's own periods; None goes back to the global default."""
    setting = db.session.get(RetentionSetting, municipality.id)
    if setting is None:
        setting = RetentionSetting(municipality_id=municipality.id)
        db.session.add(setting)
    for name, value in days.items():
        if name not in PERIODS:
            raise ValueError(name)
        setattr(setting, name, value)
    db.session.flush()
    return setting


def purge(municipality: Municipality, dry_run: bool = False) -> Purged:
    """Remove what outlived its period here; with dry_run only count it."""
    periods = periods_for(municipality)
    now = utcnow()
    result = Purged(municipality.slug)

    contact_due = (
        Signal.municipality_id == municipality.id,
        Signal.contact_email.is_not(None),
        Signal.updated_at < now - timedelta(days=periods.contact_email_days),
    )
    result.contact_emails = _count(select(Signal.id).where(*contact_due))

    closed = select(Signal.id).where(
        Signal.municipality_id == municipality.id,
        Signal.status.in_(CLOSED),
        Signal.updated_at < now - timedelta(days=periods.closed_links_days),
    )
    links = (
        (Signal, Signal.id, Signal.submitted_by_id),
        (Follow, Follow.signal_id, Follow.user_id),
        (Reinforcement, Reinforcement.signal_id, Reinforcement.user_id),
        (Supplement, Supplement.signal_id, Supplement.user_id),
    )
    result.closed_links = sum(
        _count(select(owner).where(signal_id.in_(closed), owner.is_not(None)))
        for _, signal_id, owner in links
    )

    last_seen = func.coalesce(User.last_login_at, User.created_at)
    inactive = list(
        db.session.scalars(
            select(User.id)
            .where(
                User.erased_at.is_(None),
                User.memberships.any(Membership.municipality_id == municipality.id),
                last_seen < now - timedelta(days=periods.inactive_account_days),
            )
            .order_by(User.id)
        )
    )
    result.accounts = len(inactive)
    result.account_ids = inactive
    if dry_run or result.total == 0:
        return result

    addresses = list(db.session.scalars(select(Signal.contact_email).where(*contact_due)))
    due_ids = select(Signal.id).where(*contact_due).scalar_subquery()
    _stop_followup_links(due_ids)
    _unlink(contact_due, closed, links)
    _forget_contacts(addresses)
    _erase_accounts(inactive)
    audit.record(
        municipality, None, "privacy.purge", municipality, f"Bewaartermijnen: {result.line()}."
    )
    db.session.flush()
    return result


def _unlink(contact_due, closed, links) -> None:
    """Clear the addresses and links in the database itself (no signal is loaded); a signal's
    `updated_at` stays its last real change."""
    keep_time = {"updated_at": Signal.updated_at}
    db.session.execute(
        update(Signal)
        .where(*contact_due)
        .values(contact_email=None, **keep_time)
        .execution_options(synchronize_session=False)
    )
    closed_ids = closed.scalar_subquery()
    for model, signal_id, owner in links:
        if model is Follow:
            statement = delete(Follow).where(signal_id.in_(closed_ids))
        else:
            values = {owner.key: None, **(keep_time if model is Signal else {})}
            statement = (
                update(model).where(signal_id.in_(closed_ids), owner.is_not(None)).values(values)
            )
        db.session.execute(statement.execution_options(synchronize_session=False))


def _stop_followup_links(signal_ids) -> None:
    """The follow-up links of a signal whose contact address goes stop working with it."""
    db.session.execute(
        update(FollowupLink)
        .where(FollowupLink.signal_id.in_(signal_ids), FollowupLink.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _forget_contacts(addresses: list[str]) -> None:
    """No outbox row keeps a purged contact address, unless a signal or an account still
    holds it."""
    lowered = {a.lower() for a in addresses if a}
    if not lowered:
        return
    still = {
        a.lower()
        for a in db.session.scalars(
            select(Signal.contact_email).where(func.lower(Signal.contact_email).in_(lowered))
        )
    } | {
        a.lower()
        for a in db.session.scalars(select(User.email).where(func.lower(User.email).in_(lowered)))
    }
    outbox.forget_addresses(sorted(lowered - still))


def _erase_accounts(user_ids: list[int]) -> None:
    """Erase the accounts a batch at a time, letting go of each batch once it is flushed:
    memory stays bounded however many accounts a purge erases."""
    for start in range(0, len(user_ids), ERASE_BATCH):
        batch = user_ids[start : start + ERASE_BATCH]
        users = db.session.scalars(select(User).where(User.id.in_(batch)).order_by(User.id))
        users = users.all()
        for user in users:
            services.erase(user, None)
        db.session.flush()
        for user in users:
            db.session.expunge(user)


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery()))
