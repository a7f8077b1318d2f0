"""The network's figures as the sum of every municipality's, each kept per worker.

Over 285 municipalities and a million signals, counting the network's summary rows again after
every change took seconds (bench/reports.py --network), and with that many municipalities
something changes all the time. A municipality's own figures take milliseconds. So the network
view reads its figures here: each municipality's grouped counts, histogram and best cards come
from one grouped query per kind of figure (webapp/reports/summary.py and figures.py), are kept
under that municipality's data version, and are added up; after a change only the
changed municipalities are counted again. What is added up are per-municipality aggregates
that SQL computed, never signals. They are kept in the one per-worker store (webapp/cache.py),
under each municipality's data version (webapp/data_version.py).

`NetworkFigures` answers what webapp/reports/summary.py answers for one municipality, so
webapp/reports/tables.py builds the network's report from it; tests/reports/test_summary.py
compares the two with the raw tables.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from webapp import cache
from webapp.reports import figures, summary
from webapp.reports.figures import MEASURES, Scope, feedback_summary
from webapp.reports.periods import Period


class Card(NamedTuple):
    """What a report shows of a card: its title, linked by id."""

    id: int
    title: str


def _per_place(name: tuple, scope: Scope, places: dict[int, tuple], count: Callable, empty) -> dict:
    """{municipality id: value} for every municipality of `places` ({id: data version}): the
    kept value where its version is unchanged, else from `count(scope)`, one grouped query over
    the municipalities that changed (all of them at first) returning {municipality id: value}."""
    base = (name, replace(scope, municipality_ids=None))
    found = cache.lookup_many("by place", {(base, place): v for place, v in places.items()})
    values = {key[1]: value for key, value in found.items()}
    missing = [place for place in places if place not in values]
    if missing:
        ids = None if len(missing) == len(places) else tuple(missing)
        counted = count(replace(scope, municipality_ids=ids))
        for place in missing:
            values[place] = counted.get(place, empty)
        cache.keep_many(
            "by place", {(base, place): (places[place], values[place]) for place in missing}
        )
    return values


class NetworkFigures:
    """A figures source for every municipality together (the network view)."""

    def __init__(self, places: dict[int, tuple]):
        self.places = places
        self._added_months: dict[Scope, dict] = {}

    def breakdown(self, scope: Scope, dimension: str) -> dict[str, dict[str, int]]:
        per_place = _per_place(
            ("breakdown", dimension),
            scope,
            self.places,
            lambda s: summary.breakdown_by_place(s, dimension),
            {},
        )
        return summary.add_up(per_place.values())

    def _months(self, scope: Scope) -> dict:
        """Every summary month of the scope's time series (which holds the previous period
        too), added up over the municipalities: {month: counts in summary.COUNTS order}.
        Totals, series and reach of one build share it."""
        if scope in self._added_months:
            return self._added_months[scope]
        first = summary.first_month(scope.period.shifted(1 - scope.period.series_length))
        after = summary.month_after(scope.period)
        per_place = _per_place(
            ("months",),
            scope,
            self.places,
            lambda s: summary.months_by_place(s, first, after),
            {},
        )
        months: dict = defaultdict(lambda: [0] * len(summary.COUNTS))
        for place_months in per_place.values():
            for month, counts in place_months.items():
                total = months[month]
                for index, value in enumerate(counts):
                    total[index] += value
        self._added_months[scope] = months
        return months

    @staticmethod
    def _within(months: dict, period: Period, column: str) -> int:
        index = summary.COUNTS.index(column)
        first, after = summary.first_month(period), summary.month_after(period)
        return sum(counts[index] for month, counts in months.items() if first <= month < after)

    def totals(self, scope: Scope) -> dict[str, tuple[int, int]]:
        months = self._months(scope)
        return {
            measure: (
                self._within(months, scope.period, measure),
                self._within(months, scope.period.previous, measure),
            )
            for measure in MEASURES
        }

    def series(self, scope: Scope, count: int) -> list[tuple[Period, int]]:
        if count > scope.period.series_length:
            raise ValueError(f"a series of at most {scope.period.series_length} periods")
        months = self._months(scope)
        return [
            (period, self._within(months, period, "signals"))
            for period in (scope.period.shifted(-i) for i in reversed(range(count)))
        ]

    def reach(self, scope: Scope) -> dict[str, int]:
        months = self._months(scope)
        return {
            name: self._within(months, scope.period, column)
            for name, column in (
                ("total", "signals"),
                ("card", "reached_card"),
                ("action", "reached_action"),
                ("meeting", "reached_meeting"),
            )
        }

    def first_feedback_times(self, scope: Scope) -> dict[str, float | int | None]:
        per_place = _per_place(
            ("feedback",), scope, self.places, summary.feedback_hours_by_place, {}
        )
        histogram: dict[int, int] = defaultdict(int)
        for place_histogram in per_place.values():
            for hours, count in place_histogram.items():
                histogram[hours] += count
        return feedback_summary(sorted(histogram.items()))

    def most_reinforced_cards(self, scope: Scope, published_only: bool, limit: int = 10):
        per_place = _per_place(
            ("cards", published_only, limit),
            scope,
            self.places,
            lambda s: figures.most_reinforced_cards_by_place(s, published_only, limit),
            [],
        )
        best = sorted(
            (row for rows in per_place.values() for row in rows),
            key=lambda row: (-row[4], row[0]),
        )[:limit]
        return [(Card(card_id, title), name, s, r) for card_id, title, name, s, r in best]

    def theme_signals(self, scope: Scope) -> dict[int, dict[str, int]]:
        """Per municipality, the signals of the period per theme name (recurring themes)."""
        per_place = _per_place(
            ("breakdown", "theme"),
            scope,
            self.places,
            lambda s: summary.breakdown_by_place(s, "theme"),
            {},
        )
        return {
            place: {theme: row["signals"] for theme, row in rows.items() if row["signals"]}
            for place, rows in per_place.items()
        }
