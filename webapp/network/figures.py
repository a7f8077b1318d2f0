"""Figures only the network view needs: themes that recur across municipalities."""

from sqlalchemy import case, func, select

from webapp.extensions import db
from webapp.models import Signal, Theme
from webapp.models.signal import signal_theme
from webapp.reports import summary
from webapp.reports.figures import Scope
from webapp.suppression import suppress


def recurring_themes(
    scope: Scope, threshold: int, limit: int = 15, from_summary: bool = False
) -> list[dict]:
    """Themes by name with in how many municipalities they drew at least `threshold` signals
    in the period (fewer would point at a few people), most widespread first. From the
    monthly summaries (refreshed by the caller) or, as a reference, from the raw tables."""
    if from_summary:
        per_place = summary.theme_signals_per_municipality(scope).subquery()
    else:
        per_place = _theme_signals_per_municipality(scope)
    places = func.sum(case((per_place.c.signals >= threshold, 1), else_=0))
    rows = db.session.execute(
        select(per_place.c.name, places, func.sum(per_place.c.signals))
        .group_by(per_place.c.name)
        .order_by(places.desc(), func.sum(per_place.c.signals).desc(), per_place.c.name)
        .limit(limit)
    )
    return [
        {
            "theme": name,
            "municipalities": int(count or 0),
            "signals": suppress(int(total or 0), threshold),
        }
        for name, count, total in rows
        if count
    ]


def _theme_signals_per_municipality(scope: Scope):
    return (
        select(Theme.name.label("name"), Signal.municipality_id, func.count().label("signals"))
        .select_from(Signal)
        .join(signal_theme, signal_theme.c.signal_id == Signal.id)
        .join(Theme, Theme.id == signal_theme.c.theme_id)
        .where(scope.signal_filter())
        .group_by(Theme.name, Signal.municipality_id)
        .subquery()
    )
