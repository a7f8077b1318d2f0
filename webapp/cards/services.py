"""Write operations on signal cards, and what a card tells about its signals: they flush, the
request commits. Mail about a card goes out only after the commit (see notify_contributors)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, union
from sqlalchemy.orm import selectinload

from webapp import access, audit, publication
from webapp.decisions import decision_texts
from webapp.extensions import db
from webapp.links import external_url
from webapp.models import (
    CardStatus,
    Follow,
    Municipality,
    Reinforcement,
    Signal,
    SignalCard,
    Supplement,
    Theme,
    User,
    utcnow,
)
from webapp.models.processing import card_signal
from webapp.notifications import queue_mail


@dataclass(frozen=True)
class CardChange:
    """What a save changed that the people behind the signals hear about."""

    status_changed: bool = False
    published_now: bool = False

    def notifies(self, card: SignalCard) -> bool:
        # A draft reaches nobody: its status is news only once the card is published.
        return card.published and (self.status_changed or self.published_now)


def create_card(
    municipality: Municipality,
    actor: User,
    *,
    title: str,
    summary: str,
    themes: list[Theme],
    public_status: CardStatus,
    published: bool,
    signals: list[Signal],
    priority: str | None = None,
    confirm_findings: bool = False,
) -> SignalCard:
    """A new card bundling these signals; a published one passes the publication gate."""
    texts = publication.card_texts(title, summary)
    confirmed = publication.gate(
        "signal_card", municipality, actor, None, texts, public=published, confirm=confirm_findings
    )
    card = SignalCard(
        municipality_id=municipality.id,
        created_by_id=actor.id,
        title=title,
        summary=summary,
        themes=themes,
        public_status=public_status.value,
        priority=priority or None,
        published=published,
        published_at=utcnow() if published else None,
        signals=signals,
    )
    db.session.add(card)
    db.session.flush()
    publication.confirm(municipality, actor, card, confirmed, [t for _, _, t in texts])
    state = "gepubliceerd" if published else "ontwerp"
    audit.add_recorded(
        municipality,
        actor,
        "card.create",
        card,
        f"Signaalfiche “{title}” gemaakt ({state}, status {public_status.label}, "
        f"{len(signals)} {'signaal' if len(signals) == 1 else 'signalen'}).",
    )
    return card


def update_card(
    card: SignalCard,
    actor: User,
    *,
    title: str,
    summary: str,
    themes: list[Theme],
    public_status: CardStatus,
    published: bool,
    signals: list[Signal],
    priority: str | None = None,
    confirm_findings: bool = False,
) -> CardChange:
    """Save every field of a card (the caller has checked the version); a published card
    passes the publication gate, its decisions included."""
    texts = publication.card_texts(title, summary) + decision_texts(card.decisions)
    confirmed = publication.gate(
        "signal_card",
        card.municipality,
        actor,
        card.id,
        texts,
        public=published,
        confirm=confirm_findings,
    )
    change = CardChange(
        status_changed=card.public_status != public_status.value,
        published_now=published and not card.published,
    )
    unpublished = card.published and not published
    before = {s.id for s in card.signals}
    card.title = title
    card.summary = summary
    card.themes = themes
    card.signals = signals
    card.public_status = public_status.value
    if (priority or None) != card.priority:
        details_priority = f"prioriteit nu {priority or 'geen'}"
    else:
        details_priority = None
    card.priority = priority or None
    card.published = published
    if change.published_now:
        card.published_at = utcnow()
    db.session.flush()
    municipality = card.municipality
    publication.confirm(municipality, actor, card, confirmed, [t for _, _, t in texts])
    after = {s.id for s in signals}
    details = []
    if change.status_changed:
        details.append(f"status nu {public_status.label}")
    if change.published_now:
        details.append("gepubliceerd")
    if unpublished:
        details.append("niet meer gepubliceerd")
    if before != after:
        details.append(f"{len(after - before)} signalen erbij, {len(before - after)} eraf")
    if details_priority:
        details.append(details_priority)
    audit.record(
        municipality,
        actor,
        "card.update",
        card,
        f"Signaalfiche “{title}” bewerkt" + (f": {', '.join(details)}." if details else "."),
    )
    return change


def change_status(card: SignalCard, actor: User, public_status: CardStatus) -> CardChange:
    """Give the card a new public status; the same status again changes nothing."""
    if card.public_status == public_status.value:
        return CardChange()
    before = CardStatus(card.public_status)
    card.public_status = public_status.value
    card.updated_at = utcnow()
    db.session.flush()
    audit.record(
        card.municipality,
        actor,
        "card.status",
        card,
        f"Status van signaalfiche “{card.title}”: {before.label} → {public_status.label}.",
    )
    return CardChange(status_changed=True)


@dataclass(frozen=True)
class Provenance:
    """Where a card comes from, in counts only: no text, no names."""

    signals: int
    reinforcements: int
    organisations: int
    since: datetime | None
    without_account: int = 0


def provenance(card: SignalCard) -> Provenance:
    """How many signals, reinforcements and organisations the card bundles, and since when."""
    signal_ids = select(card_signal.c.signal_id).where(card_signal.c.card_id == card.id)
    signals, since, without_account = db.session.execute(
        select(
            func.count(Signal.id),
            func.min(Signal.created_at),
            func.count(Signal.id).filter(Signal.submitted_by_id.is_(None)),
        ).where(Signal.id.in_(signal_ids))
    ).one()
    reinforcements = db.session.scalar(
        select(func.count(Reinforcement.id)).where(Reinforcement.signal_id.in_(signal_ids))
    )
    # The organisations of the people who gave or reinforced the signals.
    organisation_ids = union(
        select(Signal.organisation_id).where(Signal.id.in_(signal_ids)),
        select(Reinforcement.organisation_id).where(Reinforcement.signal_id.in_(signal_ids)),
    ).subquery()
    organisations = db.session.scalar(
        select(func.count()).select_from(organisation_ids).where(organisation_ids.c[0].is_not(None))
    )
    return Provenance(signals, reinforcements, organisations, since, without_account)


def signal_counts(card_ids: list[int]) -> dict[int, int]:
    """How many signals each of these cards bundles."""
    if not card_ids:
        return {}
    rows = db.session.execute(
        select(card_signal.c.card_id, func.count())
        .where(card_signal.c.card_id.in_(card_ids))
        .group_by(card_signal.c.card_id)
    )
    return dict(rows.all())


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str | None
    # Only people with an account here get a link: it would answer 404 to anyone else.
    with_link: bool


def contributors(card: SignalCard) -> list[Recipient]:
    """Everyone who gave, reinforced, supplemented or followed one of the card's signals,
    once each: account holders, and anonymous submitters who left a contact address."""
    signal_ids = select(card_signal.c.signal_id).where(card_signal.c.card_id == card.id)
    user_ids = union(
        select(Signal.submitted_by_id).where(Signal.id.in_(signal_ids)),
        select(Reinforcement.user_id).where(Reinforcement.signal_id.in_(signal_ids)),
        select(Supplement.user_id).where(Supplement.signal_id.in_(signal_ids)),
        select(Follow.user_id).where(Follow.signal_id.in_(signal_ids)),
    ).subquery()
    users = db.session.scalars(
        select(User)
        .where(User.id.in_(select(user_ids.c[0])), User.active.is_(True))
        .options(selectinload(User.memberships))
        .order_by(User.id)
    ).all()
    municipality = card.municipality
    recipients: dict[str, Recipient] = {}
    for user in users:
        recipients.setdefault(
            user.email.lower(),
            Recipient(user.email, user.name, access.is_member(user, municipality)),
        )
    addresses = db.session.scalars(
        select(Signal.contact_email)
        .where(
            Signal.id.in_(signal_ids),
            Signal.submitted_by_id.is_(None),
            Signal.contact_email.is_not(None),
        )
        .order_by(Signal.id)
    ).all()
    for address in addresses:
        address = address.strip()
        if address:
            recipients.setdefault(address.lower(), Recipient(address, None, False))
    return list(recipients.values())


def notify_contributors(card: SignalCard, change: CardChange, message: str | None) -> int:
    """Queue a mail for every contributor about the card's status; returns how many.

    Called before the commit, so the mails and the change commit together: nobody hears of a
    change that did not last, and no mail is lost. The mail names the card and its status,
    never a signal's text; each address goes out on its own, so one failing address does not
    stop the others.
    """
    if not change.notifies(card):
        return 0
    municipality = card.municipality
    status = CardStatus(card.public_status)
    link = external_url("cards.show_card", gemeente=municipality.slug, card_id=card.id)
    subject = " ".join(f"Signaalfiche {status.label}: {card.title}".split())
    queued = 0
    for recipient in contributors(card):
        queued += queue_mail(
            recipient.email,
            subject,
            "mail/card_status.txt",
            name=recipient.name,
            municipality=municipality,
            card=card,
            status=status,
            published_now=change.published_now,
            message=message,
            link=link if recipient.with_link else None,
        )
    return queued
