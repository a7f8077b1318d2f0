"""Report figures read from the monthly summaries, and how those summaries are kept exact.

The tables are described in webapp/models/report_summary.py. Every function reading them takes
a `Scope` and returns what its namesake in webapp/reports/figures.py returns from the raw
tables (the reference, compared with these in tests/reports/test_summary.py), so a report reads
some hundred summary rows per municipality instead of every signal.

A change marks the signals it affects stale in its own transaction (webapp/reports/stale.py).
`report_signal_state` keeps what each signal last added to the summaries; `refresh` computes
the new state of the stale signals of a report's municipalities from the raw tables, in
batches, and adds the difference to the summary rows (upserts that add to the counts), so its
cost follows the number of changed signals, not the size of a month. The worker loop does the
same in the background, so a report rarely has to. A refresh reads the marks' tokens before
computing and, in the transaction that applies the difference, first deletes only the marks
still holding those tokens: a change committed during the computation stays marked, and of
two workers refreshing the same signal only one applies it. `rebuild` recomputes everything
from nothing with the same contributions, added up in memory and inserted at once.
"""

import json
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import and_, case, delete, exists, func, insert, literal, or_, select, tuple_

from common.dutch import BRUSSELS
from webapp.extensions import db
from webapp.models import (
    Feedback,
    Municipality,
    Organisation,
    Reinforcement,
    ReportFeedbackMonth,
    ReportMonth,
    ReportSignalState,
    ReportStale,
    Signal,
    Supplement,
    TargetGroup,
    Theme,
)
from webapp.models.processing import card_action, card_signal, meeting_card, meeting_signal
from webapp.models.signal import signal_target_group, signal_theme
from webapp.reports.figures import MEASURES, NO_ORGANISATION, Scope, feedback_summary
from webapp.reports.periods import Period

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FAR = datetime(2200, 1, 1, tzinfo=UTC)
COUNTS = (
    "signals",
    "reinforcements",
    "supplements",
    "reached_card",
    "reached_action",
    "reached_meeting",
)
INSERT_BATCH = 2000
REFRESH_BATCH = 1000
SUMMARY_LOCK = 0x5245504F  # the PostgreSQL advisory lock of the summaries' writers


