"""Full-text search on signals, fast on both databases.

PostgreSQL: a generated `tsvector` column with the `dutch` configuration and a GIN index.
SQLite: an FTS5 table kept in step by triggers; it has no Dutch stemmer, so every word is
searched as a prefix ("wachtlijst" also finds "wachtlijsten"). Both are made by migration 0002
and are invisible to the models, hence `include_object` for Alembic's comparisons.
"""

import re

from sqlalchemy import Select, func, literal_column, select, table, text
from sqlalchemy.orm import object_session

from webapp.models import Signal

MAX_TERMS = 8


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the search machinery out of Alembic's model-to-schema comparison."""
    if type_ == "table" and name.startswith("signal_fts"):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name == "ix_signal_search_vector")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:MAX_TERMS]


def matching(query: Select, text: str, dialect: str) -> Select:
    """Narrow a query of signals to those matching every word of `text`."""
    words = _words(text)
    if not words:
        return query
    if dialect == "postgresql":
        vector = literal_column("signal.search_vector")
        return query.where(vector.op("@@")(func.plainto_tsquery("dutch", " ".join(words))))
    fts = table("signal_fts")
    expression = " ".join(f'"{word}"*' for word in words)
    hits = (
        select(literal_column("rowid"))
        .select_from(fts)
        .where(literal_column("signal_fts").op("MATCH")(expression))
    )
    return query.where(Signal.id.in_(hits))


def reindex_signal(signal: Signal) -> None:
    """Bring the index in step with a signal whose text changed, leaving nothing of the old
    text in it (call after the change is flushed).

    PostgreSQL computes the tsvector from the row itself. SQLite's triggers replace the row in
    FTS5, but FTS5 keeps the old terms in its segments, behind a delete marker, until they are
    merged: 'optimize' merges every segment now, so the removed words are really gone.
    """
    session = object_session(signal)
    if session is None or session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text("INSERT INTO signal_fts(signal_fts) VALUES ('optimize')"))
