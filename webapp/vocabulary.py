"""A municipality's themes and target groups as plain choices, cached in the process.

Every submit form and list needs them on every request, and they change only when a
municipality is set up: loading them as ORM objects each time cost more than rendering them.
Cached for a minute per worker, under the municipality's id and creation time (so a test
database that reuses an id never sees another municipality's list).
"""

import time
from typing import NamedTuple

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Municipality, TargetGroup, Theme

SECONDS = 60.0


class Choice(NamedTuple):
    id: int
    slug: str
    name: str


_cache: dict[tuple, tuple[float, tuple[Choice, ...]]] = {}


def _choices(model, municipality: Municipality) -> tuple[Choice, ...]:
    key = (model.__name__, municipality.id, municipality.created_at)
    now = time.monotonic()
    cached = _cache.get(key)
    if cached is not None and now - cached[0] < SECONDS:
        return cached[1]
    rows = db.session.execute(
        select(model.id, model.slug, model.name)
        .where(model.municipality_id == municipality.id)
        .order_by(model.position)
    ).all()
    choices = tuple(Choice(*row) for row in rows)
    _cache[key] = (now, choices)
    return choices


def themes(municipality: Municipality) -> tuple[Choice, ...]:
    """The municipality's themes, in their order."""
    return _choices(Theme, municipality)


def target_groups(municipality: Municipality) -> tuple[Choice, ...]:
    """The municipality's target groups, in their order."""
    return _choices(TargetGroup, municipality)


def forget() -> None:
    """Drop every cached list (after themes or target groups were changed)."""
    _cache.clear()