def month_of(moment: datetime) -> date:
    """The first day of the calendar month, in Brussels, that holds this moment."""
    local = moment.astimezone(BRUSSELS)
    return date(local.year, local.month, 1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_start(month: date) -> datetime:
    """The first moment of a Brussels month, in UTC."""
    return datetime(month.year, month.month, 1, tzinfo=BRUSSELS).astimezone(UTC)


def hours_between(start: datetime, end: datetime) -> int:
    """Whole hours (rounded down) from start to end: the unit of the feedback-time figures."""
    return int((end - start).total_seconds() // 3600)


# --- Each signal's contribution, and keeping the summaries exact ------------------------------


def _signal_filters(themes, groups):
    return [("", 0), *(("theme", t) for t in themes), *(("target_group", g) for g in groups)]


def _signal_keys(themes, groups, status, organisation_id):
    return [
        ("all", 0, ""),
        *(("theme", t, "") for t in themes),
        *(("target_group", g, "") for g in groups),
        ("status", 0, status),
        ("organisation", organisation_id or 0, ""),
    ]


def contribution(state: dict, sign: int, rows: dict, histogram: dict) -> None:
    """Add `sign` times what one signal's state counts to rows {(municipality, month, filter
    dim, filter id, dim, key id, key text): counts} and histogram {(municipality, month, filter
    dim, filter id, hours): signals}."""
    place, month = state["municipality_id"], date.fromisoformat(state["month"])
    themes, groups = state["themes"], state["target_groups"]
    keys = _signal_keys(themes, groups, state["status"], state["organisation_id"])
    for filter_key in _signal_filters(themes, groups):
        for key in keys:
            counts = rows[(place, month, *filter_key, *key)]
            counts[0] += sign
            if key[0] == "all":
                counts[3] += sign * state["reached_card"]
                counts[4] += sign * state["reached_action"]
                counts[5] += sign * state["reached_meeting"]
            for index, name in ((1, "reinforcements"), (2, "supplements")):
                for other, count in state[name].items():
                    rows[(place, date.fromisoformat(other), *filter_key, *key)][index] += (
                        sign * count
                    )
        if state["hours"] is not None:
            histogram[(place, month, *filter_key, state["hours"])] += sign


def signal_states(connection, signal_ids: list[int]) -> dict[int, dict]:
    """The current contribution of these signals, from the raw tables (five queries); a signal
    that no longer exists is absent."""
    first_at = (
        select(func.min(Feedback.created_at))
        .where(Feedback.signal_id == Signal.id)
        .correlate(Signal)
        .scalar_subquery()
    )
    on_card = exists().where(card_signal.c.signal_id == Signal.id)
    in_action = exists().where(
        card_signal.c.signal_id == Signal.id, card_action.c.card_id == card_signal.c.card_id
    )
    on_meeting = or_(
        exists().where(meeting_signal.c.signal_id == Signal.id),
        exists().where(
            card_signal.c.signal_id == Signal.id, meeting_card.c.card_id == card_signal.c.card_id
        ),
    )
    query = select(
        Signal.id,
        Signal.municipality_id,
        Signal.created_at,
        Signal.status,
        Signal.organisation_id,
        first_at,
        case((on_card, 1), else_=0),
        case((in_action, 1), else_=0),
        case((on_meeting, 1), else_=0),
    ).where(Signal.id.in_(signal_ids))
    states: dict[int, dict] = {}
    for (
        signal_id,
        place,
        created,
        status,
        organisation,
        first,
        card,
        action,
        meeting,
    ) in connection.execute(query):
        states[signal_id] = {
            "municipality_id": place,
            "month": month_of(created).isoformat(),
            "status": status,
            "organisation_id": organisation or 0,
            "themes": [],
            "target_groups": [],
            "reached_card": card,
            "reached_action": action,
            "reached_meeting": meeting,
            "hours": None if first is None else hours_between(created, first),
            "reinforcements": {},
            "supplements": {},
        }
    for name, link, column in (
        ("themes", signal_theme, signal_theme.c.theme_id),
        ("target_groups", signal_target_group, signal_target_group.c.target_group_id),
    ):
        query = select(link.c.signal_id, column).where(link.c.signal_id.in_(signal_ids))
        for signal_id, key in connection.execute(query.order_by(column)):
            if signal_id in states:
                states[signal_id][name].append(key)
    for name, model in (("reinforcements", Reinforcement), ("supplements", Supplement)):
        query = select(model.signal_id, model.created_at).where(model.signal_id.in_(signal_ids))
        for signal_id, created in connection.execute(query):
            if signal_id in states:
                per_month = states[signal_id][name]
                month = month_of(created).isoformat()
                per_month[month] = per_month.get(month, 0) + 1
    return states


def _upsert(connection, table, values: list[dict], keys: list[str], counts: list[str]) -> None:
    """Add the counts of these rows to the stored ones (a new row where there is none)."""
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    statement = dialect_insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: table.c[name] + statement.excluded[name] for name in counts},
    )
    for start in range(0, len(values), INSERT_BATCH):
        connection.execute(statement, values[start : start + INSERT_BATCH])


MONTH_KEYS = [
    "municipality_id",
    "month",
    "filter_dimension",
    "filter_id",
    "dimension",
    "key_id",
    "key_text",
]
FEEDBACK_KEYS = ["municipality_id", "month", "filter_dimension", "filter_id", "hours"]


def _summary_rows(rows: dict, histogram: dict) -> tuple[list[dict], list[dict]]:
    """The summary rows and histogram rows of added-up contributions, those that count
    something."""
    month_rows = [
        {**dict(zip(MONTH_KEYS, key, strict=True)), **dict(zip(COUNTS, counts, strict=True))}
        for key, counts in rows.items()
        if any(counts)
    ]
    feedback_rows = [
        {**dict(zip(FEEDBACK_KEYS, key, strict=True)), "signals": count}
        for key, count in histogram.items()
        if count
    ]
    return month_rows, feedback_rows


