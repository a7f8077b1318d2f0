"""Search: one Dutch index over stored, stemmed index terms on both databases

Replaces 0002's search (a tsvector of the raw text on PostgreSQL, an external-content FTS5 table
on SQLite) with one built from `search_text`, the index terms that webapp/search.py computes,
on signals and on signal cards: a `simple` tsvector with a GIN index on PostgreSQL, a
contentless FTS5 table kept in step by triggers on SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BATCH = 2000


# Each indexed table, its text fields, and its SQLite FTS5 table.
INDEXED = [
    ('signal', ('title', 'description'), 'signal_search'),
    ('signal_card', ('title', 'summary'), 'signal_card_search'),
]


def upgrade():
    with op.batch_alter_table('signal', schema=None) as batch_op:
        batch_op.create_index('ix_signal_municipality_id', ['municipality_id', 'id'], unique=False)
    drop_raw_text_search()
    for name, fields, fts in INDEXED:
        op.add_column(name, sa.Column('search_text', sa.Text(), server_default='', nullable=False))
        fill_search_text(name, fields)
        create_term_search(name, fts)


def downgrade():
    for name, _, fts in INDEXED:
        drop_term_search(name, fts)
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('search_text')
    create_raw_text_search()
    with op.batch_alter_table('signal', schema=None) as batch_op:
        batch_op.drop_index('ix_signal_municipality_id')


def fill_search_text(name, fields):
    from webapp.search import index_terms

    connection = op.get_bind()
    rows_of = sa.table(name, sa.column('id'), *(sa.column(field) for field in fields))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(rows_of).where(rows_of.c.id > last).order_by(rows_of.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            sa.text(f"UPDATE {name} SET search_text = :terms WHERE id = :id"),
            [{"id": row.id, "terms": index_terms(*row[1:])} for row in rows],
        )
        last = rows[-1].id


def create_term_search(name, fts):
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE {name} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', search_text)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{name}_search_vector ON {name} USING gin (search_vector)")
        return
    # Contentless: the index holds no copy of the text. Deleting a row needs its old terms,
    # which the triggers have in old.search_text.
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(terms, content='')")
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN "
        f"INSERT INTO {fts}(rowid, terms) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, terms) VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, terms) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, terms) VALUES (new.id, new.search_text); END"
    )
    op.execute(f"INSERT INTO {fts}(rowid, terms) SELECT id, search_text FROM {name}")


def drop_term_search(name, fts):
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX ix_{name}_search_vector")
        op.execute(f"ALTER TABLE {name} DROP COLUMN search_vector")
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER {fts}_{trigger}")
    op.execute(f"DROP TABLE {fts}")


# 0002's search, as it was: dropped on the way up, rebuilt on the way down.

def drop_raw_text_search():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_signal_search_vector")
        op.execute("ALTER TABLE signal DROP COLUMN search_vector")
        return
    for trigger in ("signal_fts_insert", "signal_fts_delete", "signal_fts_update"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE signal_fts")


def create_raw_text_search():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE signal ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            "(to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_signal_search_vector ON signal USING gin (search_vector)")
        return
    op.execute(
        "CREATE VIRTUAL TABLE signal_fts USING fts5(title, description, content='signal', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER signal_fts_insert AFTER INSERT ON signal BEGIN "
        "INSERT INTO signal_fts(rowid, title, description) "
        "VALUES (new.id, new.title, new.description); END"
    )
    op.execute(
        "CREATE TRIGGER signal_fts_delete AFTER DELETE ON signal BEGIN "
        "INSERT INTO signal_fts(signal_fts, rowid, title, description) "
        "VALUES ('delete', old.id, old.title, old.description); END"
    )
    op.execute(
        "CREATE TRIGGER signal_fts_update AFTER UPDATE OF title, description ON signal BEGIN "
        "INSERT INTO signal_fts(signal_fts, rowid, title, description) "
        "VALUES ('delete', old.id, old.title, old.description); "
        "INSERT INTO signal_fts(rowid, title, description) "
        "VALUES (new.id, new.title, new.description); END"
    )
    op.execute("INSERT INTO signal_fts(signal_fts) VALUES ('rebuild')")
