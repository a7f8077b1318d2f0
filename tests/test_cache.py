"""The one per-worker cache (webapp/cache.py): reused only under the version it was built under,
capped in bytes by an honest estimate, the least recently used going first, safe across
threads, one store per app."""

import threading
from dataclasses import dataclass

from markupsafe import Markup

from webapp import cache
from webapp.cache import MISSING, Store, size_of


def test_an_entry_is_reused_only_under_its_version():
    store = Store()
    store.put("list", (3, "t"), "rows")
    assert store.get("list", (3, "t")) == "rows"
    assert store.get("list", (4, "t")) is MISSING
    store.put("list", (4, "t"), "new rows")
    assert store.get("list", (3, "t")) is MISSING
    assert store.get("list", (4, "t")) == "new rows"
    assert len(store) == 1


@dataclass
class Figures:
    rows: list
    title: str


def test_sizes_count_what_an_entry_holds():
    megabyte = "x" * 1_000_000
    assert size_of(megabyte) >= 1_000_000
    assert size_of(Markup(megabyte)) >= 1_000_000
    assert size_of(megabyte.encode()) >= 1_000_000
    assert size_of({"a": [megabyte]}) >= 1_000_000
    assert size_of(Figures(rows=[[megabyte[:500_000]], ["y" * 500_000]], title="t")) >= 1_000_000
    shared = "z" * 100_000
    assert size_of([shared, shared]) < 2 * 100_000  # one object counted once


def test_the_store_keeps_within_its_bytes_least_recently_used_first():
    store = Store(max_bytes=1_000_000)
    part = "p" * 300_000
    for name in ("a", "b", "c"):
        store.put(name, 1, name + part)
    assert store.bytes <= 1_000_000
    assert store.get("a", 1) is not MISSING  # now the most recently used
    store.put("d", 1, "d" + part)
    assert store.bytes <= 1_000_000
    assert store.get("b", 1) is MISSING
    assert all(store.get(name, 1) is not MISSING for name in ("a", "c", "d"))
    store.put("huge", 1, "h" * 2_000_000)  # larger than the whole store: not kept
    assert store.get("huge", 1) is MISSING
    assert store.bytes <= 1_000_000


def test_threads_keep_the_count_of_bytes_exact():
    store = Store(max_bytes=200_000)

    def fill(worker: int):
        for number in range(300):
            store.put((worker, number % 40), number, "v" * (1000 + number))
            store.get((worker, (number * 7) % 40), number)

    threads = [threading.Thread(target=fill, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.bytes == sum(entry[2] for entry in store._entries.values())
    assert store.bytes <= 200_000


def test_each_app_has_its_store_of_the_configured_size(app, another_app):
    other = another_app(CACHE_MAX_BYTES=5_000)
    with other.app_context():
        assert cache.store().max_bytes == 5_000
        cache.keep("test", "key", (1, None), "w" * 10_000)
        assert cache.lookup("test", "key", (1, None)) is MISSING
        cache.keep("test", "key", (1, None), "kept")
        assert cache.lookup("test", "key", (1, None)) == "kept"
        cache.keep_many("test", {1: ((1, None), "one"), 2: ((2, None), "two"), 3: (None, "x")})
        wanted = {1: (1, None), 2: (3, None), 3: None, 4: (1, None)}
        assert cache.lookup_many("test", wanted) == {1: "one"}
    with app.app_context():
        assert cache.store().max_bytes == cache.DEFAULT_MAX_BYTES
        assert cache.lookup("test", "key", (1, None)) is MISSING
    cache.forget()
    with other.app_context():
        assert cache.lookup("test", "key", (1, None)) is MISSING