def _state_rows(states: dict[int, dict]) -> list[dict]:
    return [
        {
            "signal_id": signal_id,
            "municipality_id": state["municipality_id"],
            "state": json.dumps(state),
        }
        for signal_id, state in sorted(states.items())
    ]


def _apply(connection, old: dict[int, dict], new: dict[int, dict]) -> None:
    """Change the summaries by the difference between the signals' old and new states, and
    store the new states."""
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    histogram: dict[tuple, int] = defaultdict(int)
    for state in old.values():
        contribution(state, -1, rows, histogram)
    for state in new.values():
        contribution(state, 1, rows, histogram)
    month_rows, feedback_rows = _summary_rows(rows, histogram)
    _upsert(connection, ReportMonth.__table__, month_rows, MONTH_KEYS, list(COUNTS))
    _upsert(connection, ReportFeedbackMonth.__table__, feedback_rows, FEEDBACK_KEYS, ["signals"])
    # Rows that count nothing any more go: a report must not list an empty category.
    touched = {(row["municipality_id"], row["month"]) for row in month_rows + feedback_rows}
    for place, month in sorted(touched):
        for table, empty in (
            (ReportMonth, and_(*(getattr(ReportMonth, name) == 0 for name in COUNTS))),
            (ReportFeedbackMonth, ReportFeedbackMonth.signals == 0),
        ):
            connection.execute(
                delete(table).where(table.municipality_id == place, table.month == month, empty)
            )
    state_table = ReportSignalState.__table__
    ids = sorted(set(old) | set(new))
    connection.execute(delete(state_table).where(state_table.c.signal_id.in_(ids)))
    values = _state_rows(new)
    for start in range(0, len(values), INSERT_BATCH):
        connection.execute(insert(state_table), values[start : start + INSERT_BATCH])


def refresh(municipality_ids: tuple[int, ...] | None = None) -> int:
    """Bring the summaries of these municipalities (None: all) up to date with the signals
    marked stale; returns how many signals were applied. Safe to run in several processes."""
    query = select(ReportStale.municipality_id, ReportStale.signal_id, ReportStale.token)
    if municipality_ids is not None:
        query = query.where(ReportStale.municipality_id.in_(municipality_ids))
    applied = 0
    with db.engine.connect() as connection:
        marks = [tuple(row) for row in connection.execute(query.order_by(ReportStale.signal_id))]
        connection.commit()
        for start in range(0, len(marks), REFRESH_BATCH):
            applied += refresh_marks(connection, marks[start : start + REFRESH_BATCH])
    return applied


def refresh_marks(connection, marks) -> int:
    """Apply the signals of these (municipality id, signal id, token) marks, read before: their
    new states are computed, then, in one transaction, the marks still holding the token read
    are claimed (a change committed meanwhile has a new token and stays marked; of two workers
    only one claims a mark) and the difference with the stored states is applied."""
    new = signal_states(connection, sorted({signal_id for _, signal_id, _ in marks}))
    connection.commit()  # end the read: the write below starts a transaction of its own
    stale = ReportStale.__table__
    # Claim first, in one statement: on SQLite the write lock is taken before any read of the
    # stored states.
    claimed = set(
        connection.scalars(
            delete(stale)
            .where(tuple_(stale.c.municipality_id, stale.c.signal_id, stale.c.token).in_(marks))
            .returning(stale.c.signal_id)
        )
    )
    if not claimed:
        connection.commit()
        return 0
    if connection.dialect.name == "postgresql":
        # One writer of the stored states at a time: the old state read below is the one the
        # summaries hold, never one another worker is replacing.
        connection.execute(select(func.pg_advisory_xact_lock(SUMMARY_LOCK)))
    ids = sorted(claimed)
    states = ReportSignalState.__table__
    old = {
        signal_id: json.loads(state)
        for signal_id, state in connection.execute(
            select(states.c.signal_id, states.c.state).where(states.c.signal_id.in_(ids))
        )
    }
    _apply(connection, old, {i: state for i, state in new.items() if i in claimed})
    connection.commit()
    return len(claimed)


