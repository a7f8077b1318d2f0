"""Built reports kept per worker (webapp/cache.py) until the data behind them changes.

A report is reused only while the data versions of its municipalities (webapp/data_version.py)
are what they were when it was built, so a kept report is as exact as a fresh one; a first
request after a change builds it again.

A build first refreshes the stale summary months of its municipalities, then reads the
summaries (webapp/reports/summary.py); the network's figures are those of every municipality,
kept per municipality and added up (webapp/reports/by_place.py). A report filtered on a theme
and a target group at once has no summary rows of its own and is counted from the raw tables
(webapp/reports/figures.py).
"""

from collections.abc import Callable

from webapp import cache, data_version
from webapp.reports import by_place, figures, summary, tables
from webapp.reports.figures import Scope


def source_for(scope: Scope):
    """Where this scope's figures come from, with its stale summary months refreshed: the
    summaries, added up per municipality for the network (webapp/reports/by_place.py)."""
    if scope.theme and scope.target_group:
        return figures
    places = data_version.per_place() if scope.municipality_ids is None else None
    summary.refresh(scope.municipality_ids)
    summary.see_latest()
    return summary if places is None else by_place.NetworkFigures(places)


def report(scope: Scope, exact: bool, threshold: int, network: bool = False) -> tables.Report:
    """The report for this scope and reader, from the cache while the data is unchanged."""
    return cached(
        ("report", exact, threshold, network),
        scope,
        lambda: tables.build(scope, exact, threshold, network=network, source=source_for(scope)),
    )


def cached(name: tuple, scope: Scope, build: Callable):
    """What `build` makes for this scope, reused while its municipalities' data is unchanged."""
    version = data_version.combined(scope.municipality_ids)
    return cache.kept("report", (name, scope), version, build)
