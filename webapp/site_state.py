"""Marks a municipality's public microsite stale whenever data it shows changes.

A listener on every ORM session bumps `site_state.generation` for each municipality touched by a
flush, in the same transaction: a rolled-back change marks nothing, a committed one is never
missed. `sites build --stale` compares the generation with the one it built last. Marking too
much is harmless (the generator skips a site whose public data did not really change); missing a
change is not, so every model the public site reads from, directly or as a count, is listed.
"""

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from webapp.models import (
    Action,
    ActionUpdate,
    Agreement,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Signal,
    SignalCard,
    SiteState,
    TargetGroup,
    Theme,
    User,
    utcnow,
)

# Models that carry their municipality in `municipality_id`. Target groups are not on the public
# site, but the cached lists and forms of the app read the generation too (webapp/fragments.py).
OWNED = (
    Organisation,
    Theme,
    TargetGroup,
    SignalCard,
    Action,
    Meeting,
    Agreement,
    Signal,
    Membership,
)


# What of a user shows next to their signals (`User.shown_name`).
SHOWN = ("name", "erased_at", "processing_restricted")


def municipalities_touched(session: Session) -> set[int]:
    """The municipalities whose public data the pending flush changes."""
    touched: set[int] = set()
    deleted_places: set[int] = set()
    via_action: set[int] = set()
    via_user: set[int] = set()
    via_signals: set[int] = set()
    changed = [(obj, False) for obj in session.new] + [(obj, False) for obj in session.dirty]
    changed += [(obj, True) for obj in session.deleted]
    for obj, deleted in changed:
        if not deleted and obj in session.dirty and not session.is_modified(obj):
            continue
        if isinstance(obj, Municipality):
            (deleted_places if deleted else touched).add(obj.id)
        elif isinstance(obj, OWNED):
            if obj.municipality_id is not None:
                touched.add(obj.municipality_id)
        elif isinstance(obj, ActionUpdate):
            if obj.action_id is not None:
                via_action.add(obj.action_id)
        elif isinstance(obj, User) and obj.id is not None:
            via_user.add(obj.id)
            if deleted or any(inspect(obj).attrs[name].history.has_changes() for name in SHOWN):
                via_signals.add(obj.id)
    connection = session.connection()
    if via_action:
        touched.update(
            connection.scalars(
                select(Action.municipality_id).where(Action.id.in_(via_action))
            ).all()
        )
    if via_user:
        touched.update(
            connection.scalars(
                select(Membership.municipality_id).where(
                    Membership.user_id.in_(via_user), Membership.municipality_id.is_not(None)
                )
            ).all()
        )
    if via_signals:
        # The giver's name on their signals, also where they no longer hold a role.
        touched.update(
            connection.scalars(
                select(Signal.municipality_id)
                .where(Signal.submitted_by_id.in_(via_signals))
                .distinct()
            ).all()
        )
    touched.discard(None)
    return touched - deleted_places


def mark_stale(connection, municipality_ids: set[int]) -> None:
    """Bump the generation of each municipality's site, creating its row when needed."""
    table = SiteState.__table__
    rows = [
        {"municipality_id": mid, "generation": 1, "changed_at": utcnow()}
        for mid in sorted(municipality_ids)
    ]
    dialect = connection.dialect.name
    if dialect in {"sqlite", "postgresql"}:
        if dialect == "sqlite":
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
        return
    for row in rows:  # pragma: no cover - other databases: update, else insert
        result = connection.execute(
            table.update()
            .where(table.c.municipality_id == row["municipality_id"])
            .values(generation=table.c.generation + 1, changed_at=row["changed_at"])
        )
        if result.rowcount == 0:
            connection.execute(table.insert().values(row))


@event.listens_for(Session, "after_flush")
def _mark_sites_stale(session: Session, flush_context) -> None:
    touched = municipalities_touched(session)
    if touched:
        mark_stale(session.connection(), touched)
