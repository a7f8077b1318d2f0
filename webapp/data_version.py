"""A municipality's data version: a counter that moves with every write to its data.

The database moves it itself: triggers on every table in `CACHED_TABLES` (migration 0015) bump
`site_state.generation` of each municipality a write touches, in the same transaction, however
the write is issued (an ORM flush, a bulk `update()` or `delete()`, raw SQL). A rolled-back
change moves nothing; a committed one is never missed. Rows whose municipality is indirect find it
through their signal, card, action or agreement; a person's shown name through their memberships
and their signals.

Two readers: the per-worker caches (webapp/cache.py) reuse an entry only under the version it
was built under, and `sites build --stale` rebuilds a microsite whose version moved since its last
build. The version is (generation, changed_at): the time tells a restored or emptied database,
whose generations start again, from the one that was kept.
"""

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Municipality, SiteState, utcnow

# The tables whose rows a per-worker cache or a microsite shows: a write to any moves the version
# (tests/test_data_version.py writes to each of them every way there is).
CACHED_TABLES = (
    "municipality",
    "organisation",
    "theme",
    "target_group",
    "signal_card",
    "action",
    "meeting",
    "agreement",
    "signal",
    "membership",
    "privacy_text",
    "reinforcement",
    "supplement",
    "feedback",
    "status_change",
    "follow",
    "signal_theme",
    "signal_target_group",
    "card_signal",
    "meeting_signal",
    "card_theme",
    "card_action",
    "meeting_card",
    "action_update",
    "agreement_version",
    "user_account",
    # Issue 21 (migration 0023): decisions on public cards and meetings, a signal's referral.
    "policy_decision",
    "signal_referral",
)
# Of a person, what shows next to their signals and in the lists: a login moves no version.
SHOWN_USER_COLUMNS = (
    "name",
    "email",
    "organisation_id",
    "active",
    "erased_at",
    "processing_restricted",
)

Version = tuple


def of(municipality_id: int) -> Version | None:
    """This municipality's data version now (None before its first write)."""
    row = db.session.execute(
        select(SiteState.generation, SiteState.changed_at).where(
            SiteState.municipality_id == municipality_id
        )
    ).first()
    return None if row is None else tuple(row)


def combined(municipality_ids: tuple[int, ...] | None) -> Version:
    """One version for these municipalities together (None: all of them), which moves when any
    of theirs does."""
    query = select(
        func.coalesce(func.sum(SiteState.generation), 0),
        func.count(),
        func.max(SiteState.changed_at),
    )
    if municipality_ids is not None:
        query = query.where(SiteState.municipality_id.in_(municipality_ids))
    return tuple(db.session.execute(query).one())


def per_place() -> dict[int, Version]:
    """Every municipality with its data version ((None, None) before its first write)."""
    rows = db.session.execute(
        select(Municipality.id, SiteState.generation, SiteState.changed_at).outerjoin(
            SiteState, SiteState.municipality_id == Municipality.id
        )
    )
    return {place: (generation, changed_at) for place, generation, changed_at in rows}


def move(connection, municipality_ids: set[int]) -> None:
    """Move these municipalities' versions by hand: for what a microsite shows from a table
    outside `CACHED_TABLES` (the network's supra-local files)."""
    table = SiteState.__table__
    rows = [
        {"municipality_id": mid, "generation": 1, "changed_at": utcnow()}
        for mid in sorted(municipality_ids)
    ]
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    statement = insert(table).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.municipality_id],
        set_={
            "generation": table.c.generation + 1,
            "changed_at": statement.excluded.changed_at,
        },
    )
    connection.execute(statement)
