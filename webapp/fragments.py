"""Rendered page parts (and a list's counts) kept per worker while the municipality's data is
unchanged.

Every change to a municipality's data bumps its `site_state.generation` in the same
transaction (webapp/site_state.py); the request reads that stamp together with the
municipality before anything else (`load_municipality` in webapp/__init__.py). A part is reused
only under the same stamp, so it is as exact as a fresh one: the data it was built from is at
least as new as the stamp, and the first request after a change builds it again. The key says
everything else the part depends on (filters, page, what this class of viewer may see); a part
that depends on the viewer personally does not belong here.

Nothing is cached for a municipality without a stamp, nor in a request that itself changed data
before rendering (its stamp is older than what it wrote).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from flask import g, has_request_context, request
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.orm import Session

from webapp.extensions import db

MAX_ENTRIES = 512
T = TypeVar("T")
_parts: OrderedDict = OrderedDict()
_lock = threading.Lock()


def cached(name: str, key: tuple, build: Callable[[], str]) -> Markup:
    """The part `build` renders for this municipality and key, from the cache when unchanged."""
    return kept(name, key, lambda: Markup(build()))


def kept(name: str, key: tuple, build: Callable[[], T]) -> T:
    """What `build` makes for this municipality and key (a rendered part, or figures such as
    counts), from the cache when unchanged. Shared between requests: never change it."""
    stamp = g.get("site_stamp")
    municipality = g.get("municipality")
    if stamp is None or municipality is None or g.get("wrote_data"):
        return build()
    full_key = (
        db.engine.url.render_as_string(),
        municipality.id,
        municipality.created_at,
        request.script_root,
        name,
        key,
    )
    with _lock:
        hit = _parts.get(full_key)
        if hit is not None and hit[0] == stamp:
            _parts.move_to_end(full_key)
            return hit[1]
    built = build()
    with _lock:
        _parts[full_key] = (stamp, built)
        _parts.move_to_end(full_key)
        while len(_parts) > MAX_ENTRIES:
            _parts.popitem(last=False)
    return built


def forget() -> None:
    """Drop every cached part (tests)."""
    with _lock:
        _parts.clear()


@event.listens_for(Session, "after_flush")
def _note_write(session: Session, flush_context) -> None:
    if has_request_context():
        g.wrote_data = True


def cached_part(name: str, key, macro, *args) -> Markup:
    """For templates: what `macro(*args)` renders, kept like `cached` under `name` and `key` (a
    list of what else the part depends on)."""
    return cached(name, tuple(key), lambda: macro(*args))
