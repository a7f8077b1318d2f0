"""The figures aldermen and the network read, under disclosure control (webapp/disclosure.py).

Answers what webapp/reports/summary.py answers, but every count is a sum of rounded base
cells: one municipality, one Brussels month, one group of signals. A group is named by its
conditions (a theme, a target group, a status, a kind of organisation), so the same signals
read the same wherever they show: the theme row "Wonen" of a report and the total of that
report filtered on "Wonen" are one base cell. Statuses and kinds of organisation split the
signals of a cell: they are rounded as a partition that adds up to the rounded cell.
"""

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from webapp import disclosure
from webapp.extensions import db
from webapp.models import Municipality, Organisation, Signal, TargetGroup, Theme
from webapp.models.signal import signal_theme
from webapp.reports import figures, summary
from webapp.reports.figures import MEASURES, NO_ORGANISATION, Scope
from webapp.reports.periods import Period

PARTITIONS = ("status", "organisation_kind")
MANY = ("theme", "target_group")  # a signal can have several: one base cell per value
DIMENSIONS = (*PARTITIONS, *MANY)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_STORED = {"theme": "theme", "target_group": "target_group", "status": "status"}


def conditions(scope: Scope) -> frozenset:
    """The scope's filters as the conditions that name a group of signals."""
    found = set()
    if scope.theme:
        found.add(("network_theme" if scope.network_theme else "theme", scope.theme))
    if scope.target_group:
        found.add(("target_group", scope.target_group))
    return frozenset(found)


def _raw_cells(scope: Scope, first: date, after: date) -> dict:
    """The base cells of a scope filtered on a theme and a target group at once (no summary
    rows hold that crossing): each signal's contribution as the summaries count it."""
    until = summary.month_start(after)
    ids = list(
        db.session.scalars(select(Signal.id).where(scope.signal_filter(since=_EPOCH, until=until)))
    )
    rows: dict = defaultdict(lambda: [0] * len(summary.COUNTS))
    connection = db.session.connection()
    for start in range(0, len(ids), summary.REFRESH_BATCH):
        states = summary.signal_states(connection, ids[start : start + summary.REFRESH_BATCH])
        for state in states.values():
            summary.contribution(state, 1, rows, defaultdict(int))
    names = {
        "theme": dict(db.session.execute(select(Theme.id, Theme.name)).all()),
        "target_group": dict(db.session.execute(select(TargetGroup.id, TargetGroup.name)).all()),
        "organisation": dict(db.session.execute(select(Organisation.id, Organisation.kind)).all()),
    }
    cells: dict = defaultdict(dict)
    for (place, month, filter_dim, _fid, dim, key_id, key_text), counts in rows.items():
        if filter_dim or not first <= month < after or not any(counts):
            continue
        if dim == "all":
            dimension, label = None, ""
        elif dim == "organisation":
            dimension = "organisation_kind"
            label = names["organisation"].get(key_id) or NO_ORGANISATION
        elif dim == "status":
            dimension, label = "status", key_text
        else:
            dimension, label = dim, names[dim].get(key_id, "")
        previous = cells[dimension].get((place, month, label), (0,) * len(counts))
        cells[dimension][(place, month, label)] = tuple(
            a + b for a, b in zip(previous, counts, strict=True)
        )
    return cells


def _exact_cells(scope: Scope, first: date, after: date, dimensions) -> dict:
    if scope.theme and scope.target_group:
        return _raw_cells(scope, first, after)
    return {
        dimension: summary.month_cells(scope, first, after, dimension)
        for dimension in (None, *dimensions)
    }


