"""One name once per municipality for themes and target groups, whatever its case or spacing

Each row gets `name_key` (the name with single spaces, case-folded) and a unique index on
(municipality_id, name_key) refuses a second "Mobiliteit" or "mobiliteit " in the same
municipality, also when two people add it at the same moment. Existing duplicates keep their
rows (signals point at them) and get a distinct name: the later one is called "Name (2)".

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

TABLES = ("theme", "target_group")


def _name(name):
    return " ".join((name or "").split())


def _key(name):
    return _name(name).casefold()


def _backfill(connection, table_name):
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer),
        sa.column("municipality_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
    )
    rows = connection.execute(
        sa.select(table.c.id, table.c.municipality_id, table.c.name).order_by(table.c.id)
    ).all()
    taken = {(municipality, _key(name)) for _, municipality, name in rows}
    seen = set()
    for row_id, municipality, name in rows:
        name = _name(name)
        key = _key(name)
        if (municipality, key) in seen:
            number = 2
            while (municipality, _key(f"{name} ({number})")) in taken:
                number += 1
            name = f"{name[: 80 - len(str(number)) - 3]} ({number})"
            key = _key(name)
            taken.add((municipality, key))
        seen.add((municipality, key))
        connection.execute(
            table.update().where(table.c.id == row_id).values(name=name, name_key=key)
        )


def upgrade():
    connection = op.get_bind()
    for table_name in TABLES:
        # A plain ADD COLUMN and CREATE INDEX: no table copy on SQLite, so the data-version
        # triggers of migration 0015 stay in place.
        op.add_column(table_name, sa.Column("name_key", sa.String(length=255), nullable=True))
        _backfill(connection, table_name)
        op.create_index(
            f"uq_{table_name}_municipality_name_key",
            table_name,
            ["municipality_id", "name_key"],
            unique=True,
        )


def downgrade():
    for table_name in TABLES:
        op.drop_index(f"uq_{table_name}_municipality_name_key", table_name=table_name)
        op.drop_column(table_name, "name_key")
