"""Demo follow-up of the demo signals: signal cards in every public status (and drafts),
actions with progress, and past and future meetings of every kind with cards on their agenda.

Works on a municipality already in the database, so that a database loaded before this
existed gets it on the next `demo load`; a municipality that has cards is left alone.
"""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from common.dutch import BRUSSELS
from webapp.demo import data
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    CardStatus,
    Meeting,
    Municipality,
    Signal,
    SignalCard,
    User,
    utcnow,
)

# The roles the cards of a municipality get, in order: one of each public status published,
# then two drafts. Cards with more signals come first.
CARD_ROLES = [
    ("in_action", CardStatus.IN_ACTION, True),
    ("on_agenda", CardStatus.ON_AGENDA, True),
    ("resolved", CardStatus.RESOLVED, True),
    ("exploring", CardStatus.EXPLORING, True),
    ("referred_supralocal", CardStatus.REFERRED_SUPRALOCAL, True),
    ("draft_exploring", CardStatus.EXPLORING, False),
    ("draft_in_action", CardStatus.IN_ACTION, False),
]
# Which cards get an action, and how far along it is.
ACTIONS = [
    ("in_action", ActionStatus.ONGOING, True, 2),
    ("resolved", ActionStatus.DONE, True, 3),
    ("draft_in_action", ActionStatus.PLANNED, False, 1),
]


def load_followup(municipality: Municipality, head_processor_email: str, seed: str) -> bool:
    """Add the demo cards, actions and meetings; False when the municipality has cards or
    holds no demo signals."""
    has_cards = db.session.scalar(
        select(func.count(SignalCard.id)).where(SignalCard.municipality_id == municipality.id)
    )
    if has_cards:
        return False
    rng = random.Random(seed)
    author = db.session.scalars(select(User).filter_by(email=head_processor_email)).first()
    signals = db.session.scalars(
        select(Signal)
        .where(
            Signal.municipality_id == municipality.id,
            Signal.idempotency_key.startswith(f"demo-{municipality.slug}-", autoescape=True),
        )
        .order_by(Signal.created_at, Signal.id)
    ).all()
    if not signals:
        return False  # not the demo's municipality, or its signals are gone: leave it be
    cards = _cards(municipality, signals, author)
    _actions(municipality, cards, author, rng)
    _meetings(municipality, cards, signals)
    db.session.flush()
    return True


def _cards(municipality, signals, author) -> dict[str, tuple[SignalCard, dict]]:
    """The cards by role, each with the spec it was made from."""
    by_title: dict[str, list[Signal]] = {}
    for signal in signals:
        by_title.setdefault(signal.title, []).append(signal)
    themes = {t.slug: t for t in municipality.themes}
    candidates = []
    for position, spec in enumerate(data.CARDS):
        bundled = [s for title in spec["signals"] for s in by_title.get(title, [])]
        if bundled:
            candidates.append((-len(bundled), position, spec, bundled))
    candidates.sort(key=lambda item: item[:2])
    cards = {}
    now = utcnow()
    for (role, status, published), (_, _, spec, bundled) in zip(
        CARD_ROLES, candidates, strict=False
    ):
        first = min(s.created_at for s in bundled)
        created = min(now - timedelta(days=1), first + timedelta(days=7))
        card = SignalCard(
            municipality_id=municipality.id,
            title=spec["title"],
            summary=spec["summary"],
            themes=[themes[slug] for slug in spec["themes"] if slug in themes],
            public_status=status.value,
            published=published,
            published_at=created + timedelta(days=2) if published else None,
            created_by_id=author.id if author else None,
            signals=bundled,
            created_at=created,
            updated_at=created + timedelta(days=3),
        )
        db.session.add(card)
        cards[role] = (card, spec)
    return cards


def _actions(municipality, cards, author, rng) -> None:
    organisations = {o.kind: o for o in municipality.organisations}
    today = datetime.now(BRUSSELS).date()
    for role, status, public, steps in ACTIONS:
        if role not in cards:
            continue
        card, card_spec = cards[role]
        spec = card_spec["action"]
        started = today - timedelta(days=20 * steps + rng.randint(5, 15))
        action = Action(
            municipality_id=municipality.id,
            title=spec["title"],
            description=spec["description"],
            organisation=organisations.get(spec["organisation"]),
            status=status.value,
            is_public=public,
            cards=[card],
        )
        for step, body in enumerate(spec["updates"][:steps], start=1):
            action.updates.append(
                ActionUpdate(
                    happened_on=started + timedelta(days=20 * step),
                    body=body,
                    author_id=author.id if author else None,
                )
            )
        db.session.add(action)


SEASONS = ("winter", "voorjaar", "zomer", "najaar")


def season_of(day) -> str:
    """The season a day falls in, as a meeting title names it (winter is December to February)."""
    return SEASONS[day.month % 12 // 3]


def _meetings(municipality, cards, signals) -> None:
    today = datetime.now(BRUSSELS).date()
    # Signals not yet handled are the ones a work session looks at.
    waiting = [s for s in signals if s.status in ("submitted", "in_progress")]
    for spec in data.MEETINGS:
        hour, minute = spec["start"]
        day = today + timedelta(days=spec["days"])
        starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)
        starts = starts.astimezone(UTC)
        meeting = Meeting(
            municipality_id=municipality.id,
            kind=spec["kind"],
            title=spec["title"].format(name=municipality.name, season=season_of(day)),
            starts_at=starts,
            ends_at=starts + timedelta(hours=spec["hours"]),
            place=spec["place"].format(name=municipality.name),
            description=spec["description"],
            is_public=spec["public"],
            cards=[cards[role][0] for role in spec["agenda"] if role in cards],
            signals=waiting[: spec["signals"]],
        )
        db.session.add(meeting)
