"""The reports read from the monthly summaries equal the reports counted from the raw tables,
after every kind of change the app makes, for one municipality and the network, unfiltered and
filtered: the stale marks written with each change are what keeps the summaries exact.

Comparing every report of every period and filter takes seconds; it is done on the world as
built and after all the changes. After each change, the summaries the marks kept are compared
row for row with the summaries rebuilt from the raw tables, which is what the reports are read
from: equal rows give equal reports.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.reports import world
from webapp.cards.services import create_card
from webapp.data_version import per_place
from webapp.extensions import db
from webapp.meetings.services import put_on_agenda
from webapp.models import (
    Action,
    CardStatus,
    Meeting,
    Membership,
    Municipality,
    ReportFeedbackMonth,
    ReportMonth,
    ReportSignalState,
    ReportStale,
    Role,
    Signal,
    SignalCard,
    SignalStatus,
    Supplement,
    TargetGroup,
    Theme,
    User,
)
from webapp.network.figures import recurring_themes
from webapp.privacy import redaction
from webapp.privacy import services as privacy
from webapp.processing import services as processing
from webapp.reports import figures, summary, tables
from webapp.reports.by_place import NetworkFigures
from webapp.reports.figures import Scope
from webapp.reports.periods import Period
from webapp.signals import services as signals

PERIODS = ("2026-k3", "2026", "2026-11", "2026-10", "2026-04", "2026-03")
# 00:30 on 1 November 2026 in Brussels (winter time since 25 October: UTC+1) and 00:30 on
# 1 April 2026 (summer time: UTC+2): both belong to the new month, not to the UTC one.
AFTER_WINTER_BOUNDARY = datetime(2026, 10, 31, 23, 30, tzinfo=UTC)
BEFORE_WINTER_BOUNDARY = datetime(2026, 10, 31, 22, 59, tzinfo=UTC)
AFTER_SUMMER_BOUNDARY = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)


def test_month_of_follows_brussels_time():
    assert summary.month_of(AFTER_WINTER_BOUNDARY) == date(2026, 11, 1)
    assert summary.month_of(BEFORE_WINTER_BOUNDARY) == date(2026, 10, 1)
    assert summary.month_of(AFTER_SUMMER_BOUNDARY) == date(2026, 4, 1)
    assert summary.month_of(datetime(2026, 3, 31, 21, 59, tzinfo=UTC)) == date(2026, 3, 1)


def _tables(report) -> dict:
    return {key: (table.columns, table.rows) for key, table in report.tables.items()}


def assert_same_reports(app, municipality_ids):
    """Refresh, then compare every period and filter for each municipality and the network."""
    with app.app_context():
        summary.refresh()
        assert db.session.scalar(select(func.count()).select_from(ReportStale)) == 0
    with app.app_context():
        theme = db.session.scalar(select(Theme.name).order_by(Theme.id))
        group = db.session.scalar(select(TargetGroup.name).order_by(TargetGroup.id))
        for ids in [*((m,) for m in municipality_ids), None]:
            for slug in PERIODS:
                for filters in ({}, {"theme": theme}, {"target_group": group}):
                    scope = Scope(ids, Period.parse(slug), **filters)
                    network = ids is None
                    # The network adds up what each municipality's summaries hold, kept per
                    # municipality (the second build reads what the first kept).
                    sources = [summary]
                    if network:
                        sources += [NetworkFigures(per_place())] * 2
                    for exact in (True, False):
                        live = tables.build(scope, exact, 5, network=network, source=figures)
                        for source in sources:
                            kept = tables.build(scope, exact, 5, network=network, source=source)
                            assert _tables(kept) == _tables(live), (ids, slug, filters, exact)
                            assert kept.feedback_times == live.feedback_times, (ids, slug)
                    if network:
                        kept = sources[-1].theme_signals(scope)
                        assert recurring_themes(scope, 2, per_place=kept) == recurring_themes(
                            scope, 2
                        ), (slug, filters)


def _summary_rows() -> dict:
    return {
        model.__tablename__: sorted(
            tuple(row) for row in db.session.execute(select(model.__table__))
        )
        for model in (ReportMonth, ReportFeedbackMonth, ReportSignalState)
    }


def assert_summaries_as_rebuilt(app):
    """Refresh, then the summaries and every signal's stored state equal, row for row, those
    rebuilt from the raw tables (which leaves the rebuilt ones in place)."""
    with app.app_context():
        summary.refresh()
        assert db.session.scalar(select(func.count()).select_from(ReportStale)) == 0
        kept = _summary_rows()
        db.session.commit()  # end the read: SQLite keeps its snapshot until then
        assert summary.rebuild() > 0
        assert _summary_rows() == kept


@pytest.fixture
def towns(app):
    def build():
        first, first_cards = world.build(app, world.spec(seed=3, count=60))
        second, _ = world.build(app, world.spec(seed=4, count=40), slug="tweestad")
        return first, second, first_cards

    return world.once(app, "towns", build)


def _actor(municipality_id: int, role: Role, email: str) -> User:
    user = User(email=email, name=email.split("@")[0])
    user.memberships.append(Membership(municipality_id=municipality_id, role=role))
    db.session.add(user)
    db.session.flush()
    return user


def test_summaries_follow_every_change(app, towns):
    first, second, card_ids = towns
    assert_same_reports(app, (first, second))

    # Submit, on both sides of a Brussels month boundary in winter and summer time, reinforce,
    # supplement and give feedback through the services.
    with app.app_context():
        town = db.session.get(Municipality, first)
        head = _actor(first, Role.HEAD_PROCESSOR, "hoofd@rapportstad.test")
        giver = _actor(first, Role.GIVER, "gever@rapportstad.test")
        new = []
        for number, moment in enumerate(
            (AFTER_WINTER_BOUNDARY, BEFORE_WINTER_BOUNDARY, AFTER_SUMMER_BOUNDARY)
        ):
            signal, _ = signals.submit_signal(
                town,
                token=f"grens-{number}",
                title="Grensgeval",
                description="Een signaal op de rand van de maand.",
                themes=town.themes[number : number + 2],
                target_groups=town.target_groups[:1],
                tried=None,
                ideas=None,
                giver=giver,
                contact_email=None,
                confirmed_kinds=[],
            )
            signal.created_at = moment
            new.append(signal)
        db.session.commit()
        for signal in new:
            signals.reinforce(signal, head, None)
            signals.supplement(signal, head, "Nog iets.", f"aanvulling-{signal.id}")
            processing.give_feedback(signal, head, "We bekijken het.")
        db.session.commit()
        # Moved to the other side of the boundary, with its reinforcement.
        moved = db.session.get(Signal, new[0].id)
        moved.reinforcements[0].created_at = BEFORE_WINTER_BOUNDARY + timedelta(minutes=5)
        moved.supplements[0].created_at = AFTER_WINTER_BOUNDARY + timedelta(days=40)
        db.session.commit()
    assert_summaries_as_rebuilt(app)

    # Status changes one by one and in bulk, a theme and a target group changed.
    with app.app_context():
        head = db.session.scalar(select(User).where(User.email == "hoofd@rapportstad.test"))
        town = db.session.get(Municipality, first)
        ids = list(
            db.session.scalars(
                select(Signal.id).where(Signal.municipality_id == first).order_by(Signal.id)
            )
        )
        processing.change_status(
            db.session.get(Signal, ids[0]), head, SignalStatus.CLOSED.value, None
        )
        processing.bulk_update(
            town, head, ids[1:12], SignalStatus.IN_PROGRESS.value, "Opgepakt.", None, False
        )
        signal = db.session.get(Signal, ids[12])
        signal.themes = [town.themes[-1]]
        signal.target_groups = [town.target_groups[-1]]
        signal.organisation_id = None
        db.session.commit()
    assert_summaries_as_rebuilt(app)

    # Cards, actions and meetings: linked, unlinked, deleted.
    with app.app_context():
        head = db.session.scalar(select(User).where(User.email == "hoofd@rapportstad.test"))
        town = db.session.get(Municipality, first)
        some = list(
            db.session.scalars(
                select(Signal).where(Signal.municipality_id == first).order_by(Signal.id).limit(30)
            )
        )
        card = create_card(
            town,
            head,
            title="Nieuwe fiche",
            summary="Samen.",
            themes=[],
            public_status=CardStatus.EXPLORING,
            published=False,
            signals=some[20:26],
        )
        card.actions.append(Action(municipality_id=first, title="Nieuwe actie"))
        meeting = db.session.scalars(select(Meeting).where(Meeting.title == "Los")).first()
        put_on_agenda(meeting, head, some[27])
        put_on_agenda(meeting, head, card)
        existing = db.session.get(SignalCard, card_ids[1])
        existing.signals.remove(existing.signals[0])
        db.session.commit()
        action = db.session.scalars(
            select(Action).where(Action.municipality_id == first, Action.title == "Actie")
        ).first()
        db.session.delete(action)
        db.session.delete(db.session.get(SignalCard, card_ids[2]))
        db.session.commit()
    assert_summaries_as_rebuilt(app)

    # Redaction, erasure of a giver, deletion of feedback, a supplement and a signal.
    with app.app_context():
        head = db.session.scalar(select(User).where(User.email == "hoofd@rapportstad.test"))
        signal = db.session.scalars(
            select(Signal).where(Signal.municipality_id == first).order_by(Signal.id)
        ).first()
        redaction.redact(signal, head, redaction.redactables(signal)[0], None)
        giver = db.session.scalar(select(User).where(User.email == "gever@rapportstad.test"))
        privacy.erase(giver, head)
        db.session.commit()
        with_feedback = db.session.scalars(
            select(Signal).where(Signal.municipality_id == first, Signal.feedback.any())
        ).all()
        for item in with_feedback[:3]:
            db.session.delete(item.feedback[0])
        db.session.delete(db.session.scalars(select(Supplement)).first())
        db.session.delete(with_feedback[5])
        db.session.commit()
    assert_same_reports(app, (first, second))
    assert_summaries_as_rebuilt(app)


def _open_signal_of(municipality_id: int):
    """A signal the test can close: a change of status, whatever order the rows are stored in."""
    return (
        select(Signal)
        .where(
            Signal.municipality_id == municipality_id,
            Signal.status != SignalStatus.CLOSED.value,
        )
        .order_by(Signal.id)
    )


def _marks(signal_id: int) -> list[tuple]:
    return [
        tuple(row)
        for row in db.session.execute(
            select(ReportStale.municipality_id, ReportStale.signal_id, ReportStale.token).where(
                ReportStale.signal_id == signal_id
            )
        )
    ]


def test_refresh_keeps_a_change_made_while_it_computed(app, towns):
    """A change committed after the refresh read the marks leaves its signal stale."""
    first, _, _ = towns
    with app.app_context():
        summary.refresh()
        signal = db.session.scalars(_open_signal_of(first)).first()
        signal.status = SignalStatus.CLOSED.value
        db.session.commit()
        read = _marks(signal.id)
        assert len(read) == 1
        with db.engine.connect() as connection:
            # The refresh read the token; then someone changes the signal again.
            signal.status = SignalStatus.IN_PROGRESS.value
            db.session.commit()
            assert summary.refresh_marks(connection, read) == 0
        assert _marks(signal.id) and _marks(signal.id) != read
        assert summary.refresh() == 1
    assert_summaries_as_rebuilt(app)


def test_two_refreshes_of_the_same_mark_apply_it_once(app, towns):
    """Two workers that read the same mark: the first claims and applies it, the second finds
    it gone and applies nothing, so no difference is counted twice."""
    first, _, _ = towns
    with app.app_context():
        summary.refresh()
        signal = db.session.scalars(_open_signal_of(first)).first()
        signal.status = SignalStatus.CLOSED.value
        signals.reinforce(signal, _actor(first, Role.GIVER, "dubbel@rapportstad.test"), None)
        db.session.commit()
        read = _marks(signal.id)
        with db.engine.connect() as one, db.engine.connect() as other:
            assert summary.refresh_marks(one, read) == 1
            assert summary.refresh_marks(other, read) == 0
        db.session.commit()  # end the read: SQLite keeps its snapshot until then
        assert not _marks(signal.id)
    assert_summaries_as_rebuilt(app)


def test_rebuild_writes_every_signal(app, towns):
    first, second, _ = towns
    with app.app_context():
        for table in (ReportStale, ReportMonth, ReportSignalState):
            db.session.execute(table.__table__.delete())
        db.session.commit()
        count = db.session.scalar(select(func.count()).select_from(Signal))
        assert summary.rebuild() == count
        db.session.commit()  # end the read: SQLite keeps its snapshot until then
        assert db.session.scalar(select(func.count()).select_from(ReportSignalState)) == count
    assert_same_reports(app, (first, second))
