"""Where a text is stored: every text column of every table, the search machinery included."""

from sqlalchemy import String, Text, func, select, text

from webapp.extensions import db


def _model_columns(needle: str) -> list[str]:
    places = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | Text):
                continue
            query = (
                select(func.count())
                .select_from(table)
                .where(func.lower(column).contains(needle.lower(), autoescape=True))
            )
            if db.session.scalar(query):
                places.append(f"{table.name}.{column.name}")
    return places


def _sqlite_everywhere(needle: str) -> list[str]:
    """Every column of every real table, FTS5's shadow tables too, searched as bytes.

    FTS5 stores terms lower-cased and prefix-compressed against the term before them, so the
    blobs are searched for the (lower-case) needle without its first two characters.
    """
    places = []
    tail = needle.lower()[2:].encode()
    tables = db.session.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ).scalars()
    for table in list(tables):
        columns = [row[1] for row in db.session.execute(text(f'PRAGMA table_info("{table}")'))]
        for column in columns:
            found = db.session.scalar(
                text(
                    f'SELECT count(*) FROM "{table}" '
                    f'WHERE instr(CAST("{column}" AS BLOB), :tail) > 0'
                ),
                {"tail": tail},
            )
            if found:
                places.append(f"{table}.{column}")
    return places


def _postgresql_everywhere(needle: str) -> list[str]:
    """Every column of every table in the schema, cast to text (the tsvector included)."""
    places = []
    columns = db.session.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
    ).all()
    for table, column in columns:
        found = db.session.scalar(
            text(f'SELECT count(*) FROM "{table}" WHERE strpos(lower("{column}"::text), :n) > 0'),
            {"n": needle.lower()},
        )
        if found:
            places.append(f"{table}.{column}")
    return places


def stored_anywhere(app, needle: str) -> list[str]:
    """Every table.column holding `needle`: the models' text columns, then the whole database."""
    with app.app_context():
        places = set(_model_columns(needle))
        if db.engine.dialect.name == "sqlite":
            places |= set(_sqlite_everywhere(needle))
        else:
            places |= set(_postgresql_everywhere(needle))
        db.session.remove()
        return sorted(places)
