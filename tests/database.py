"""Emptying the test database between tests, and putting a saved set of rows back.

Most tests leave rows in a handful of the tables only, so one query first asks which tables
hold any: only those are emptied. On PostgreSQL that is a DELETE rather than a TRUNCATE (which
costs a new file per table, over a hundred milliseconds per test), followed by putting back to
its start every sequence that moved, as TRUNCATE ... RESTART IDENTITY did.
"""

from datetime import datetime

from sqlalchemy import Connection, Integer, insert, select, text

from webapp.extensions import db


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def tables_with_rows(connection: Connection) -> set[str]:
    """The names of the app's tables that hold at least one row, in one query."""
    names = [table.name for table in db.metadata.sorted_tables]
    probes = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM {_quoted(name)})" for name in names
    )
    return {row[0] for row in connection.execute(text(probes))}


def _restart_moved_sequences(connection: Connection) -> None:
    """Every sequence of the current schema that handed out a value starts again."""
    connection.execute(
        text(
            "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)"
            " FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        )
    )


def empty_tables(connection: Connection) -> dict[str, int]:
    """Delete every row of the app's tables, children before parents; returns how many rows
    each emptied table had."""
    filled = tables_with_rows(connection)
    deleted = {}
    for table in reversed(db.metadata.sorted_tables):
        if table.name in filled:
            deleted[table.name] = connection.execute(table.delete()).rowcount
    if connection.dialect.name == "postgresql":
        _restart_moved_sequences(connection)
    return deleted


class Emptier:
    """Empties the tables after each test. On PostgreSQL a deleted row stays in its table as a
    dead row until a VACUUM, and the machine's PostgreSQL runs without autovacuum: a whole run
    would leave tens of thousands of them behind for every scan to read. So once the rows
    deleted since the last VACUUM add up to `VACUUM_AFTER`, the tables they came from are
    vacuumed (milliseconds for tables this small)."""

    VACUUM_AFTER = 5_000

    def __init__(self):
        self.dead: dict[str, int] = {}

    def __call__(self, engine) -> None:
        with engine.begin() as connection:
            deleted = empty_tables(connection)
        if engine.dialect.name != "postgresql":
            return
        for name, count in deleted.items():
            self.dead[name] = self.dead.get(name, 0) + count
        if sum(self.dead.values()) < self.VACUUM_AFTER:
            return
        names = ", ".join(_quoted(name) for name in sorted(self.dead))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"VACUUM {names}"))
        self.dead.clear()


class Snapshot:
    """Every row of the app's tables as they are now, to be written back into an empty
    database: a world built once through the app's services, then restored per test in a few
    bulk inserts instead of being built again."""

    def __init__(self, connection: Connection):
        filled = tables_with_rows(connection)
        self.rows = {
            table: [dict(row) for row in connection.execute(select(table)).mappings()]
            for table in db.metadata.sorted_tables
            if table.name in filled
        }

    def restore(self, connection: Connection, now: datetime) -> None:
        """Write the rows back, parents before children. The sites' data clock
        (`site_state.changed_at`) is set to `now`, as the writes of a fresh build would set it:
        what the app keeps per worker under the old stamp is never taken for this data."""
        versions = None
        for table, rows in self.rows.items():
            if table.name == "site_state":
                versions = table, [{**row, "changed_at": now} for row in rows]
                continue
            connection.execute(insert(table), rows)
        if versions is not None:
            # The database's triggers moved the data versions while the rows went back in:
            # the saved versions replace what they wrote.
            table, rows = versions
            connection.execute(table.delete())
            connection.execute(insert(table), rows)
        if connection.dialect.name == "postgresql":
            self._move_sequences_past_rows(connection)

    def _move_sequences_past_rows(self, connection: Connection) -> None:
        """Each restored table's sequence goes on after its highest id (setval of NULL, for a
        table without one, is NULL)."""
        for table in self.rows:
            keys = list(table.primary_key.columns)
            if len(keys) != 1 or not isinstance(keys[0].type, Integer):
                continue
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, :column), "
                    f"(SELECT max({_quoted(keys[0].name)}) FROM {_quoted(table.name)}))"
                ),
                {"table": _quoted(table.name), "column": keys[0].name},
            )
