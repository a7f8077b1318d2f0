"""A municipality with a known history of signals, built from a spec that the tests also use
to count every figure independently of the report's SQL.

Building one through the app's services takes seconds (on PostgreSQL under load, ten), so a
fixture builds its world with `once`: through the services the first time in a session, and
from then on written back from a snapshot of the rows that first build left.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tests.database import Snapshot, tables_with_rows
from webapp.admin.services import create_municipality
from webapp.extensions import db
from webapp.models import (
    Action,
    Feedback,
    Meeting,
    Organisation,
    Reinforcement,
    Role,
    Signal,
    SignalCard,
    SignalStatus,
    Supplement,
    User,
    utcnow,
)
from webapp.models.user import Membership

KINDS = ("caw", "ocmw", "school", None)
THEMES = ("Wonen", "Armoede", "Jeugd", "Zorg")
GROUPS = ("Kinderen", "Ouderen", "Gezinnen")
STATUSES = (SignalStatus.SUBMITTED, SignalStatus.IN_PROGRESS, SignalStatus.CLOSED)


@dataclass
class SignalSpec:
    created_at: datetime
    themes: tuple[str, ...]
    group: str
    status: SignalStatus
    kind: str | None
    reinforced_at: list[datetime] = field(default_factory=list)
    supplemented_at: list[datetime] = field(default_factory=list)
    feedback_after: list[timedelta] = field(default_factory=list)
    card: int | None = None  # index into CARDS
    on_meeting: bool = False
    title: str = ""


# (published, has an action, on a meeting)
CARDS = [(True, True, False), (False, False, True), (True, False, False)]


def spec(seed: int = 7, count: int = 90) -> list[SignalSpec]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    signals = []
    for number in range(count):
        created = start + timedelta(hours=rng.randrange(0, 24 * 265))
        themes = tuple(sorted(rng.sample(THEMES, rng.choice((1, 1, 2)))))
        item = SignalSpec(
            created_at=created,
            themes=themes,
            group=rng.choice(GROUPS),
            status=rng.choice(STATUSES),
            kind=rng.choice(KINDS),
            reinforced_at=[
                created + timedelta(days=rng.randrange(1, 40))
                for _ in range(rng.choice((0, 0, 1, 3)))
            ],
            supplemented_at=[
                created + timedelta(days=rng.randrange(1, 20)) for _ in range(rng.choice((0, 1)))
            ],
            feedback_after=[
                timedelta(hours=rng.randrange(2, 24 * 30)) for _ in range(rng.choice((0, 1, 2)))
            ],
            card=rng.choice((None, None, 0, 1, 2)),
            on_meeting=rng.random() < 0.1,
            title=f"Geheim signaal nummer {number}",
        )
        signals.append(item)
    return signals


def build(app, specs: list[SignalSpec], slug: str = "rapportstad", threshold: int = 5):
    """Store the spec; returns the municipality id and the card ids in CARDS order."""
    with app.app_context():
        municipality = create_municipality(slug, slug.capitalize())
        municipality.suppression_threshold = threshold
        organisations = {
            kind: Organisation(municipality=municipality, name=f"Org {kind}", kind=kind)
            for kind in KINDS
            if kind
        }
        people = {}
        for kind, organisation in organisations.items():
            person = User(
                email=f"{kind}@{slug}.test", name=f"Gever {kind}", organisation=organisation
            )
            person.memberships.append(Membership(municipality=municipality, role=Role.GIVER))
            people[kind] = person
        reinforcer = User(email=f"versterker@{slug}.test", name="Versterker")
        db.session.add_all([*organisations.values(), *people.values(), reinforcer])
        db.session.flush()
        themes = {t.name: t for t in municipality.themes}
        groups = {t.name: t for t in municipality.target_groups}
        cards = []
        for index, (published, with_action, on_meeting) in enumerate(CARDS):
            card = SignalCard(
                municipality_id=municipality.id, title=f"Fiche {index}", published=published
            )
            if with_action:
                card.actions.append(Action(municipality_id=municipality.id, title="Actie"))
            if on_meeting:
                card.meetings.append(
                    Meeting(
                        municipality_id=municipality.id,
                        kind="overleg",
                        title="Overleg",
                        starts_at=datetime.now(UTC),
                    )
                )
            cards.append(card)
        db.session.add_all(cards)
        meeting = Meeting(
            municipality_id=municipality.id,
            kind="overleg",
            title="Los",
            starts_at=datetime.now(UTC),
        )
        db.session.add(meeting)
        for number, item in enumerate(specs):
            signal = Signal(
                municipality_id=municipality.id,
                idempotency_key=f"world-{number}",
                title=item.title,
                description="Een verhaal dat niemand buiten de verwerkers mag lezen.",
                status=item.status.value,
                created_at=item.created_at,
                submitted_by=people.get(item.kind),
                organisation_id=organisations[item.kind].id if item.kind else None,
                themes=[themes[name] for name in item.themes],
                target_groups=[groups[item.group]],
                reinforcement_count=len(item.reinforced_at),
            )
            db.session.add(signal)
            db.session.flush()
            for n, at in enumerate(item.reinforced_at):
                extra = User(email=f"v{signal.id}-{n}@{slug}.test", name="V")
                db.session.add(extra)
                db.session.flush()
                db.session.add(Reinforcement(signal_id=signal.id, user_id=extra.id, created_at=at))
            for n, at in enumerate(item.supplemented_at):
                db.session.add(
                    Supplement(
                        signal_id=signal.id,
                        user_id=reinforcer.id,
                        body="x",
                        idempotency_key=f"s{n}",
                        created_at=at,
                    )
                )
            for after in item.feedback_after:
                db.session.add(
                    Feedback(signal_id=signal.id, body="y", created_at=item.created_at + after)
                )
            if item.card is not None:
                cards[item.card].signals.append(signal)
            if item.on_meeting:
                meeting.signals.append(signal)
        db.session.commit()
        return municipality.id, [card.id for card in cards]


_built: dict[tuple, tuple[Snapshot, object]] = {}


def once(app, name: str, build_world: Callable[[], object]):
    """What `build_world()` returns, and the rows it writes into an empty database: built the
    first time in a session, restored from the snapshot of those rows every other time. A
    database that is not empty gets a real build (a snapshot holds whole tables)."""
    key = (app.config["SQLALCHEMY_DATABASE_URI"], name)
    with app.app_context(), db.engine.connect() as connection:
        if tables_with_rows(connection):
            return build_world()
    if key in _built:
        snapshot, result = _built[key]
        with app.app_context(), db.engine.begin() as connection:
            snapshot.restore(connection, utcnow())
        return result
    result = build_world()
    with app.app_context(), db.engine.connect() as connection:
        _built[key] = (Snapshot(connection), result)
    return result
