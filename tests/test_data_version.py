"""Every write to a cached table moves its municipality's data version (webapp/data_version.py),
however it is issued: an ORM flush, a Core `insert()`, `update()` or `delete()`, or raw SQL.
Each write here is a transaction of its own: PostgreSQL moves a version once per transaction."""

from datetime import date

import pytest
from sqlalchemy import delete, insert, text, update

from webapp.data_version import CACHED_TABLES, SHOWN_USER_COLUMNS
from webapp.extensions import db
from webapp.models import Role, SignalStatus

# Deleting a municipality deletes its version. A person can only be deleted once nothing names
# them any more: their memberships and signals went first, and moved the version.
UNCHECKED_DELETES = {"user_account"}


def version(connection, municipality_id: int) -> int:
    return (
        connection.execute(
            text("SELECT generation FROM site_state WHERE municipality_id = :id"),
            {"id": municipality_id},
        ).scalar_one_or_none()
        or 0
    )


def table(name: str):
    return db.metadata.tables[name]


def moves(municipality_id: int, statement) -> bool:
    """Whether this statement, committed in a transaction of its own, moves the version."""
    with db.engine.begin() as connection:
        before = version(connection, municipality_id)
        connection.execute(statement)
    with db.engine.connect() as connection:
        return version(connection, municipality_id) > before


@pytest.fixture
def world(app, make):
    """A municipality with at least one row in every cached table, and a second one with its
    own; the rows the factories do not make are inserted with Core statements, and each insert
    is checked to move the version."""
    place = make.municipality()
    other = make.municipality()
    organisation = make.organisation(place)
    giver = make.user(Role.GIVER, place, organisation=organisation, name="Wendy Wachtlijst")
    signal = make.signal(place, giver, status=SignalStatus.CLOSED, themes=("jeugd",))
    card = make.card(place, signals=(signal,))
    action = make.action(place)
    meeting = make.meeting(place)
    agreement = make.agreement(place, organisation)
    make.signal(other, make.user(Role.GIVER, other))
    theme_id = make.theme_id(place)
    rows = {
        "privacy_text": {"municipality_id": place.id, "kind": "k", "version": "1", "body": "b"},
        "reinforcement": {"signal_id": signal.id, "user_id": giver.id},
        "supplement": {"signal_id": signal.id, "body": "b", "idempotency_key": "k"},
        "feedback": {"signal_id": signal.id, "body": "b"},
        "follow": {"signal_id": signal.id, "user_id": giver.id},
        "card_theme": {"card_id": card.id, "theme_id": theme_id},
        "card_action": {"card_id": card.id, "action_id": action.id},
        "meeting_card": {"meeting_id": meeting.id, "card_id": card.id},
        "meeting_signal": {"meeting_id": meeting.id, "signal_id": signal.id},
        "action_update": {"action_id": action.id, "happened_on": date.today(), "body": "b"},
        "policy_decision": {
            "municipality_id": place.id,
            "card_id": card.id,
            "decided_on": date.today(),
            "taken_by": "College",
            "body": "b",
        },
        "signal_referral": {"signal_id": signal.id, "organisation_id": organisation.id},
        "agreement_version": {
            "agreement_id": agreement.id,
            "number": 1,
            "title": "t",
            "status": "active",
            "engagement": 1,
        },
    }
    with app.app_context():
        for name, row in rows.items():
            assert moves(place.id, insert(table(name)).values(row)), f"an insert into {name}"
    with app.app_context(), db.engine.connect() as connection:
        counts = {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in CACHED_TABLES
        }
    assert all(counts.values()), counts
    return place, other, giver


def _touch(name: str, how: str):
    """An update of every row of the table: a shown column of a person really changes, every
    other table's rows are written with their own values."""
    columns = table(name).c
    column = columns.get("title", columns.get("name", next(iter(table(name).primary_key))))
    if how == "raw sql":
        value = "name || '.'" if name == "user_account" else column.name
        return text(f'UPDATE "{name}" SET {column.name} = {value}')
    value = columns.name + "." if name == "user_account" else column
    return update(table(name)).values({column.name: value})


@pytest.mark.parametrize("how", ["core", "raw sql"])
def test_every_update_moves_the_version(app, world, how):
    place, _, _ = world
    with app.app_context():
        for name in CACHED_TABLES:
            assert moves(place.id, _touch(name, how)), f"an update of {name} ({how})"


@pytest.mark.parametrize("how", ["core", "raw sql"])
def test_every_delete_moves_the_version(app, world, how):
    place, _, _ = world
    order = [t.name for t in reversed(db.metadata.sorted_tables)]
    with app.app_context():
        with db.engine.begin() as connection:
            # What is not cached but points at cached rows goes first, as a cascade would.
            for name in order:
                if name not in CACHED_TABLES and name != "site_state":
                    connection.execute(delete(table(name)))
        for name in order:
            if name not in CACHED_TABLES or name == "municipality":
                continue
            statement = delete(table(name)) if how == "core" else text(f'DELETE FROM "{name}"')
            if name in UNCHECKED_DELETES:
                assert not moves(place.id, statement)
            else:
                assert moves(place.id, statement), f"a delete from {name} ({how})"


def test_a_login_moves_no_version_and_a_new_name_does(app, world):
    place, _, giver = world
    with app.app_context(), db.engine.begin() as connection:
        before = version(connection, place.id)
        connection.execute(
            text("UPDATE user_account SET last_login_at = created_at WHERE id = :id"),
            {"id": giver.id},
        )
        assert version(connection, place.id) == before
        assert set(SHOWN_USER_COLUMNS) <= set(table("user_account").c.keys())
        connection.execute(
            text("UPDATE user_account SET name = 'W. W.' WHERE id = :id"), {"id": giver.id}
        )
        assert version(connection, place.id) == before + 1


def test_a_write_moves_only_its_own_municipalitys_version(app, world):
    place, other, _ = world
    with app.app_context(), db.engine.begin() as connection:
        before, other_before = version(connection, place.id), version(connection, other.id)
        connection.execute(
            text("UPDATE signal SET title = 'Nieuw' WHERE municipality_id = :id"), {"id": place.id}
        )
        assert version(connection, place.id) == before + 1
        assert version(connection, other.id) == other_before


def test_many_writes_in_one_transaction_stay_fast(app, world):
    """A bulk load row by row: on PostgreSQL the version moves once, not once per row."""
    place, _, _ = world
    with app.app_context():
        with db.engine.begin() as connection:
            before = version(connection, place.id)
            statement = text("UPDATE signal SET title = title WHERE municipality_id = :id")
            connection.execute(statement, [{"id": place.id}] * 2000)
            after = version(connection, place.id)
        assert after > before
        if db.engine.dialect.name == "postgresql":
            assert after == before + 1


def test_a_rolled_back_write_moves_nothing(app, world):
    place, _, _ = world
    with app.app_context(), db.engine.connect() as connection:
        before = version(connection, place.id)
        connection.execute(text("UPDATE signal SET title = 'Toch niet'"))
        assert version(connection, place.id) == before + 1
        connection.rollback()
        assert version(connection, place.id) == before
