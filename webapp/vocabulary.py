"""A municipality's themes and target groups as plain choices, cached in the process.

Every submit form and list needs them on every request, and they change only when a
municipality is set up: loading them as ORM objects each time cost more than rendering them.
Kept per worker under the municipality's id and creation time (so a test database that reuses
an id never sees another municipality's list) and under the request's site stamp: adding,
renaming or retiring a term bumps the municipality's `site_state.generation`
(webapp/site_state.py), so the next request reads the new list, in every worker. Without a stamp
(outside a municipality's pages) a list is kept for a minute. A new signal is offered only the
terms in use; the filters also know the retired ones, which stay on old signals.
"""

import time
from typing import NamedTuple

from flask import g, has_app_context
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Municipality, TargetGroup, Theme

SECONDS = 60.0


class Choice(NamedTuple):
    id: int
    slug: str
    name: str


_cache: dict[tuple, tuple[float, tuple[Choice, ...], tuple | None]] = {}


def _stamp(municipality: Municipality):
    """The request's site stamp when it is this municipality's (webapp/fragments.py)."""
    if has_app_context() and g.get("municipality") is municipality:
        return g.get("site_stamp")
    return None


def _choices(model, municipality: Municipality, retired: bool) -> tuple[Choice, ...]:
    key = (model.__name__, municipality.id, municipality.created_at, retired)
    now = time.monotonic()
    stamp = _stamp(municipality)
    cached = _cache.get(key)
    if cached is not None and stamp is not None and cached[2] == stamp:
        return cached[1]
    if cached is not None and stamp is None and now - cached[0] < SECONDS:
        return cached[1]
    query = select(model.id, model.slug, model.name).where(model.municipality_id == municipality.id)
    if not retired:
        query = query.where(model.retired.is_(False))
    rows = db.session.execute(query.order_by(model.position)).all()
    choices = tuple(Choice(*row) for row in rows)
    _cache[key] = (now, choices, stamp)
    return choices


def themes(municipality: Municipality, retired: bool = False) -> tuple[Choice, ...]:
    """The municipality's themes, in their order; the retired ones too when asked (filters)."""
    return _choices(Theme, municipality, retired)


def target_groups(municipality: Municipality, retired: bool = False) -> tuple[Choice, ...]:
    """The municipality's target groups, in their order; the retired ones too when asked."""
    return _choices(TargetGroup, municipality, retired)


def forget() -> None:
    """Drop every cached list (after themes or target groups were changed)."""
    _cache.clear()