def see_latest() -> None:
    """Let the session see what the refresh just wrote. SQLite keeps a read transaction's
    snapshot until it ends (PostgreSQL sees every commit at the next statement): end the
    session's transaction, which in a request that reads holds nothing to save."""
    if db.engine.dialect.name == "sqlite" and not (
        db.session.new or db.session.dirty or db.session.deleted
    ):
        db.session.commit()


def rebuild() -> int:
    """Recompute the summaries and every signal's stored state from the raw tables, in one
    transaction; returns how many signals were counted.

    Faster than marking everything and refreshing: the contributions of a municipality's
    signals are added up in memory and written once, as plain inserts, one municipality at a
    time (so memory follows the largest municipality, not the database). A change committed
    meanwhile marks its signals as usual, and the next refresh applies it to the states
    written here.
    """
    counted = 0
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(SUMMARY_LOCK)))
        for table in (ReportMonth, ReportFeedbackMonth, ReportSignalState, ReportStale):
            connection.execute(delete(table))
        places = connection.scalars(
            select(Signal.municipality_id).distinct().order_by(Signal.municipality_id)
        ).all()
        for place in places:
            ids = connection.scalars(
                select(Signal.id).where(Signal.municipality_id == place).order_by(Signal.id)
            ).all()
            states: dict[int, dict] = {}
            for start in range(0, len(ids), REFRESH_BATCH):
                states.update(signal_states(connection, ids[start : start + REFRESH_BATCH]))
            _write(connection, states)
            counted += len(states)
    return counted


def _write(connection, states: dict[int, dict]) -> None:
    """Insert the summary rows and stored states of these signals into empty tables."""
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    histogram: dict[tuple, int] = defaultdict(int)
    for state in states.values():
        contribution(state, 1, rows, histogram)
    month_rows, feedback_rows = _summary_rows(rows, histogram)
    state_rows = _state_rows(states)
    for table, values in (
        (ReportMonth.__table__, month_rows),
        (ReportFeedbackMonth.__table__, feedback_rows),
        (ReportSignalState.__table__, state_rows),
    ):
        for start in range(0, len(values), INSERT_BATCH):
            connection.execute(insert(table), values[start : start + INSERT_BATCH])


# --- Reading ------------------------------------------------------------------------------------


def first_month(period: Period) -> date:
    """The summary month a period begins with (periods are whole Brussels months)."""
    return date(period.year, period.month, 1)


def month_after(period: Period) -> date:
    """The first summary month after the period."""
    following = period.shifted(1)
    return date(following.year, following.month, 1)


def _conditions(table, scope: Scope, first: date, after: date) -> list:
    conditions = [table.month >= first, table.month < after]
    if scope.municipality_ids is not None:
        conditions.append(table.municipality_id.in_(scope.municipality_ids))
    if scope.theme:
        conditions += [
            table.filter_dimension == "theme",
            table.filter_id.in_(scope.theme_ids()),
        ]
    elif scope.target_group:
        conditions += [
            table.filter_dimension == "target_group",
            table.filter_id.in_(
                select(TargetGroup.id).where(TargetGroup.name == scope.target_group)
            ),
        ]
    else:
        conditions += [table.filter_dimension == "", table.filter_id == 0]
    return conditions


def _in(period: Period, column):
    return case(
        (
            and_(ReportMonth.month >= first_month(period), ReportMonth.month < month_after(period)),
            column,
        ),
        else_=0,
    )


