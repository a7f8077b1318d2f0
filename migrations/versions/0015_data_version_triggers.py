"""A municipality's data version (`site_state.generation`) moved by the database itself

Triggers on every table whose rows a per-worker cache or a microsite shows move the version of
each municipality a write touches, however the write is issued: ORM flush, bulk `update()` or
`delete()`, or raw SQL. Rows whose municipality is indirect find it through their signal, card,
action or agreement; a person's shown name through their memberships and their signals.
SQLite runs a trigger per row, PostgreSQL one per statement over its transition tables, and
moves a municipality's version at most once per transaction.

The list of tables is frozen here as it stood at this revision; webapp/data_version.py names the
same tables and tests/test_data_version.py checks each one moves the version.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

DIRECT = "SELECT r.municipality_id FROM {rows} r"


def _via(parent):
    return f'SELECT p.municipality_id FROM {{rows}} r JOIN "{parent}" p ON p.id = r.{{key}}'


SHOWN_USER_COLUMNS = (
    "name",
    "email",
    "organisation_id",
    "active",
    "erased_at",
    "processing_restricted",
)

# table: (the column its rows are found by, the query of the municipalities they touch)
TABLES = {
    "municipality": ("id", "SELECT r.id FROM {rows} r"),
    "organisation": ("municipality_id", DIRECT),
    "theme": ("municipality_id", DIRECT),
    "target_group": ("municipality_id", DIRECT),
    "signal_card": ("municipality_id", DIRECT),
    "action": ("municipality_id", DIRECT),
    "meeting": ("municipality_id", DIRECT),
    "agreement": ("municipality_id", DIRECT),
    "signal": ("municipality_id", DIRECT),
    "membership": ("municipality_id", DIRECT),
    "privacy_text": ("municipality_id", DIRECT),
    "reinforcement": ("signal_id", _via("signal")),
    "supplement": ("signal_id", _via("signal")),
    "feedback": ("signal_id", _via("signal")),
    "status_change": ("signal_id", _via("signal")),
    "follow": ("signal_id", _via("signal")),
    "signal_theme": ("signal_id", _via("signal")),
    "signal_target_group": ("signal_id", _via("signal")),
    "card_signal": ("signal_id", _via("signal")),
    "meeting_signal": ("signal_id", _via("signal")),
    "card_theme": ("card_id", _via("signal_card")),
    "card_action": ("card_id", _via("signal_card")),
    "meeting_card": ("card_id", _via("signal_card")),
    "action_update": ("action_id", _via("action")),
    "agreement_version": ("agreement_id", _via("agreement")),
    "user_account": (
        "id",
        "SELECT m.municipality_id FROM {rows} r JOIN membership m ON m.user_id = r.id"
        ' UNION SELECT s.municipality_id FROM {rows} r JOIN "signal" s ON s.submitted_by_id = r.id',
    ),
}
# A municipality deleted takes its version with it (ON DELETE CASCADE).
EVENTS = {"municipality": ("INSERT", "UPDATE")}
ALL_EVENTS = ("INSERT", "UPDATE", "DELETE")

SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
UPSERT = (
    "INSERT INTO site_state (municipality_id, generation, changed_at)"
    " SELECT id, 1, {now} FROM municipality WHERE id IN ({places}) ORDER BY id"
    " ON CONFLICT (municipality_id) DO UPDATE"
    " SET generation = site_state.generation + 1, changed_at = excluded.changed_at"
)

# PostgreSQL keeps every version of a row a transaction updates, and each update walks them: a
# bulk load that moved the version once per row slowed down without end. One move per
# transaction is all a reader can see; a row this transaction already wrote has its id in xmin.
ONCE_PER_TRANSACTION = " WHERE site_state.xmin::text::bigint <> txid_current() % 4294967296"


def _name(table, event):
    return f"data_version_{table}_{event.lower()}"


def _sqlite_upgrade():
    for table, (key, places) in TABLES.items():
        for event in EVENTS.get(table, ALL_EVENTS):
            sides = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}[event]
            touched = " UNION ".join(
                places.format(rows=f"(SELECT {side}.{key} AS {key})", key=key) for side in sides
            )
            when = ""
            if table == "user_account" and event == "UPDATE":
                columns = ", ".join(SHOWN_USER_COLUMNS)
                changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in SHOWN_USER_COLUMNS)
                event = f"UPDATE OF {columns}"
                when = f" WHEN {changed}"
            op.execute(
                f'CREATE TRIGGER {_name(table, event.split()[0])} AFTER {event} ON "{table}"'
                f"{when} BEGIN {UPSERT.format(now=SQLITE_NOW, places=touched)}; END"
            )


def _postgresql_upgrade():
    op.execute(
        "CREATE FUNCTION data_version_move(places integer[]) RETURNS void LANGUAGE sql AS $$ "
        + UPSERT.format(now="timezone('utc', clock_timestamp())", places="SELECT unnest(places)")
        + ONCE_PER_TRANSACTION
        + " $$"
    )
    for table, (key, places) in TABLES.items():
        changed_users = ""
        if table == "user_account":
            shown = ", ".join(f"n.{c}" for c in SHOWN_USER_COLUMNS)
            before = ", ".join(f"o.{c}" for c in SHOWN_USER_COLUMNS)
            changed_users = (
                "(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id"
                f" WHERE ({shown}) IS DISTINCT FROM ({before}))"
            )
        inserted = places.format(rows="new_rows", key=key)
        deleted = places.format(rows="old_rows", key=key)
        updated = (
            places.format(rows=changed_users, key=key)
            if changed_users
            else f"{inserted} UNION {deleted}"
        )
        op.execute(
            f"CREATE FUNCTION data_version_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" IF TG_OP = 'INSERT' THEN PERFORM data_version_move(ARRAY({inserted}));"
            f" ELSIF TG_OP = 'UPDATE' THEN PERFORM data_version_move(ARRAY({updated}));"
            f" ELSE PERFORM data_version_move(ARRAY({deleted})); END IF;"
            " RETURN NULL; END $$"
        )
        for event in EVENTS.get(table, ALL_EVENTS):
            transition = {
                "INSERT": "NEW TABLE AS new_rows",
                "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
                "DELETE": "OLD TABLE AS old_rows",
            }[event]
            op.execute(
                f'CREATE TRIGGER {_name(table, event)} AFTER {event} ON "{table}"'
                f" REFERENCING {transition} FOR EACH STATEMENT"
                f" EXECUTE FUNCTION data_version_{table}()"
            )


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in reversed(TABLES):
        for event in EVENTS.get(table, ALL_EVENTS):
            on = f' ON "{table}"' if postgresql else ""
            op.execute(f"DROP TRIGGER IF EXISTS {_name(table, event)}{on}")
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS data_version_{table}()")
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS data_version_move(integer[])")
