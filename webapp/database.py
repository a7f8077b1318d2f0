"""SQLite connection settings: WAL, foreign keys, a busy timeout, and write-intent transactions."""

import sqlite3

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

# Registers the session listener that marks a municipality's public site stale whenever its
# public data changes, for every session of the app, the CLI and the scripts alike (importing
# anything of `webapp` imports this module).
from webapp import site_state  # noqa: F401
from webapp.reports import stale  # noqa: F401  (marks signals stale in the report summaries)

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy emit BEGIN itself (below) instead of the driver's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # Deleted and overwritten rows (redacted texts, erased people) are zeroed in their pages
    # rather than left behind in the file, where no query would see them but a copy would.
    cursor.execute("PRAGMA secure_delete = FAST")
    cursor.close()
    # SQLite's own lower() folds ASCII only: "CRÈCHE" would not match "crèche".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection):
    if connection.dialect.name != "sqlite":
        return
    # A request that will write takes the write lock up front, so that a read turning into a
    # write cannot fail with SQLITE_BUSY halfway through.
    writes = has_request_context() and request.method not in READ_METHODS
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