def _dimension(name: str):
    """(stored dimension, label column, joins to apply to a query over ReportMonth)."""
    if name == "theme":
        return "theme", Theme.name, lambda q: q.join(Theme, Theme.id == ReportMonth.key_id)
    if name == "target_group":
        return (
            "target_group",
            TargetGroup.name,
            lambda q: q.join(TargetGroup, TargetGroup.id == ReportMonth.key_id),
        )
    if name == "status":
        return "status", ReportMonth.key_text, lambda q: q
    if name == "organisation_kind":
        label = func.coalesce(Organisation.kind, literal(NO_ORGANISATION))
        return (
            "organisation",
            label,
            lambda q: q.outerjoin(Organisation, Organisation.id == ReportMonth.key_id),
        )
    if name == "municipality":
        return (
            "all",
            Municipality.name,
            lambda q: q.join(Municipality, Municipality.id == ReportMonth.municipality_id),
        )
    raise ValueError(name)


def breakdown(scope: Scope, dimension: str) -> dict[str, dict[str, int]]:
    return add_up(breakdown_by_place(scope, dimension).values())


def add_up(breakdowns) -> dict[str, dict[str, int]]:
    """Breakdowns of several municipalities as one: the measures of each key added up."""
    rows: dict[str, dict[str, int]] = {}
    for place_rows in breakdowns:
        for key, measures in place_rows.items():
            row = rows.setdefault(key, dict.fromkeys((*MEASURES, "previous"), 0))
            for measure, value in measures.items():
                row[measure] += value
    return rows


def totals(scope: Scope) -> dict[str, tuple[int, int]]:
    current, previous = scope.period, scope.period.previous
    columns = [
        func.sum(_in(period, getattr(ReportMonth, measure)))
        for measure in MEASURES
        for period in (current, previous)
    ]
    values = db.session.execute(
        select(*columns).where(
            ReportMonth.dimension == "all",
            *_conditions(ReportMonth, scope, first_month(previous), month_after(current)),
        )
    ).one()
    values = [int(v or 0) for v in values]
    return {
        measure: (values[2 * index], values[2 * index + 1])
        for index, measure in enumerate(MEASURES)
    }


def series(scope: Scope, count: int = 12) -> list[tuple[Period, int]]:
    periods = [scope.period.shifted(-i) for i in reversed(range(count))]
    per_month = dict(
        db.session.execute(
            select(ReportMonth.month, func.sum(ReportMonth.signals))
            .where(
                ReportMonth.dimension == "all",
                *_conditions(ReportMonth, scope, first_month(periods[0]), month_after(periods[-1])),
            )
            .group_by(ReportMonth.month)
        ).all()
    )
    result = []
    for period in periods:
        first, after = first_month(period), month_after(period)
        result.append(
            (period, sum(int(v or 0) for month, v in per_month.items() if first <= month < after))
        )
    return result


def reach(scope: Scope) -> dict[str, int]:
    total, card, action, meeting = db.session.execute(
        select(
            func.sum(ReportMonth.signals),
            func.sum(ReportMonth.reached_card),
            func.sum(ReportMonth.reached_action),
            func.sum(ReportMonth.reached_meeting),
        ).where(
            ReportMonth.dimension == "all",
            *_conditions(ReportMonth, scope, first_month(scope.period), month_after(scope.period)),
        )
    ).one()
    return {
        "total": int(total or 0),
        "card": int(card or 0),
        "action": int(action or 0),
        "meeting": int(meeting or 0),
    }


def first_feedback_times(scope: Scope) -> dict[str, float | int | None]:
    histogram = db.session.execute(
        select(ReportFeedbackMonth.hours, func.sum(ReportFeedbackMonth.signals))
        .where(
            *_conditions(
                ReportFeedbackMonth, scope, first_month(scope.period), month_after(scope.period)
            )
        )
        .group_by(ReportFeedbackMonth.hours)
        .order_by(ReportFeedbackMonth.hours)
    ).all()
    return feedback_summary([(int(hours), int(count)) for hours, count in histogram])


def most_reinforced_cards(scope: Scope, published_only: bool, limit: int = 10):
    from webapp.reports import figures

    return figures.most_reinforced_cards(scope, published_only, limit)


