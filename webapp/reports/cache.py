"""Built reports kept per worker until the data behind them changes.

Every change to a municipality's signals, cards, actions or meetings bumps its
`site_state.generation` in the same transaction (webapp/site_state.py). A report is reused only
while the generations of its municipalities are what they were when it was built, so a cached
report is as exact as a fresh one; a first request after a change builds it again.

A build first refreshes the stale summary months of its municipalities, then reads the
summaries (webapp/reports/summary.py); the network's figures are those of every municipality,
kept per municipality and added up (webapp/reports/by_place.py). A report filtered on a theme
and a target group at once has no summary rows of its own and is counted from the raw tables
(webapp/reports/figures.py).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import SiteState
from webapp.reports import by_place, figures, summary, tables
from webapp.reports.figures import Scope

MAX_ENTRIES = 128
_reports: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _stamp(municipality_ids: tuple[int, ...] | None) -> tuple:
    query = select(
        func.coalesce(func.sum(SiteState.generation), 0),
        func.count(),
        func.max(SiteState.changed_at),
    )
    if municipality_ids is not None:
        query = query.where(SiteState.municipality_id.in_(municipality_ids))
    return tuple(db.session.execute(query).one())


def source_for(scope: Scope):
    """Where this scope's figures come from, with its stale summary months refreshed: the
    summaries, added up per municipality for the network (webapp/reports/by_place.py)."""
    if scope.theme and scope.target_group:
        return figures
    places = by_place.generations() if scope.municipality_ids is None else None
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
    key = (db.engine.url.render_as_string(), name, scope)
    stamp = _stamp(scope.municipality_ids)
    with _lock:
        hit = _reports.get(key)
        if hit is not None and hit[0] == stamp:
            _reports.move_to_end(key)
            return hit[1]
    built = build()
    with _lock:
        _reports[key] = (stamp, built)
        _reports.move_to_end(key)
        while len(_reports) > MAX_ENTRIES:
            _reports.popitem(last=False)
    return built
