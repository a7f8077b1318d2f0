"""Rendered page parts (and a list's counts) of a municipality, kept per worker
(webapp/cache.py) under its data version.

The request reads the municipality's data version together with the municipality before
anything else (`load_municipality` in webapp/__init__.py), so what is built here is at least as
new as that version. The key says everything else the part depends on (filters, page, what this
class of viewer may see); a part that depends on the viewer personally does not belong here.
Nothing is kept for a municipality without a version yet.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import g, request
from markupsafe import Markup

from webapp import cache

T = TypeVar("T")


def _place_key(name: str, key: tuple) -> tuple:
    municipality = g.municipality
    return (municipality.id, municipality.created_at, request.script_root, name, key)


def cached(name: str, key: tuple, build: Callable[[], str]) -> Markup:
    """The part `build` renders for this municipality and key, kept while its data is
    unchanged."""
    return kept(name, key, lambda: Markup(build()))


def kept(name: str, key: tuple, build: Callable[[], T]) -> T:
    """What `build` makes for this municipality and key (a rendered part, or figures such as
    counts), kept while its data is unchanged. Shared between requests: never change it."""
    if g.get("municipality") is None:
        return build()
    return cache.kept("fragment", _place_key(name, key), g.get("data_version"), build)


def cached_part(name: str, key, macro, *args) -> Markup:
    """For templates: what `macro(*args)` renders, kept like `cached` under `name` and `key` (a
    list of what else the part depends on)."""
    return cached(name, tuple(key), lambda: macro(*args))


def unversioned_part(name: str, key, macro, *args) -> Markup:
    """For templates: a part that reads no data (the navigation: links by role and page), kept
    whatever the data version; the municipality's address is in the key."""
    municipality = g.municipality
    full_key = (municipality.id, municipality.slug, request.script_root, name, tuple(key))
    return cache.kept("part", full_key, cache.NO_DATA, lambda: Markup(macro(*args)))


def forget() -> None:
    """Drop everything kept (tests)."""
    cache.forget()
