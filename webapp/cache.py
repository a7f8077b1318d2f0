"""The one per-worker cache: what a worker keeps between requests, capped in bytes, reused only
under the data version it was built under.

Every entry carries a version: a municipality's data version (webapp/data_version.py), which the
database moves with every write to a table any cache reads, however the write is issued, or
`NO_DATA` for what depends on no data at all (the navigation). An entry is reused only while its
version is the one the caller reads now, so a kept value is as exact as a fresh one: the data it
was built from is at least as new as that version, and the first request after a change builds
it again. A request that itself wrote before rendering keeps nothing under the version it read
at its start (`wrote_data`).

Each app instance has its own store (`init_app`): one per worker, and two apps in one process
(tests) behave as two workers. A store holds at most `CACHE_MAX_BYTES` (64 MB by default), by an
estimate of each entry's size; the least recently used entries go first.
"""

import re
import sys
import threading
import types
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

from webapp.data_version import CACHED_TABLES

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
NO_DATA = ("no data",)
MISSING = object()
WRITTEN_TABLE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I
)
SKIPPED = (type, types.ModuleType, types.FunctionType, types.MethodType)
T = TypeVar("T")


def size_of(value) -> int:
    """An estimate of the memory `value` holds: its own size and that of everything it holds
    (containers, attributes of objects), each object counted once."""
    seen: set[int] = set()
    stack = [value]
    total = 0
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, SKIPPED):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, str | bytes | bytearray | int | float | bool | None):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            stack.extend(getattr(item, "__dict__", {}).values())
            for slot in getattr(type(item), "__slots__", ()):
                if hasattr(item, slot):
                    stack.append(getattr(item, slot))
    return total


class Store:
    """A thread-safe LRU of (version, value) entries capped in bytes."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Hashable, object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def get(self, key: Hashable, version: Hashable):
        """The value kept under `key` if it was built under `version`, else MISSING."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return MISSING
            self._entries.move_to_end(key)
            return entry[1]

    def get_many(self, wanted: dict[Hashable, Hashable]) -> dict:
        """{key: value} of the keys of `wanted` ({key: version}) kept under that version."""
        found = {}
        with self._lock:
            for key, version in wanted.items():
                entry = self._entries.get(key)
                if entry is not None and entry[0] == version:
                    self._entries.move_to_end(key)
                    found[key] = entry[1]
        return found

    def put(self, key: Hashable, version: Hashable, value) -> None:
        self.put_many({key: (version, value)})

    def put_many(self, entries: dict[Hashable, tuple[Hashable, object]]) -> None:
        """Keep each {key: (version, value)}."""
        sized = {
            key: (version, value, size_of(key) + size_of(value))
            for key, (version, value) in entries.items()
        }
        with self._lock:
            for key, entry in sized.items():
                old = self._entries.pop(key, None)
                if old is not None:
                    self.bytes -= old[2]
                if entry[2] <= self.max_bytes:
                    self._entries[key] = entry
                    self.bytes += entry[2]
            while self.bytes > self.max_bytes:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


_stores: weakref.WeakSet = weakref.WeakSet()


def init_app(app: Flask) -> None:
    """Give this app (this worker) its store."""
    own = Store(app.config.get("CACHE_MAX_BYTES", DEFAULT_MAX_BYTES))
    app.extensions["cache"] = own
    _stores.add(own)


def store() -> Store:
    """The current app's store."""
    return current_app.extensions["cache"]


def wrote_data() -> bool:
    """Whether this request wrote anything yet: then the version it read is older than what it
    sees, and nothing it builds may be kept under that version."""
    return has_request_context() and g.get("wrote_data", False)


def lookup(kind: str, key: Hashable, version: Hashable):
    """The value kept for (kind, key) under `version`, else MISSING."""
    if version is None or wrote_data():
        return MISSING
    return store().get((kind, key), version)


def keep(kind: str, key: Hashable, version: Hashable, value) -> None:
    """Keep `value` for (kind, key), built from data at least as new as `version`."""
    if version is None or wrote_data():
        return
    store().put((kind, key), version, value)


def lookup_many(kind: str, wanted: dict[Hashable, Hashable]) -> dict:
    """{key: value} of the keys of `wanted` ({key: version}) kept for this kind under that
    version (None: never)."""
    if wrote_data():
        return {}
    full = {(kind, key): version for key, version in wanted.items() if version is not None}
    return {key: value for (_, key), value in store().get_many(full).items()}


def keep_many(kind: str, entries: dict[Hashable, tuple[Hashable, object]]) -> None:
    """Keep each {key: (version, value)} for this kind, as `keep` does."""
    if wrote_data():
        return
    store().put_many({(kind, key): entry for key, entry in entries.items() if entry[0] is not None})


def kept(kind: str, key: Hashable, version: Hashable, build: Callable[[], T]) -> T:
    """What `build` makes for (kind, key), from the store while `version` is unchanged. Shared
    between requests: never change what it returns. No version (None): built every time."""
    value = lookup(kind, key, version)
    if value is MISSING:
        value = build()
        keep(kind, key, version, value)
    return value


def forget() -> None:
    """Drop everything every app of this process keeps (tests)."""
    for each in list(_stores):
        each.clear()


@event.listens_for(Engine, "before_cursor_execute")
def _note_write(connection, cursor, statement, parameters, context, executemany):
    """A request that writes a table some cache reads keeps nothing more (`wrote_data`); its
    writes elsewhere (summaries, counters, the outbox) change nothing kept."""
    if not has_request_context() or g.get("wrote_data"):
        return
    written = WRITTEN_TABLE.match(statement)
    if written is not None and written.group(1).lower() in CACHED_TABLES:
        g.wrote_data = True
