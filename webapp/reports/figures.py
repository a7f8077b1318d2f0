"""Report figures as grouped SQL aggregates: no signal is ever loaded into Python.

Every function takes a `Scope` (which municipalities, which period, which filters) and returns
exact counts; `webapp.reports.tables` turns them into the tables people see, suppressed where
the reader must not see small counts.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Integer, and_, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from webapp.extensions import db
from webapp.models import (
    Feedback,
    Municipality,
    Organisation,
    Reinforcement,
    Signal,
    SignalCard,
    Supplement,
    TargetGroup,
    Theme,
)
from webapp.models.processing import card_action, card_signal, meeting_card, meeting_signal
from webapp.models.signal import signal_target_group, signal_theme
from webapp.reports.periods import Period

NO_ORGANISATION = "zonder organisatie"


@dataclass(frozen=True)
class Scope:
    """Which signals a report counts: of these municipalities (None: all), in a period."""

    municipality_ids: tuple[int, ...] | None
    period: Period
    theme: str | None = None  # a theme name: themes are per municipality, names recur
    target_group: str | None = None
    # The network reads `theme` as a name of its vocabulary (webapp/network/themes.py): every
    # municipality's theme that counts under it matches.
    network_theme: bool = False

    def theme_ids(self):
        """A select of the ids of the themes the filter `theme` means."""
        if self.network_theme:
            from webapp.network.themes import theme_ids_under

            return theme_ids_under(self.theme)
        return select(Theme.id).where(Theme.name == self.theme)

    def signal_filter(self, since=None, until=None) -> ColumnElement:
        since = since or self.period.start
        until = until or self.period.end
        conditions = [Signal.created_at >= since, Signal.created_at < until]
        if self.municipality_ids is not None:
            conditions.append(Signal.municipality_id.in_(self.municipality_ids))
        if self.theme:
            # Aliases: the breakdowns join these tables too, and must not correlate with them.
            link, theme = signal_theme.alias(), aliased(Theme)
            conditions.append(
                Signal.id.in_(
                    select(link.c.signal_id)
                    .join(theme, theme.id == link.c.theme_id)
                    .where(theme.id.in_(self.theme_ids()))
                )
            )
        if self.target_group:
            link, group = signal_target_group.alias(), aliased(TargetGroup)
            conditions.append(
                Signal.id.in_(
                    select(link.c.signal_id)
                    .join(group, group.id == link.c.target_group_id)
                    .where(group.name == self.target_group)
                )
            )
        return and_(*conditions)

    def related_filter(self, model, since, until) -> ColumnElement:
        """Reinforcements or supplements made in the window, on signals of the scope."""
        conditions = [model.created_at >= since, model.created_at < until]
        # Only signals given before the window ends can have been reinforced in it.
        return and_(*conditions, self.signal_filter(since=_EPOCH, until=until))


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

MEASURES = ("signals", "reinforcements", "supplements")


def _dimension(name: str):
    """(label column, joins to apply to a query that selects from Signal)."""
    if name == "theme":
        return Theme.name, lambda q: q.join(
            signal_theme, signal_theme.c.signal_id == Signal.id
        ).join(Theme, Theme.id == signal_theme.c.theme_id)
    if name == "target_group":
        return TargetGroup.name, lambda q: q.join(
            signal_target_group, signal_target_group.c.signal_id == Signal.id
        ).join(TargetGroup, TargetGroup.id == signal_target_group.c.target_group_id)
    if name == "status":
        return Signal.status, lambda q: q
    if name == "organisation_kind":
        label = func.coalesce(Organisation.kind, literal(NO_ORGANISATION))
        return label, lambda q: q.outerjoin(Organisation, Organisation.id == Signal.organisation_id)
    if name == "municipality":
        return Municipality.name, lambda q: q.join(
            Municipality, Municipality.id == Signal.municipality_id
        )
    raise ValueError(name)


def _in(column, period: Period):
    return case((and_(column >= period.start, column < period.end), 1), else_=0)


def breakdown(scope: Scope, dimension: str) -> dict[str, dict[str, int]]:
    """Per category: signals, reinforcements and supplements in the period, and the signals of
    the period before (`previous`)."""
    label, joins = _dimension(dimension)
    current, previous = scope.period, scope.period.previous
    rows: dict[str, dict[str, int]] = {}

    signals = (
        joins(
            select(
                label,
                func.sum(_in(Signal.created_at, current)),
                func.sum(_in(Signal.created_at, previous)),
            ).select_from(Signal)
        )
        .where(scope.signal_filter(since=previous.start, until=current.end))
        .group_by(label)
    )
    for key, now, before in db.session.execute(signals):
        row = rows.setdefault(key, dict.fromkeys((*MEASURES, "previous"), 0))
        row["signals"], row["previous"] = int(now or 0), int(before or 0)

    for measure, model in (("reinforcements", Reinforcement), ("supplements", Supplement)):
        query = joins(select(label, func.count(model.id)).select_from(Signal)).join(
            model, model.signal_id == Signal.id
        )
        query = query.where(scope.related_filter(model, current.start, current.end)).group_by(label)
        for key, count in db.session.execute(query):
            row = rows.setdefault(key, dict.fromkeys((*MEASURES, "previous"), 0))
            row[measure] = int(count)
    return rows


def totals(scope: Scope) -> dict[str, tuple[int, int]]:
    """Signals, reinforcements and supplements: (in the period, in the period before)."""
    current, previous = scope.period, scope.period.previous
    now, before = db.session.execute(
        select(
            func.sum(_in(Signal.created_at, current)), func.sum(_in(Signal.created_at, previous))
        ).where(scope.signal_filter(since=previous.start, until=current.end))
    ).one()
    result = {"signals": (int(now or 0), int(before or 0))}
    for measure, model in (("reinforcements", Reinforcement), ("supplements", Supplement)):
        now, before = db.session.execute(
            select(
                func.sum(_in(model.created_at, current)), func.sum(_in(model.created_at, previous))
            )
            .select_from(Signal)
            .join(model, model.signal_id == Signal.id)
            .where(scope.related_filter(model, previous.start, current.end))
        ).one()
        result[measure] = (int(now or 0), int(before or 0))
    return result


def series(scope: Scope, count: int = 12) -> list[tuple[Period, int]]:
    """Signals per period for the `count` periods up to and including the report's."""
    periods = [scope.period.shifted(-i) for i in reversed(range(count))]
    columns = [func.sum(_in(Signal.created_at, p)) for p in periods]
    values = db.session.execute(
        select(*columns).where(scope.signal_filter(since=periods[0].start, until=periods[-1].end))
    ).one()
    return [(p, int(v or 0)) for p, v in zip(periods, values, strict=True)]


