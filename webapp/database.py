"""SQLite connection settings: WAL, foreign keys, a busy timeout, and write-intent transactions;
for a database server, a check of every pooled connection that sat unused for a while, the
first read of a request outside a transaction, and transactions that only read ended so that the
driver keeps its prepared statements."""

import contextlib
import sqlite3
import time

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.pool import Pool

from webapp.extensions import db
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
def _begin(connection):
    if connection.dialect.name != "sqlite":
        connection.info["only_reads"] = True
        return
    # A request that will write takes the write lock up front, so that a read turning into a
    # write cannot fail with SQLITE_BUSY halfway through.
    writes = has_request_context() and request.method not in READ_METHODS
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# A connection that served a request less than this long ago is taken as it is. Checking each
# one on every checkout (`pool_pre_ping`) cost a round trip per request; a server that went away
# is still noticed on a connection that idled, and one that fails mid-request is dropped by the
# pool and answered with the "even niet bereikbaar" page (webapp/errors.py).
PING_AFTER_IDLE_SECONDS = 5.0


@event.listens_for(Pool, "checkin")
def _note_checkin(dbapi_connection, connection_record):
    connection_record.info["checked_in_at"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _ping_after_idle(dbapi_connection, connection_record, connection_proxy):
    if isinstance(dbapi_connection, sqlite3.Connection):
        return  # a file: nothing can go away between two requests
    checked_in = connection_record.info.get("checked_in_at")
    if checked_in is None or time.monotonic() - checked_in < PING_AFTER_IDLE_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as error:
        # The pool drops this connection and tries a fresh one.
        raise DisconnectionError() from error


# psycopg prepares a statement on a connection after its fifth run (the server then skips
# parsing and planning it: 0.08 instead of 0.4 ms of server CPU for the query before every
# municipality page), but forgets every prepared statement on ROLLBACK. Read requests end their
# transaction with a rollback, so nothing ever stayed prepared. A transaction that ran nothing
# but SELECT statements ends the same with COMMIT: it wrote nothing, and its locks and snapshot
# go either way.


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(connection, cursor, statement, parameters, context, executemany):
    if connection.info.get("only_reads") and statement.lstrip()[:6].upper() != "SELECT":
        connection.info["only_reads"] = False


@event.listens_for(Engine, "rollback")
def _end_reads_with_commit(connection):
    if connection.dialect.driver != "psycopg" or connection.invalidated:
        return  # what follows is psycopg's
    try:
        only_reads = connection.info.pop("only_reads", False)
    except SQLAlchemyError:
        # The server went away and the connection was invalidated during this transaction:
        # reading `info` would try to reconnect and raise PendingRollbackError out of the
        # rollback, which turned the Dutch 503 into a 500 (issue 18). The rollback goes on.
        return
    if not only_reads:
        return
    driver = connection.dialect.loaded_dbapi
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection.info.transaction_status != driver.pq.TransactionStatus.INTRANS:
        return  # idle (nothing ran) or failed: the rollback that follows is the right end
    with contextlib.suppress(driver.Error):
        # The rollback that follows then finds nothing to do; if the commit failed, the
        # rollback meets the same broken connection and reports it.
        dbapi_connection.commit()


def first_row_before_transaction(statement, parameters):
    """The first row of a read that comes before anything else of the request, with its ORM
    objects in the session. On a database server the read runs outside a transaction
    (autocommit): one round trip instead of three (BEGIN, the query, ROLLBACK). The request's
    own statements then begin a transaction as usual."""
    session = db.session()
    if session.in_transaction() or session.get_bind().dialect.name == "sqlite":
        return session.execute(statement, parameters).unique().first()
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    try:
        row = session.execute(statement, parameters).unique().first()
    except Exception:
        session.rollback()  # the error itself is what the request answers (webapp/errors.py)
        raise
    # Ends the autocommit "transaction" (no round trip) and hands the connection back with its
    # isolation level reset; the objects read stay loaded.
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire_on_commit
    return row
