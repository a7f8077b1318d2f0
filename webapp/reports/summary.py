"""Report figures read from the monthly summaries, and how those summaries are kept exact.

The tables are described in webapp/models/report_summary.py. Every function reading them takes
a `Scope` and returns what its namesake in webapp/reports/figures.py returns from the raw
tables (the reference, compared with these in tests/reports/test_summary.py), so a report reads
some hundred summary rows per municipality instead of every signal.

A change marks the months it affects stale in its own transaction (webapp/reports/stale.py).
`refresh` recomputes the stale months of a report's municipalities from the raw tables before
the report reads them; the worker loop does the same in the background, so a report rarely has
to. A refresh reads the mark's token before computing and clears the mark only if the token is
unchanged, in the same transaction that replaces the month's rows: a change committed during
the computation leaves its mark, and of two workers refreshing the same month only one writes.
"""

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import and_, case, delete, exists, func, insert, literal, or_, select, union

from common.dutch import BRUSSELS
from webapp.extensions import db
from webapp.models import (
    Feedback,
    Municipality,
    Organisation,
    Reinforcement,
    ReportFeedbackMonth,
    ReportMonth,
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


# --- Computing a municipality's months from the raw tables ------------------------------------


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


def compute(connection, municipality_id: int, since: datetime, until: datetime):
    """The summary rows of every month from `since` to `until` (month bounds) of one
    municipality: ({(month, filter dim, filter id, dim, key id, key text): counts},
    {(month, filter dim, filter id, hours): signals})."""
    in_window = and_(
        Signal.municipality_id == municipality_id,
        Signal.created_at >= since,
        Signal.created_at < until,
    )
    related = {
        model: and_(
            Signal.municipality_id == municipality_id,
            model.created_at >= since,
            model.created_at < until,
        )
        for model in (Reinforcement, Supplement)
    }
    # Themes and target groups of the signals given in the window and of those reinforced or
    # supplemented in it: two indexed lookups each, merged in sets.
    related_ids = union(
        *(
            select(model.signal_id).where(model.created_at >= since, model.created_at < until)
            for model in (Reinforcement, Supplement)
        )
    )
    themes: dict[int, set[int]] = defaultdict(set)
    groups: dict[int, set[int]] = defaultdict(set)
    for link, column, target in (
        (signal_theme, signal_theme.c.theme_id, themes),
        (signal_target_group, signal_target_group.c.target_group_id, groups),
    ):
        for query in (
            select(link.c.signal_id, column)
            .join(Signal, Signal.id == link.c.signal_id)
            .where(in_window),
            select(link.c.signal_id, column).where(link.c.signal_id.in_(related_ids)),
        ):
            for signal_id, key in connection.execute(query):
                target[signal_id].add(key)

    rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    histogram: dict[tuple, int] = defaultdict(int)
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
    signals = select(
        Signal.id,
        Signal.created_at,
        Signal.status,
        Signal.organisation_id,
        first_at,
        case((on_card, 1), else_=0),
        case((in_action, 1), else_=0),
        case((on_meeting, 1), else_=0),
    ).where(in_window)
    for (
        signal_id,
        created,
        status,
        organisation,
        first,
        card,
        action,
        meeting,
    ) in connection.execute(signals):
        month = month_of(created)
        signal_themes, signal_groups = themes.get(signal_id, ()), groups.get(signal_id, ())
        keys = _signal_keys(signal_themes, signal_groups, status, organisation)
        hours = None if first is None else hours_between(created, first)
        for filter_key in _signal_filters(signal_themes, signal_groups):
            for key in keys:
                counts = rows[(month, *filter_key, *key)]
                counts[0] += 1
                if key[0] == "all":
                    counts[3] += card
                    counts[4] += action
                    counts[5] += meeting
            if hours is not None:
                histogram[(month, *filter_key, hours)] += 1

    for index, model in ((1, Reinforcement), (2, Supplement)):
        query = (
            select(Signal.id, Signal.status, Signal.organisation_id, model.created_at)
            .join(model, model.signal_id == Signal.id)
            .where(related[model])
        )
        for signal_id, status, organisation, created in connection.execute(query):
            month = month_of(created)
            signal_themes, signal_groups = themes.get(signal_id, ()), groups.get(signal_id, ())
            keys = _signal_keys(signal_themes, signal_groups, status, organisation)
            for filter_key in _signal_filters(signal_themes, signal_groups):
                for key in keys:
                    rows[(month, *filter_key, *key)][index] += 1
    return rows, histogram


def _write(connection, municipality_id: int, months: list[date], rows, histogram) -> None:
    """Replace the rows of these months of a municipality with the computed ones."""
    wanted = set(months)
    for table in (ReportMonth, ReportFeedbackMonth):
        for start in range(0, len(months), 200):
            connection.execute(
                delete(table).where(
                    table.municipality_id == municipality_id,
                    table.month.in_(months[start : start + 200]),
                )
            )
    month_rows = [
        {
            "municipality_id": municipality_id,
            "month": month,
            "filter_dimension": filter_dimension,
            "filter_id": filter_id,
            "dimension": dimension,
            "key_id": key_id,
            "key_text": key_text,
            **dict(zip(COUNTS, counts, strict=True)),
        }
        for (
            month,
            filter_dimension,
            filter_id,
            dimension,
            key_id,
            key_text,
        ), counts in rows.items()
        if month in wanted
    ]
    feedback_rows = [
        {
            "municipality_id": municipality_id,
            "month": month,
            "filter_dimension": filter_dimension,
            "filter_id": filter_id,
            "hours": hours,
            "signals": count,
        }
        for (month, filter_dimension, filter_id, hours), count in histogram.items()
        if month in wanted
    ]
    for table, values in ((ReportMonth, month_rows), (ReportFeedbackMonth, feedback_rows)):
        for start in range(0, len(values), INSERT_BATCH):
            connection.execute(insert(table), values[start : start + INSERT_BATCH])


def _runs(months: list[date]) -> list[list[date]]:
    """Consecutive months together: each run is computed with one set of queries."""
    runs: list[list[date]] = []
    for month in sorted(months):
        if runs and _next_month(runs[-1][-1]) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def refresh(municipality_ids: tuple[int, ...] | None = None) -> int:
    """Recompute the stale months of these municipalities (None: all); returns how many months
    were written. Safe to run in several processes at once."""
    query = select(ReportStale.municipality_id, ReportStale.month, ReportStale.token)
    if municipality_ids is not None:
        query = query.where(ReportStale.municipality_id.in_(municipality_ids))
    written = 0
    with db.engine.connect() as connection:
        marks: dict[int, dict[date, int]] = defaultdict(dict)
        for municipality_id, month, token in connection.execute(query):
            marks[municipality_id][month] = token
        connection.commit()
        for municipality_id, tokens in sorted(marks.items()):
            for run in _runs(list(tokens)):
                written += _refresh_run(connection, municipality_id, run, tokens)
    return written


def _refresh_run(connection, municipality_id: int, run: list[date], tokens: dict) -> int:
    # The tokens were read before computing: a change committed from here on replaces them.
    rows, histogram = compute(
        connection, municipality_id, month_start(run[0]), month_start(_next_month(run[-1]))
    )
    connection.commit()  # end the read: the write below starts a transaction of its own
    claimed = []
    for month in run:
        result = connection.execute(
            delete(ReportStale).where(
                ReportStale.municipality_id == municipality_id,
                ReportStale.month == month,
                ReportStale.token == tokens[month],
            )
        )
        if result.rowcount == 1:
            claimed.append(month)
    if claimed:
        _write(connection, municipality_id, claimed, rows, histogram)
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


def rebuild(echo=None) -> int:
    """Mark every month of every municipality stale, then recompute them all."""
    from webapp.reports.stale import write_marks

    with db.engine.begin() as connection:
        pairs: set[tuple[int, date]] = set()
        for query in (
            select(Signal.municipality_id, Signal.created_at),
            select(Signal.municipality_id, Reinforcement.created_at).join(
                Reinforcement, Reinforcement.signal_id == Signal.id
            ),
            select(Signal.municipality_id, Supplement.created_at).join(
                Supplement, Supplement.signal_id == Signal.id
            ),
        ):
            for municipality_id, created in connection.execute(query):
                pairs.add((municipality_id, month_of(created)))
        for table in (ReportMonth, ReportFeedbackMonth):
            pairs.update(
                connection.execute(select(table.municipality_id, table.month).distinct()).all()
            )
        write_marks(connection, pairs)
    if echo:
        echo(f"{len(pairs)} maanden gemarkeerd")
    return refresh()


# --- Reading ------------------------------------------------------------------------------------


def _first_month(period: Period) -> date:
    return date(period.year, period.month, 1)


def _after(period: Period) -> date:
    following = period.shifted(1)
    return date(following.year, following.month, 1)


def _conditions(table, scope: Scope, first: date, after: date) -> list:
    conditions = [table.month >= first, table.month < after]
    if scope.municipality_ids is not None:
        conditions.append(table.municipality_id.in_(scope.municipality_ids))
    if scope.theme:
        conditions += [
            table.filter_dimension == "theme",
            table.filter_id.in_(select(Theme.id).where(Theme.name == scope.theme)),
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
            and_(ReportMonth.month >= _first_month(period), ReportMonth.month < _after(period)),
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
    stored, label, joins = _dimension(dimension)
    current, previous = scope.period, scope.period.previous
    query = joins(
        select(
            label,
            func.sum(_in(current, ReportMonth.signals)),
            func.sum(_in(previous, ReportMonth.signals)),
            func.sum(_in(current, ReportMonth.reinforcements)),
            func.sum(_in(current, ReportMonth.supplements)),
        ).select_from(ReportMonth)
    )
    query = query.where(
        ReportMonth.dimension == stored,
        *_conditions(ReportMonth, scope, _first_month(previous), _after(current)),
    ).group_by(label)
    rows: dict[str, dict[str, int]] = {}
    for key, now, before, reinforced, supplemented in db.session.execute(query):
        values = [int(v or 0) for v in (now, reinforced, supplemented, before)]
        if any(values):
            rows[key] = dict(zip((*MEASURES, "previous"), values, strict=True))
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
            *_conditions(ReportMonth, scope, _first_month(previous), _after(current)),
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
                *_conditions(ReportMonth, scope, _first_month(periods[0]), _after(periods[-1])),
            )
            .group_by(ReportMonth.month)
        ).all()
    )
    result = []
    for period in periods:
        first, after = _first_month(period), _after(period)
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
            *_conditions(ReportMonth, scope, _first_month(scope.period), _after(scope.period)),
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
                ReportFeedbackMonth, scope, _first_month(scope.period), _after(scope.period)
            )
        )
        .group_by(ReportFeedbackMonth.hours)
        .order_by(ReportFeedbackMonth.hours)
    ).all()
    return feedback_summary([(int(hours), int(count)) for hours, count in histogram])


def theme_signals_per_municipality(scope: Scope):
    """(theme name, municipality id, signals) in the period: the recurring themes' input."""
    return (
        select(
            Theme.name.label("name"),
            ReportMonth.municipality_id.label("municipality_id"),
            func.sum(ReportMonth.signals).label("signals"),
        )
        .select_from(ReportMonth)
        .join(Theme, Theme.id == ReportMonth.key_id)
        .where(
            ReportMonth.dimension == "theme",
            *_conditions(ReportMonth, scope, _first_month(scope.period), _after(scope.period)),
        )
        .group_by(Theme.name, ReportMonth.municipality_id)
        .having(func.sum(ReportMonth.signals) > 0)
    )


def most_reinforced_cards(scope: Scope, published_only: bool, limit: int = 10):
    from webapp.reports import figures

    return figures.most_reinforced_cards(scope, published_only, limit)
