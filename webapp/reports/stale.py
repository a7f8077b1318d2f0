"""Marks signals stale in the report summaries whenever data they count changes.

Listeners on every ORM session write, in the transaction of the change, a mark per signal
whose contribution to the summaries (webapp/reports/summary.py) it may change:

- a signal given, deleted, or changed in status, organisation, themes, target groups,
  municipality or date (a signal moved to another municipality is marked under both);
- the signal of a reinforcement, supplement or feedback added, deleted or moved (both
  signals when it moves from one to another);
- a signal put on or taken off a card or meeting, and the signals of a card put on or taken
  off an action or a meeting, or of a card, action or meeting deleted (what they reached).

Marking too much only costs a refresh; missing a change would make a report wrong. Statements
that bypass the ORM on these tables must call `mark_signals` themselves (none in the app do
today: the bulk updates of webapp/privacy and the reinforcement counter change no counted
column); the bench and other bulk loaders run `flask --app wsgi reports rebuild` afterwards.
"""

import secrets

from sqlalchemy import event, inspect, select, union
from sqlalchemy.orm import Session

from webapp.models import (
    Action,
    Feedback,
    Meeting,
    Reinforcement,
    ReportSignalState,
    ReportStale,
    Signal,
    SignalCard,
    Supplement,
)
from webapp.models.processing import card_action, card_signal, meeting_card, meeting_signal

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
    """Mark these (municipality id, signal id) pairs stale, each with a new token. (The change
    itself moved its municipalities' data version, under which the built reports are kept:
    webapp/data_version.py.)"""
    table = ReportStale.__table__
    rows = [
        {"municipality_id": municipality_id, "signal_id": signal_id, "token": secrets.randbits(62)}
        for municipality_id, signal_id in sorted(pairs)
        if municipality_id is not None and signal_id is not None
    ]
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    for start in range(0, len(rows), 1000):
        statement = insert(table).values(rows[start : start + 1000])
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.municipality_id, table.c.signal_id],
            set_={"token": statement.excluded.token},
        )
        connection.execute(statement)


def _places(connection, signal_ids) -> set[tuple[int, int]]:
    """(municipality id, signal id) of these signals; for one no longer there, the municipality
    whose summaries still count it."""
    pairs: set[tuple[int, int]] = set()
    ids = sorted(i for i in signal_ids if i is not None)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for model, column in (
            (Signal, Signal.id),
            (ReportSignalState, ReportSignalState.signal_id),
        ):
            query = select(model.municipality_id, column).where(column.in_(chunk))
            pairs.update(tuple(row) for row in connection.execute(query))
    return pairs


def mark_signals(connection, signal_ids) -> None:
    """Mark these signals stale: for changes made without the ORM."""
    write_marks(connection, _places(connection, signal_ids))


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


def _with_previous(obj, name) -> set:
    """The attribute's value and the one it had before this flush."""
    return {getattr(obj, name), *inspect(obj).attrs[name].history.deleted}


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
    signal_ids = _linked_signal_ids(
        session.connection(), deleted[SignalCard], deleted[Action], deleted[Meeting]
    )
    session.info.setdefault(_PENDING, set()).update(signal_ids)


@event.listens_for(Session, "after_flush")
def _mark_report_signals(session: Session, flush_context) -> None:
    signal_ids: set[int] = session.info.pop(_PENDING, set())
    pairs: set[tuple[int, int]] = set()  # (municipality id, signal id) known here
    cards: set[int] = set()  # whose signals

    for obj in (*session.new, *session.dirty):
        if obj in session.dirty and not session.is_modified(obj):
            continue
        if isinstance(obj, Signal):
            if obj in session.new or _changed(obj, *SIGNAL_COLUMNS):
                signal_ids.add(obj.id)
                pairs.update((place, obj.id) for place in _with_previous(obj, "municipality_id"))
        elif isinstance(obj, Reinforcement | Supplement | Feedback):
            if obj in session.new or _changed(obj, "created_at", "signal_id"):
                signal_ids.update(_with_previous(obj, "signal_id"))
        elif isinstance(obj, SignalCard):
            signal_ids.update(_history_ids(obj, "signals"))
            if _changed(obj, "actions", "meetings"):
                cards.add(obj.id)
        elif isinstance(obj, Meeting):
            signal_ids.update(_history_ids(obj, "signals"))
            cards.update(_history_ids(obj, "cards"))
        elif isinstance(obj, Action):
            cards.update(_history_ids(obj, "cards"))

    for obj in session.deleted:
        if isinstance(obj, Signal):
            pairs.add((obj.municipality_id, obj.id))
        elif isinstance(obj, Reinforcement | Supplement | Feedback):
            signal_ids.add(obj.signal_id)

    if not (signal_ids or pairs or cards):
        return
    connection = session.connection()
    if cards:
        signal_ids |= _linked_signal_ids(connection, cards=cards)
    pairs |= _places(connection, signal_ids)
    if pairs:
        write_marks(connection, pairs)