def signal_cells(municipality_id: int) -> dict:
    """The base cells of every signal of a municipality (all, per status, per theme), read
    from the raw tables without writing anything: counted per hour in SQL (every Brussels
    month starts on a whole UTC hour) and put in their Brussels month here."""
    if db.engine.dialect.name == "postgresql":
        hour = func.to_char(func.timezone("UTC", Signal.created_at), "YYYY-MM-DD HH24")
    else:
        hour = func.strftime("%Y-%m-%d %H", Signal.created_at)
    mine = Signal.municipality_id == municipality_id
    queries = {
        "status": select(hour, Signal.status, func.count())
        .where(mine)
        .group_by(hour, Signal.status),
        "theme": select(hour, Theme.name, func.count())
        .join(signal_theme, signal_theme.c.signal_id == Signal.id)
        .join(Theme, Theme.id == signal_theme.c.theme_id)
        .where(mine)
        .group_by(hour, Theme.name),
    }
    cells: dict = {None: defaultdict(int), "status": defaultdict(int), "theme": defaultdict(int)}
    for dimension, query in queries.items():
        for moment, label, count in db.session.execute(query):
            month = summary.month_of(datetime.strptime(moment, "%Y-%m-%d %H").replace(tzinfo=UTC))
            cells[dimension][(municipality_id, month, label)] += int(count)
            if dimension == "status":
                cells[None][(municipality_id, month, "")] += int(count)
    return {
        dimension: {key: (count, 0, 0, 0, 0, 0) for key, count in found.items()}
        for dimension, found in cells.items()
    }


