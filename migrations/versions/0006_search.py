"""Search: one Dutch index over stored, stemmed index terms on both databases

Replaces 0002's search (a tsvector of the raw text on PostgreSQL, an external-content FTS5 table
on SQLite) with one built from `signal.search_text`, the index terms that webapp/search.py
computes: a `simple` tsvector with a GIN index on PostgreSQL, a contentless FTS5 table kept in
step by triggers on SQLite.

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade():
    drop_raw_text_search()
    op.add_column('signal', sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    fill_search_text()
    create_term_search()


def downgrade():
    drop_term_search()
    with op.batch_alter_table('signal', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    create_raw_text_search()


def fill_search_text():
    from webapp.search import index_terms

    connection = op.get_bind()
    signal = sa.table('signal', sa.column('id'), sa.column('title'), sa.column('description'))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(signal.c.id, signal.c.title, signal.c.description)
            .where(signal.c.id > last)
            .order_by(signal.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            sa.text("UPDATE signal SET search_text = :terms WHERE id = :id"),
            [{"id": row.id, "terms": index_terms(row.title, row.description)} for row in rows],
        )
        last = rows[-1].id


def create_term_search():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE signal ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', search_text)) STORED"
        )
        op.execute("CREATE INDEX ix_signal_search_vector ON signal USING gin (search_vector)")
        return
    # Contentless: the index holds no copy of the text. Deleting a row needs its old terms,
    # which the triggers have in old.search_text.
    op.execute("CREATE VIRTUAL TABLE signal_search USING fts5(terms, content='')")
    op.execute(
        "CREATE TRIGGER signal_search_insert AFTER INSERT ON signal BEGIN "
        "INSERT INTO signal_search(rowid, terms) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER signal_search_delete AFTER DELETE ON signal BEGIN "
        "INSERT INTO signal_search(signal_search, rowid, terms) "
        "VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER signal_search_update AFTER UPDATE OF search_text ON signal BEGIN "
        "INSERT INTO signal_search(signal_search, rowid, terms) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO signal_search(rowid, terms) VALUES (new.id, new.search_text); END"
    )
    op.execute("INSERT INTO signal_search(rowid, terms) SELECT id, search_text FROM signal")


def drop_term_search():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_signal_search_vector")
        op.execute("ALTER TABLE signal DROP COLUMN search_vector")
        return
    for trigger in ("signal_search_insert", "signal_search_delete", "signal_search_update"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE signal_search")


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
