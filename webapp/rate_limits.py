"""Rate limits that hold across workers: counters in one store every worker shares, the
database by default, Redis when RATELIMIT_STORAGE_URI points at one (`redis://host:6379/0`).

The login throttling (auth/throttle.py) counts here, and so does `limited`, the per-address limit
of a form that sends mail or writes for an anonymous visitor. RATELIMIT_ENABLED switches every
limit off (the tests do, but for the ones that check the limits).
"""

import functools
import hashlib
import time

from flask import abort, current_app, request
from sqlalchemy import delete, select

from webapp.extensions import db
from webapp.models import ThrottleCounter


def digest(value: str) -> str:
    """A short stand-in for an address or an e-mail address in a counter's key."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


class DatabaseStore:
    """Counters in the `throttle_counter` table, written in the request's session: the caller
    commits (a failed login commits its counts and its audit event, and nothing else)."""

    def hit(self, key: str, window: int) -> int:
        now = time.time()
        session = db.session
        table = ThrottleCounter.__table__
        session.execute(
            _upsert(session.connection(), table).values(
                key=key, count=0, last_at=now, expires_at=now + window
            )
        )
        # The row exists now; lock it and count (a window that ended starts again at one).
        row = session.execute(
            select(table.c.count, table.c.expires_at).where(table.c.key == key).with_for_update()
        ).one()
        if row.expires_at <= now:
            values = {"count": 1, "last_at": now, "expires_at": now + window}
        else:
            values = {"count": row.count + 1, "last_at": now}
        session.execute(table.update().where(table.c.key == key).values(**values))
        return values["count"]

    def peek(self, key: str) -> tuple[int, float]:
        """(count, time of the last hit) of a live counter; (0, 0) when there is none."""
        row = db.session.execute(
            select(ThrottleCounter.count, ThrottleCounter.last_at).where(
                ThrottleCounter.key == key, ThrottleCounter.expires_at > time.time()
            )
        ).first()
        return (row.count, row.last_at) if row else (0, 0.0)

    def clear(self, key: str) -> None:
        db.session.execute(delete(ThrottleCounter).where(ThrottleCounter.key == key))

    def purge_expired(self) -> int:
        result = db.session.execute(
            delete(ThrottleCounter).where(ThrottleCounter.expires_at <= time.time())
        )
        return result.rowcount


def _upsert(connection, table):
    """INSERT that leaves an existing row alone (both databases know ON CONFLICT)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing(index_elements=["key"])


class RedisStore:
    """The same counters in Redis: one hash per key with a time to live."""

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url)

    def hit(self, key: str, window: int) -> int:
        name = f"lokaalsignaal:throttle:{key}"
        pipe = self.redis.pipeline()
        pipe.hincrby(name, "count", 1)
        pipe.hset(name, "last_at", repr(time.time()))
        pipe.expire(name, window, nx=True)
        count, _, _ = pipe.execute()
        return int(count)

    def peek(self, key: str) -> tuple[int, float]:
        values = self.redis.hgetall(f"lokaalsignaal:throttle:{key}")
        if not values:
            return (0, 0.0)
        return (int(values[b"count"]), float(values[b"last_at"]))

    def clear(self, key: str) -> None:
        self.redis.delete(f"lokaalsignaal:throttle:{key}")

    def purge_expired(self) -> int:
        return 0  # Redis expires keys itself


def store():
    """The store of the current app (one per app, made on first use)."""
    extensions = current_app.extensions
    if "throttle_store" not in extensions:
        uri = current_app.config.get("RATELIMIT_STORAGE_URI") or ""
        extensions["throttle_store"] = (
            RedisStore(uri) if uri.startswith(("redis://", "rediss://")) else DatabaseStore()
        )
    return extensions["throttle_store"]


def enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def limited(count: int, per_seconds: int, methods: tuple[str, ...] = ("POST",)):
    """A view decorator: from one address, at most `count` requests of these methods within
    `per_seconds`; the next ones are answered 429 until the window ends.

    The count is committed before the view runs: a request the view refuses (a form with
    errors) counts too.
    """

    def decorate(view):
        @functools.wraps(view)
        def limited_view(*args, **kwargs):
            if enabled() and request.method in methods:
                key = f"view:{request.endpoint}:{digest(request.remote_addr or '')}"
                over = store().hit(key, per_seconds) > count
                db.session.commit()
                if over:
                    abort(429)
            return view(*args, **kwargs)

        return limited_view

    return decorate
