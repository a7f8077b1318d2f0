"""A municipality's themes and target groups as plain choices, kept per worker.

Every submit form and list needs them on every request, and they change only when a
municipality is set up: loading them as ORM objects each time cost more than rendering them.
Kept in the one per-worker store (webapp/cache.py) under the municipality's id and creation time
(so a test database that reuses an id never sees another municipality's list) and its data
version (webapp/data_version.py): adding, renaming or retiring a term moves that version, so
the next request reads the new list, in every worker. On a municipality's pages the request read
the version already; elsewhere it is read here. A new signal is offered only the terms in use;
the filters also know the retired ones, which stay on old signals.
"""

from typing import NamedTuple

from flask import g, has_request_context
from sqlalchemy import select

from webapp import cache, data_version
from webapp.extensions import db
from webapp.models import Municipality, TargetGroup, Theme


class Choice(NamedTuple):
    id: int
    slug: str
    name: str


def _version(municipality: Municipality):
    """The request's data version when it is this municipality's, else the one of now."""
    if has_request_context() and g.get("municipality") is municipality:
        return g.get("data_version")
    return data_version.of(municipality.id)


def _choices(model, municipality: Municipality, retired: bool) -> tuple[Choice, ...]:
    def load() -> tuple[Choice, ...]:
        query = select(model.id, model.slug, model.name).where(
            model.municipality_id == municipality.id
        )
        if not retired:
            query = query.where(model.retired.is_(False))
        return tuple(Choice(*row) for row in db.session.execute(query.order_by(model.position)))

    key = (model.__name__, municipality.id, municipality.created_at, retired)
    return cache.kept("vocabulary", key, _version(municipality), load)


def themes(municipality: Municipality, retired: bool = False) -> tuple[Choice, ...]:
    """The municipality's themes, in their order; the retired ones too when asked (filters)."""
    return _choices(Theme, municipality, retired)


def target_groups(municipality: Municipality, retired: bool = False) -> tuple[Choice, ...]:
    """The municipality's target groups, in their order; the retired ones too when asked."""
    return _choices(TargetGroup, municipality, retired)
