"""Marks the report summaries' months stale whenever data they count changes.

Listeners on every ORM session write, in the transaction of the change, a mark per
(municipality, Brussels month) whose summary rows (webapp/reports/summary.py) it affects:

- a signal given, deleted, or changed in status, organisation, themes, target groups,
  municipality or date: its month, and the months of its reinforcements and supplements (they
  are counted under their signal's categories);
- a reinforcement or supplement added, deleted or moved: the month it was made;
- feedback added, deleted or moved: its signal's month (the time to the first feedback);
- a signal put on or taken off a card or meeting, a card put on or taken off an action or a
  meeting, and a card, action or meeting deleted: the months of the signals concerned (what
  they reached).

Marking too much only costs a refresh; missing a change would make a report wrong. Statements
that bypass the ORM on these tables must call `mark_signals` themselves (none in the app do
today: the bulk updates of webapp/privacy and the reinforcement counter change no counted
column); the bench and other bulk loaders run `flask --app wsgi reports rebuild` afterwards.
"""

import secrets
from datetime import date

from sqlalchemy import event, inspect, select, union
from sqlalchemy.orm import Session

from webapp.models import (
    Action,
    Feedback,
    Meeting,
    Reinforcement,
    ReportStale,
    Signal,
    SignalCard,
    Supplement,
)
from webapp.models.processing import card_action, card_signal, meeting_card, meeting_signal
from webapp.reports.summary import month_of

SIGNAL_COLUMNS = (
    "status",
    "organisation_id",
    "municipality_id",
    "created_at",
    "themes",
    "target_groups",
)
_PENDING = "report_marks_pending"


def write_marks(connection, pairs) -> None:
    """Mark these (municipality id, month) pairs stale, each with a new token."""
    table = ReportStale.__table__
    rows = [
        {"municipality_id": municipality_id, "month": month, "token": secrets.randbits(62)}
        for municipality_id, month in sorted(pairs)
        if municipality_id is not None
    ]
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    for start in range(0, len(rows), 1000):
        statement = insert(table).values(rows[start : start + 1000])
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.municipality_id, table.c.month],
            set_={"token": statement.excluded.token},
        )
        connection.execute(statement)


def _signal_months(connection, signal_ids, with_related: bool) -> set[tuple[int, date]]:
    """The months of these signals, and with_related also of their reinforcements and
    supplements."""
    pairs: set[tuple[int, date]] = set()
    ids = sorted(i for i in signal_ids if i is not None)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        queries = [select(Signal.municipality_id, Signal.created_at).where(Signal.id.in_(chunk))]
        if with_related:
            queries += [
                select(Signal.municipality_id, model.created_at)
                .join(model, model.signal_id == Signal.id)
                .where(Signal.id.in_(chunk))
                for model in (Reinforcement, Supplement)
            ]
        for query in queries:
            for municipality_id, created in connection.execute(query):
                pairs.add((municipality_id, month_of(created)))
    return pairs


def mark_signals(connection, signal_ids, with_related: bool = True) -> None:
    """Mark the months of these signals (and of their reinforcements and supplements) stale:
    for changes made without the ORM."""
    write_marks(connection, _signal_months(connection, signal_ids, with_related))


def _card_signals(card_ids) -> select:
    return select(card_signal.c.signal_id).where(card_signal.c.card_id.in_(card_ids))


def _linked_signal_ids(connection, cards=(), actions=(), meetings=()) -> set[int]:
    """The signals on these cards, on the cards of these actions and meetings, and directly on
    these meetings, as the database holds them now."""
    cards, actions, meetings = (sorted(set(x) - {None}) for x in (cards, actions, meetings))
    queries = []
    if cards:
        queries.append(_card_signals(cards))
    if actions:
        queries.append(
            _card_signals(select(card_action.c.card_id).where(card_action.c.action_id.in_(actions)))
        )
    if meetings:
        queries.append(
            _card_signals(
                select(meeting_card.c.card_id).where(meeting_card.c.meeting_id.in_(meetings))
            )
        )
        queries.append(
            select(meeting_signal.c.signal_id).where(meeting_signal.c.meeting_id.in_(meetings))
        )
    if not queries:
        return set()
    return set(connection.scalars(union(*queries)))


def _changed(obj, *names) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _history_ids(obj, name) -> set[int]:
    history = inspect(obj).attrs[name].history
    return {item.id for item in (*history.added, *history.deleted) if item.id is not None}


