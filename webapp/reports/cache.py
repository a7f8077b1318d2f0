"""Built reports kept per worker until the data behind them changes.

Every change to a municipality's signals, cards, actions or meetings bumps its
`site_state.generation` in the same transaction (webapp/site_state.py). A report is reused only
while the generations of its municipalities are what they were when it was built, so a cached
report is as exact as a fresh one; a first request after a change builds it again.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import SiteState
from webapp.reports import tables
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


def report(scope: Scope, exact: bool, threshold: int, network: bool = False) -> tables.Report:
    """The report for this scope and reader, from the cache while the data is unchanged."""
    return cached(
        ("report", exact, threshold, network),
        scope,
        lambda: tables.build(scope, exact, threshold, network=network),
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