# The same figures per municipality, for the network view (webapp/reports/by_place.py): the
# municipality's id first in every row, so one grouped query serves any number of them.


def breakdown_by_place(scope: Scope, dimension: str) -> dict[int, dict[str, dict[str, int]]]:
    stored, label, joins = _dimension(dimension)
    current, previous = scope.period, scope.period.previous
    query = joins(
        select(
            ReportMonth.municipality_id,
            label,
            func.sum(_in(current, ReportMonth.signals)),
            func.sum(_in(previous, ReportMonth.signals)),
            func.sum(_in(current, ReportMonth.reinforcements)),
            func.sum(_in(current, ReportMonth.supplements)),
        ).select_from(ReportMonth)
    )
    query = query.where(
        ReportMonth.dimension == stored,
        *_conditions(ReportMonth, scope, first_month(previous), month_after(current)),
    ).group_by(ReportMonth.municipality_id, label)
    places: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    for place, key, now, before, reinforced, supplemented in db.session.execute(query):
        values = [int(v or 0) for v in (now, reinforced, supplemented, before)]
        if any(values):
            places[place][key] = dict(zip((*MEASURES, "previous"), values, strict=True))
    return places


def months_by_place(scope: Scope, first: date, after: date) -> dict[int, dict[tuple, int]]:
    """Per municipality, each summary month from `first` up to `after` with its signals,
    reinforcements, supplements and what they reached: totals, series and reach add these."""
    query = (
        select(
            ReportMonth.municipality_id,
            ReportMonth.month,
            *(func.sum(getattr(ReportMonth, column)) for column in COUNTS),
        )
        .where(ReportMonth.dimension == "all", *_conditions(ReportMonth, scope, first, after))
        .group_by(ReportMonth.municipality_id, ReportMonth.month)
    )
    places: dict[int, dict] = defaultdict(dict)
    for place, month, *counts in db.session.execute(query):
        places[place][month] = tuple(int(v or 0) for v in counts)
    return places


def feedback_hours_by_place(scope: Scope) -> dict[int, dict[int, int]]:
    """Per municipality, how many signals of the period had their first feedback after so many
    whole hours."""
    query = (
        select(
            ReportFeedbackMonth.municipality_id,
            ReportFeedbackMonth.hours,
            func.sum(ReportFeedbackMonth.signals),
        )
        .where(
            *_conditions(
                ReportFeedbackMonth, scope, first_month(scope.period), month_after(scope.period)
            )
        )
        .group_by(ReportFeedbackMonth.municipality_id, ReportFeedbackMonth.hours)
    )
    places: dict[int, dict[int, int]] = defaultdict(dict)
    for place, hours, count in db.session.execute(query):
        if count:
            places[place][int(hours)] = int(count)
    return places


def month_cells(scope: Scope, first: date, after: date, dimension: str | None) -> dict:
    """{(municipality id, month, label): counts in COUNTS order} from `first` up to `after`:
    the base cells that disclosure control rounds (webapp/reports/protected.py). `dimension`
    None gives every signal of the scope under the label ""."""
    if dimension is None:
        stored, labels, joins = "all", [], lambda q: q
    else:
        stored, label, joins = _dimension(dimension)
        labels = [label]
    query = joins(
        select(
            ReportMonth.municipality_id,
            ReportMonth.month,
            *labels,
            *(func.sum(getattr(ReportMonth, column)) for column in COUNTS),
        ).select_from(ReportMonth)
    )
    query = query.where(
        ReportMonth.dimension == stored, *_conditions(ReportMonth, scope, first, after)
    ).group_by(ReportMonth.municipality_id, ReportMonth.month, *labels)
    cells: dict = {}
    for row in db.session.execute(query):
        place, month, *rest = row
        key = rest.pop(0) if labels else ""
        values = tuple(int(v or 0) for v in rest)
        if any(values):
            cells[(place, month, key)] = values
    return cells