@event.listens_for(Session, "before_flush")
def _links_before_deletes(session: Session, flush_context, instances) -> None:
    """Cards, actions and meetings about to be deleted take their links with them: find the
    signals concerned while the links are still there."""
    deleted = {kind: [] for kind in (SignalCard, Action, Meeting)}
    for obj in session.deleted:
        for kind, ids in deleted.items():
            if isinstance(obj, kind) and obj.id is not None:
                ids.append(obj.id)
    if not any(deleted.values()):
        return
    connection = session.connection()
    signal_ids = _linked_signal_ids(
        connection, deleted[SignalCard], deleted[Action], deleted[Meeting]
    )
    pending = session.info.setdefault(_PENDING, set())
    pending.update(_signal_months(connection, signal_ids, with_related=False))


@event.listens_for(Session, "after_flush")
def _mark_report_months(session: Session, flush_context) -> None:
    pairs: set[tuple[int, date]] = session.info.pop(_PENDING, set())
    whole_signals: set[int] = set()  # their month and their reinforcements' and supplements'
    signal_only: set[int] = set()  # their month
    related: list[tuple[int, object]] = []  # (signal id, moment) of reinforcements, supplements
    cards: set[int] = set()  # whose signals' months
    deleted_signals = {
        obj.id: obj for obj in session.deleted if isinstance(obj, Signal) and obj.id is not None
    }

    def signal_month(signal_id, moment):
        signal = deleted_signals.get(signal_id)
        if signal is not None:
            pairs.add((signal.municipality_id, month_of(moment)))
        else:
            related.append((signal_id, moment))

    for obj in session.new:
        if isinstance(obj, Signal):
            pairs.add((obj.municipality_id, month_of(obj.created_at)))
        elif isinstance(obj, Reinforcement | Supplement):
            related.append((obj.signal_id, obj.created_at))
        elif isinstance(obj, Feedback):
            signal_only.add(obj.signal_id)
        elif isinstance(obj, SignalCard):
            signal_only.update(_history_ids(obj, "signals"))
            if _changed(obj, "actions", "meetings"):
                cards.add(obj.id)
        elif isinstance(obj, Meeting):
            signal_only.update(_history_ids(obj, "signals"))
            cards.update(_history_ids(obj, "cards"))
        elif isinstance(obj, Action):
            cards.update(_history_ids(obj, "cards"))

    for obj in session.dirty:
        if not session.is_modified(obj):
            continue
        if isinstance(obj, Signal):
            if _changed(obj, *SIGNAL_COLUMNS):
                whole_signals.add(obj.id)
                state = inspect(obj)  # a moved signal also leaves its old month
                places = {obj.municipality_id, *state.attrs.municipality_id.history.deleted}
                moments = {obj.created_at, *state.attrs.created_at.history.deleted}
                pairs.update((m, month_of(t)) for m in places for t in moments if t is not None)
        elif isinstance(obj, Reinforcement | Supplement):
            if _changed(obj, "created_at", "signal_id"):
                state = inspect(obj)
                related.append((obj.signal_id, obj.created_at))
                for moment in state.attrs.created_at.history.deleted or [obj.created_at]:
                    for signal_id in state.attrs.signal_id.history.deleted or [obj.signal_id]:
                        related.append((signal_id, moment))
        elif isinstance(obj, Feedback):
            if _changed(obj, "created_at", "signal_id"):
                signal_only.add(obj.signal_id)
                signal_only.update(inspect(obj).attrs.signal_id.history.deleted)
        elif isinstance(obj, SignalCard):
            signal_only.update(_history_ids(obj, "signals"))
            if _changed(obj, "actions", "meetings"):
                cards.add(obj.id)
        elif isinstance(obj, Meeting):
            signal_only.update(_history_ids(obj, "signals"))
            cards.update(_history_ids(obj, "cards"))
        elif isinstance(obj, Action):
            cards.update(_history_ids(obj, "cards"))

    for obj in session.deleted:
        if isinstance(obj, Signal):
            pairs.add((obj.municipality_id, month_of(obj.created_at)))
        elif isinstance(obj, Reinforcement | Supplement):
            signal_month(obj.signal_id, obj.created_at)
        elif isinstance(obj, Feedback) and obj.signal_id not in deleted_signals:
            signal_only.add(obj.signal_id)

    if not (pairs or whole_signals or signal_only or related or cards):
        return
    connection = session.connection()
    if cards:
        signal_only |= _linked_signal_ids(connection, cards=cards)
    signal_only -= set(deleted_signals)
    pairs |= _signal_months(connection, whole_signals, with_related=True)
    pairs |= _signal_months(connection, signal_only, with_related=False)
    if related:
        ids = sorted({signal_id for signal_id, _ in related if signal_id is not None})
        places = {}
        for start in range(0, len(ids), 500):
            places.update(
                connection.execute(
                    select(Signal.id, Signal.municipality_id).where(
                        Signal.id.in_(ids[start : start + 500])
                    )
                ).all()
            )
        for signal_id, moment in related:
            if signal_id in places and moment is not None:
                pairs.add((places[signal_id], month_of(moment)))
    if pairs:
        write_marks(connection, pairs)
