"""Figures only the network view needs: themes that recur across municipalities."""

from collections import Counter

from sqlalchemy import func, select

from webapp.disclosure import shown
from webapp.extensions import db
from webapp.models import Signal, Theme
from webapp.models.signal import signal_theme
from webapp.reports.figures import Scope


def recurring_themes(
    scope: Scope, threshold: int, limit: int = 15, per_place: dict | None = None
) -> list[dict]:
    """Themes by name with in how many municipalities they drew at least `threshold` signals
    in the period (fewer would point at a few people), most widespread first. From the signals
    per theme of each municipality as the network reads them (published, under disclosure
    control: `ProtectedFigures.by_place`) or, as a reference, counted from the raw tables."""
    if per_place is None:
        per_place = _theme_signals_per_municipality(scope)
    places: Counter = Counter()
    totals: Counter = Counter()
    for themes in per_place.values():
        for theme, signals in themes.items():
            totals[theme] += signals
            if signals >= threshold:
                places[theme] += 1
    ranked = sorted(places, key=lambda theme: (-places[theme], -totals[theme], theme))
    return [
        {
            "theme": theme,
            "municipalities": places[theme],
            "signals": shown(totals[theme]),
        }
        for theme in ranked[:limit]
    ]


def _theme_signals_per_municipality(scope: Scope) -> dict[int, dict[str, int]]:
    per_place: dict[int, dict[str, int]] = {}
    for name, place, signals in db.session.execute(
        select(Theme.name, Signal.municipality_id, func.count())
        .select_from(Signal)
        .join(signal_theme, signal_theme.c.signal_id == Signal.id)
        .join(Theme, Theme.id == signal_theme.c.theme_id)
        .where(scope.signal_filter())
        .group_by(Theme.name, Signal.municipality_id)
    ):
        per_place.setdefault(place, {})[name] = int(signals)
    return per_place