def reach(scope: Scope) -> dict[str, int]:
    """How many signals of the period reached a card, an action (through a card) or a meeting
    (directly or through a card), out of how many."""
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
    total, card, action, meeting = db.session.execute(
        select(
            func.count(Signal.id),
            func.sum(case((on_card, 1), else_=0)),
            func.sum(case((in_action, 1), else_=0)),
            func.sum(case((on_meeting, 1), else_=0)),
        ).where(scope.signal_filter())
    ).one()
    return {
        "total": int(total or 0),
        "card": int(card or 0),
        "action": int(action or 0),
        "meeting": int(meeting or 0),
    }


def first_feedback_times(scope: Scope) -> dict[str, float | int | None]:
    """Time from submission to the first feedback, in whole hours (rounded down) and shown in
    days: median, 90th percentile, and over how many signals (those of the period that had
    feedback). Whole hours are what the monthly summaries can keep exactly."""
    # Per signal of the period, its first feedback: one index probe each.
    first_at = (
        select(func.min(Feedback.created_at))
        .where(Feedback.signal_id == Signal.id)
        .correlate(Signal)
        .scalar_subquery()
    )
    signals = (
        select(Signal.created_at.label("created_at"), first_at.label("first_at"))
        .where(scope.signal_filter())
        .subquery()
    )
    hours = whole_hours(signals.c.created_at, signals.c.first_at)
    histogram = db.session.execute(
        select(hours, func.count())
        .where(signals.c.first_at.is_not(None))
        .group_by(hours)
        .order_by(hours)
    )
    return feedback_summary([(int(h), int(n)) for h, n in histogram])


