"""Demo data of issue 21: the policy domains the colleague processor follows, signals given a
domain and an assignee, feedback given days after signals (so the time to the first feedback has
something to measure), a referral that names its organisation, card priorities, policy decisions
on cards and at a meeting with public minutes, and actions with an owner and a deadline (one of
them overdue).

Works on a demo municipality already in the database; one that has a decision is left alone.
"""

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select

from common.dutch import BRUSSELS
from webapp.extensions import db
from webapp.models import (
    Action,
    ActionStatus,
    Feedback,
    Meeting,
    Membership,
    Municipality,
    PolicyDecision,
    Role,
    Signal,
    SignalCard,
    SignalReferral,
    SignalStatus,
    User,
    processor_domain,
    utcnow,
)

FOLLOWED = ("jeugd", "onderwijs")
FEEDBACK = (
    "Bedankt voor je signaal. We bespraken het met de betrokken diensten en houden je op de hoogte."
)
PRIORITIES = {"in_action": "hoog", "on_agenda": "gemiddeld", "exploring": "laag"}
OWNERS = {ActionStatus.ONGOING.value: -10, ActionStatus.DONE.value: -30, "planned": 60}
MINUTES = (
    "We overliepen de signaalfiches op de agenda. Partners herkennen de signalen uit hun eigen "
    "werking. Afspraak: de dienst Welzijn werkt tegen het volgende overleg een voorstel uit, "
    "de partners brengen hun cijfers mee."
)


def _one(municipality: Municipality, role: Role) -> User | None:
    return db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.municipality_id == municipality.id, Membership.role == role.value)
        .order_by(User.id)
    ).first()


def load_decisions(municipality: Municipality, seed: str) -> bool:
    """Add the demo's domains, decisions, minutes, owners and feedback; False when the
    municipality has decisions already or holds no demo cards."""
    has_decisions = db.session.scalar(
        select(func.count(PolicyDecision.id)).where(
            PolicyDecision.municipality_id == municipality.id
        )
    )
    cards = db.session.scalars(
        select(SignalCard)
        .where(SignalCard.municipality_id == municipality.id)
        .order_by(SignalCard.id)
    ).all()
    if has_decisions or not cards:
        return False
    rng = random.Random(seed)
    head = _one(municipality, Role.HEAD_PROCESSOR)
    colleague = _one(municipality, Role.PROCESSOR)
    themes = {t.slug: t for t in municipality.themes}
    follows = colleague is not None and not db.session.scalar(
        select(func.count())
        .select_from(processor_domain)
        .where(processor_domain.c.user_id == colleague.id)
    )
    if follows:
        for slug in FOLLOWED:
            if slug in themes:
                db.session.execute(
                    processor_domain.insert().values(user_id=colleague.id, theme_id=themes[slug].id)
                )
    _signals(municipality, head, colleague, rng)
    _cards(municipality, cards, head)
    _actions(municipality)
    _meeting(municipality, cards, head)
    db.session.flush()
    return True


def _signals(municipality, head, colleague, rng) -> None:
    signals = db.session.scalars(
        select(Signal)
        .where(Signal.municipality_id == municipality.id)
        .order_by(Signal.created_at, Signal.id)
    ).all()
    organisations = {o.kind: o for o in municipality.organisations}
    for signal in signals:
        if signal.status == SignalStatus.SUBMITTED.value:
            continue
        # The domain of its first theme; the colleague takes those of the domains they follow.
        if signal.themes:
            signal.domain = signal.themes[0]
            if colleague is not None and signal.domain.slug in FOLLOWED:
                signal.assignee = colleague
            elif head is not None:
                signal.assignee = head
        days = rng.choice((1, 2, 3, 4, 6, 8, 12))
        signal.feedback.append(
            Feedback(
                author_id=head.id if head else None,
                body=FEEDBACK,
                created_at=signal.created_at + timedelta(days=days, hours=rng.randint(0, 8)),
            )
        )
        if signal.status == SignalStatus.REFERRED.value and "caw" in organisations:
            signal.referral = SignalReferral(
                organisation=organisations["caw"], referred_by=head, created_at=utcnow()
            )


def _cards(municipality, cards, head) -> None:
    today = datetime.now(BRUSSELS).date()
    published = [c for c in cards if c.published]
    by_status = {c.public_status: c for c in published}
    for status, priority in PRIORITIES.items():
        if status in by_status:
            by_status[status].priority = priority
    decisions = [
        (
            by_status.get("in_action"),
            "College van burgemeester en schepenen",
            "Het college keurt een extra inloopmoment goed en trekt er budget voor uit tot het "
            "einde van het jaar.",
            "Doelstelling 2.1: iedereen vindt vlot de weg naar hulp",
        ),
        (
            by_status.get("resolved"),
            "Gemeenteraad",
            "De gemeenteraad neemt de aanpak op in het meerjarenplan en verlengt ze.",
            "Actie 2.1.3: laagdrempelige onthaalpunten",
        ),
    ]
    for offset, (card, body, text, goal) in enumerate(decisions):
        if card is None:
            continue
        db.session.add(
            PolicyDecision(
                municipality_id=municipality.id,
                card_id=card.id,
                decided_on=today - timedelta(days=20 + 30 * offset),
                taken_by=body,
                body=text,
                plan_goal=goal,
                link=municipality.public_url or "",
                created_by_id=head.id if head else None,
            )
        )


def _actions(municipality) -> None:
    today = datetime.now(BRUSSELS).date()
    actions = db.session.scalars(
        select(Action).where(Action.municipality_id == municipality.id).order_by(Action.id)
    ).all()
    for action in actions:
        action.owner_service = "Dienst Welzijn"
        action.due_on = today + timedelta(days=OWNERS.get(action.status, 30))


def _meeting(municipality, cards, head) -> None:
    """The most recent past public meeting gets public minutes and a decision."""
    meeting = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.municipality_id == municipality.id,
            Meeting.is_public.is_(True),
            Meeting.starts_at < utcnow(),
        )
        .order_by(Meeting.starts_at.desc())
    ).first()
    if meeting is None:
        return
    meeting.minutes = MINUTES
    meeting.minutes_public = True
    on_agenda = next((c for c in meeting.cards if c.published), None)
    day = meeting.starts_at.astimezone(BRUSSELS).date()
    db.session.add(
        PolicyDecision(
            municipality_id=municipality.id,
            meeting_id=meeting.id,
            card_id=on_agenda.id if on_agenda else None,
            decided_on=day,
            taken_by=f"Eerstelijnsoverleg {municipality.name}",
            body="Het overleg vraagt de dienst Welzijn een voorstel uit te werken met de partners.",
            plan_goal="",
            link="",
            created_by_id=head.id if head else None,
        )
    )
