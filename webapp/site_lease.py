"""Leases on building a public site: two workers side by side never build the same one at once.

One row per site (a municipality's slug, or the overview's key) names the worker that builds it
and when that lease runs out. Taking leases is one statement, INSERT ... ON CONFLICT DO UPDATE
WHERE the lease ran out, so the database decides who wins however many workers ask at once; the
winner gets the site back from RETURNING. A worker that dies holding a lease blocks the site only
until it expires.
"""

import os
import secrets
import socket
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from webapp.extensions import db
from webapp.models import SiteBuildLease, utcnow

# Far longer than building one round's sites takes: a lease must never run out mid-build.
LEASE_SECONDS = 600


def new_holder() -> str:
    """A name for this worker, unique across hosts and restarts."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


def _insert():
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(SiteBuildLease.__table__)


def take(
    sites: list[str], holder: str, seconds: int = LEASE_SECONDS, now: datetime | None = None
) -> list[str]:
    """Lease the `sites` nobody else holds (or whose lease ran out); returns those taken."""
    if not sites:
        return []
    now = now or utcnow()
    table = SiteBuildLease.__table__
    # In a fixed order: two workers asking for overlapping sets then lock rows in the same order.
    rows = [
        {"site": site, "holder": holder, "expires_at": now + timedelta(seconds=seconds)}
        for site in sorted(set(sites))
    ]
    statement = _insert().values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.site],
        set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
        where=(table.c.expires_at <= now) | (table.c.holder == holder),
    ).returning(table.c.site)
    # A short transaction of its own, whatever the session is doing: the lease is visible to
    # the other workers as soon as it is taken.
    with db.engine.begin() as connection:
        return sorted(connection.scalars(statement).all())


def release(sites: list[str], holder: str) -> None:
    """Give back the leases this holder took."""
    if not sites:
        return
    table = SiteBuildLease.__table__
    with db.engine.begin() as connection:
        connection.execute(delete(table).where(table.c.site.in_(sites), table.c.holder == holder))


def held_by_others(holder: str, now: datetime | None = None) -> set[str]:
    """The sites another worker is building now."""
    now = now or utcnow()
    table = SiteBuildLease.__table__
    query = select(table.c.site).where(table.c.holder != holder, table.c.expires_at > now)
    with db.engine.connect() as connection:
        return set(connection.scalars(query).all())