def whole_hours(start, end) -> ColumnElement:
    """Whole hours from start to end, rounded down, exactly as `summary.hours_between` counts
    them in Python (to the microsecond, also when negative)."""
    if db.engine.dialect.name == "postgresql":
        return func.floor(func.extract("epoch", end - start) / 3600)

    # SQLite keeps these as text, "YYYY-MM-DD HH:MM:SS.ffffff" (naive UTC): whole seconds by
    # strftime, microseconds from the text, then a division rounded down.
    def microseconds(moment):
        return cast(func.strftime("%s", moment), Integer) * 1_000_000 + cast(
            func.substr(moment, 21, 6), Integer
        )

    delta = microseconds(end) - microseconds(start)
    hour = 3_600_000_000
    return case((delta >= 0, delta // hour), else_=-((hour - 1 - delta) // hour))


def feedback_summary(histogram: list[tuple[int, int]]) -> dict[str, float | int | None]:
    """Count, median and 90th percentile in days of durations given as (hours, how many),
    sorted by hours; percentiles interpolate as PostgreSQL's percentile_cont."""
    count = sum(n for _, n in histogram)

    def at(rank: int) -> int:
        seen = 0
        for hours, n in histogram:
            seen += n
            if rank < seen:
                return hours
        raise IndexError(rank)

    def percentile_of(fraction: float) -> float | None:
        if not count:
            return None
        position = fraction * (count - 1)
        low = int(position)
        high = min(low + 1, count - 1)
        return at(low) + (at(high) - at(low)) * (position - low)

    median, p90 = percentile_of(0.5), percentile_of(0.9)
    return {
        "count": count,
        "median_days": None if median is None else round(median / 24, 1),
        "p90_days": None if p90 is None else round(p90 / 24, 1),
    }


def most_reinforced_cards(scope: Scope, published_only: bool, limit: int = 10):
    """(card, municipality name, signals, reinforcements) of the cards whose signals were
    reinforced most, all time."""
    query = (
        select(
            SignalCard,
            Municipality.name,
            func.count(Signal.id),
            func.coalesce(func.sum(Signal.reinforcement_count), 0).label("reinforced"),
        )
        .join(card_signal, card_signal.c.card_id == SignalCard.id)
        .join(Signal, Signal.id == card_signal.c.signal_id)
        .join(Municipality, Municipality.id == SignalCard.municipality_id)
        .group_by(SignalCard.id, Municipality.name)
        .order_by(func.coalesce(func.sum(Signal.reinforcement_count), 0).desc(), SignalCard.id)
        .limit(limit)
    )
    if scope.municipality_ids is not None:
        query = query.where(SignalCard.municipality_id.in_(scope.municipality_ids))
    if published_only:
        query = query.where(SignalCard.published.is_(True))
    return [(card, name, int(s), int(r)) for card, name, s, r in db.session.execute(query)]


def most_reinforced_cards_by_place(
    scope: Scope, published_only: bool, limit: int = 10
) -> dict[int, list[tuple[int, str, str, int, int]]]:
    """Per municipality, (card id, title, municipality name, signals, reinforcements) of its
    `limit` most reinforced cards: the network's are among them."""
    reinforced = func.coalesce(func.sum(Signal.reinforcement_count), 0)
    ranked = (
        select(
            SignalCard.municipality_id,
            SignalCard.id,
            SignalCard.title,
            func.count(Signal.id).label("signals"),
            reinforced.label("reinforced"),
            func.row_number()
            .over(
                partition_by=SignalCard.municipality_id,
                order_by=(reinforced.desc(), SignalCard.id),
            )
            .label("rank"),
        )
        .join(card_signal, card_signal.c.card_id == SignalCard.id)
        .join(Signal, Signal.id == card_signal.c.signal_id)
        .group_by(SignalCard.municipality_id, SignalCard.id, SignalCard.title)
    )
    if scope.municipality_ids is not None:
        ranked = ranked.where(SignalCard.municipality_id.in_(scope.municipality_ids))
    if published_only:
        ranked = ranked.where(SignalCard.published.is_(True))
    ranked = ranked.subquery()
    query = (
        select(
            ranked.c.municipality_id,
            ranked.c.id,
            ranked.c.title,
            Municipality.name,
            ranked.c.signals,
            ranked.c.reinforced,
        )
        .join(Municipality, Municipality.id == ranked.c.municipality_id)
        .where(ranked.c.rank <= limit)
    )
    places: dict[int, list] = {}
    for place, card_id, title, name, signals, reinforcements in db.session.execute(query):
        places.setdefault(place, []).append(
            (card_id, title, name, int(signals), int(reinforcements))
        )
    return places