class ProtectedFigures:
    """A figures source whose every count is disclosure-controlled, for one scope's report."""

    def __init__(
        self,
        scope: Scope,
        base: int,
        exact_source=figures,
        since: date | None = None,
        cells: dict | None = None,
    ):
        """The base cells of the scope's report: its period's time series (which holds the
        previous period), or every month from `since` on (or the exact `cells` given, as
        `_exact_cells` returns them). A municipality's cells are rounded
        to its own threshold when that is higher than `base`, so that they read the same in
        its reports, the network's and on its microsite."""
        self.scope = scope
        self.base = base
        self.bases = dict(
            db.session.execute(
                select(Municipality.id, Municipality.suppression_threshold).where(
                    Municipality.suppression_threshold > base
                )
            ).all()
        )
        self.exact = exact_source
        self.where = conditions(scope)
        period = scope.period
        self.first = since or summary.first_month(period.shifted(1 - period.series_length))
        self.after = summary.month_after(period)
        if cells is None:
            cells = _exact_cells(scope, self.first, self.after, DIMENSIONS)
        self.all = self._round_all(cells.get(None, {}))
        self.parts = {
            dimension: self._round_partition(cells.get(dimension, {})) for dimension in PARTITIONS
        }
        self.parts.update(
            {dimension: self._round_many(cells.get(dimension, {}), dimension) for dimension in MANY}
        )

    def base_of(self, place: int) -> int:
        return self.bases.get(place, self.base)

    @staticmethod
    def _identity(place, month, where, measure) -> tuple:
        return cell_identity(place, month, where, measure)

    def _round_all(self, cells: dict) -> dict:
        """{(place, month): published counts in summary.COUNTS order}."""
        return {
            (place, month): tuple(
                disclosure.rounded(
                    value, self._identity(place, month, self.where, name), self.base_of(place)
                )
                for name, value in zip(summary.COUNTS, counts, strict=True)
            )
            for (place, month, _), counts in cells.items()
        }

    def _round_partition(self, cells: dict) -> dict:
        """{(place, month, label): published signals, reinforcements, supplements}; the labels
        of one cell add up to its published total."""
        grouped: dict = defaultdict(dict)
        for (place, month, label), counts in cells.items():
            grouped[(place, month)][label] = counts
        published: dict = {}
        for (place, month), labels in grouped.items():
            for index, measure in enumerate(MEASURES):
                identity = self._identity(place, month, self.where, measure)
                parts = disclosure.rounded_partition(
                    {label: counts[index] for label, counts in labels.items()},
                    identity,
                    self.base_of(place),
                )
                for label, value in parts.items():
                    row = published.setdefault((place, month, label), [0] * len(MEASURES))
                    row[index] = value
        return published

    def _round_many(self, cells: dict, dimension: str) -> dict:
        published = {}
        for (place, month, label), counts in cells.items():
            where = self.where | {(dimension, label)}
            published[(place, month, label)] = [
                disclosure.rounded(
                    counts[index],
                    self._identity(place, month, where, measure),
                    self.base_of(place),
                )
                for index, measure in enumerate(MEASURES)
            ]
        return published

    @staticmethod
    def _within(month: date, period: Period) -> bool:
        return summary.first_month(period) <= month < summary.month_after(period)

    def _sum_all(self, period: Period, column: str) -> int:
        index = summary.COUNTS.index(column)
        return sum(v[index] for (_, month), v in self.all.items() if self._within(month, period))

    def totals(self, scope: Scope) -> dict[str, tuple[int, int]]:
        return {
            measure: (
                self._sum_all(scope.period, measure),
                self._sum_all(scope.period.previous, measure),
            )
            for measure in MEASURES
        }

    def series(self, scope: Scope, count: int) -> list[tuple[Period, int]]:
        periods = [scope.period.shifted(-i) for i in reversed(range(count))]
        return [(p, self._sum_all(p, "signals")) for p in periods]

    def reach(self, scope: Scope) -> dict[str, int]:
        return {
            name: self._sum_all(scope.period, column)
            for name, column in (
                ("total", "signals"),
                ("card", "reached_card"),
                ("action", "reached_action"),
                ("meeting", "reached_meeting"),
            )
        }

    def breakdown(self, scope: Scope, dimension: str) -> dict[str, dict[str, int]]:
        """Published counts per label; a label whose counts all read 0 is left out."""
        current, previous = scope.period, scope.period.previous
        if dimension == "municipality":
            names = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
            cells = {
                (place, month, names.get(place, "")): [v[0], v[1], v[2]]
                for (place, month), v in self.all.items()
            }
        else:
            cells = self.parts[dimension]
        rows: dict[str, dict[str, int]] = {}
        for (_, month, label), values in cells.items():
            row = rows.setdefault(label, dict.fromkeys((*MEASURES, "previous"), 0))
            if self._within(month, current):
                for measure, value in zip(MEASURES, values, strict=True):
                    row[measure] += value
            elif self._within(month, previous):
                row["previous"] += values[0]
        return {label: row for label, row in rows.items() if any(row.values())}

    def months(self) -> dict[date, int]:
        """The published signals per month, from the first to the last month read."""
        per_month: dict[date, int] = defaultdict(int)
        for (_, month), values in self.all.items():
            per_month[month] += values[0]
        return dict(per_month)

    def labels(self, dimension: str) -> dict[str, int]:
        """The published signals per label over every month read."""
        totals: dict[str, int] = defaultdict(int)
        for (_, _, label), values in self.parts[dimension].items():
            totals[label] += values[0]
        return dict(totals)

    def by_place(self, dimension: str, period: Period) -> dict[int, dict[str, int]]:
        """Per municipality, the published signals of the period per label."""
        places: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for (place, month, label), values in self.parts[dimension].items():
            if self._within(month, period):
                places[place][label] += values[0]
        return {place: dict(labels) for place, labels in places.items()}

    def first_feedback_times(self, scope: Scope):
        """Median and 90th percentile are no counts; they show only over `base` signals or
        more (the count itself is not shown)."""
        times = self.exact.first_feedback_times(scope)
        if times["count"] < self.base:
            return {"count": None, "median_days": None, "p90_days": None}
        return {**times, "count": None}

    def _card_base(self, card) -> int:
        # The network's kept cards carry no municipality: they round to the network's base.
        return self.base_of(getattr(card, "municipality_id", None))

    def most_reinforced_cards(self, scope: Scope, published_only: bool, limit: int = 10):
        cards = [
            (
                card,
                place,
                card_count(card.id, "signals", s, self._card_base(card)),
                card_count(card.id, "reinforcements", r, self._card_base(card)),
            )
            for card, place, s, r in self.exact.most_reinforced_cards(scope, published_only, limit)
        ]
        return sorted(cards, key=lambda row: (-row[3], row[0].id))


def cell_identity(place: int, month: date, where, measure: str) -> tuple:
    """What names a base cell: the same signals get the same name on every page and file."""
    return (place, month.isoformat(), tuple(sorted(where)), measure)


def card_count(card_id: int, measure: str, count: int, base: int) -> int:
    """A card's count (all time), the same on the reports and on the microsite."""
    return disclosure.rounded(count, ("card", card_id, measure), base)
