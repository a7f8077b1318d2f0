"""How requests use a database server's connections (webapp/database.py): the read before the
view runs outside a transaction, a transaction that only read ends with COMMIT so the driver
keeps its prepared statements, and a transaction that wrote is still rolled back entirely."""

import pytest
from sqlalchemy import event, func, make_url, select, text

from webapp.database import first_row_before_transaction
from webapp.extensions import db
from webapp.models import Municipality, Organisation


def _organisations(name: str) -> int:
    return db.session.scalar(select(func.count()).where(Organisation.name == name))


def _server_only(app):
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() != "postgresql":
        pytest.skip("prepared statements and autocommit are a database server's matter")


def test_a_transaction_that_wrote_is_rolled_back_entirely(app, make):
    place = make.municipality()
    with app.app_context():
        db.session.execute(select(Municipality).where(Municipality.id == place.id)).one()
        db.session.add(Organisation(municipality_id=place.id, name="Teruggedraaid"))
        db.session.flush()
        db.session.execute(select(Municipality)).all()  # reads after the write
        db.session.rollback()
        assert _organisations("Teruggedraaid") == 0


def test_the_read_before_the_view_leaves_the_request_transactional(app, make):
    place = make.municipality()
    statement = select(Municipality).where(Municipality.slug == place.slug)
    with app.test_request_context(f"/{place.slug}/signalen"):
        row = first_row_before_transaction(statement, {})
        assert row[0].slug == place.slug
        db.session.add(Organisation(municipality_id=row[0].id, name="Niet bewaard"))
        db.session.flush()
        db.session.rollback()
        assert _organisations("Niet bewaard") == 0
        assert row[0].name == place.name  # still loaded, not expired by the read's commit
        db.session.remove()


def test_the_read_before_the_view_runs_outside_a_transaction(app, make):
    _server_only(app)
    place = make.municipality()
    statements = []

    def note(connection, cursor, statement, *args):
        status = connection.connection.dbapi_connection.info.transaction_status
        statements.append((statement.split()[0], status.name))

    with app.test_request_context(f"/{place.slug}/signalen"):
        event.listen(db.engine, "after_cursor_execute", note)
        try:
            first_row_before_transaction(
                select(Municipality).where(Municipality.slug == place.slug), {}
            )
            db.session.execute(select(Municipality.id)).all()
        finally:
            event.remove(db.engine, "after_cursor_execute", note)
            db.session.remove()
    # After each statement: no transaction open after the first (autocommit: no BEGIN, no
    # ROLLBACK), the usual transaction for the second.
    assert statements == [("SELECT", "IDLE"), ("SELECT", "INTRANS")]
    with app.test_request_context(f"/{place.slug}/signalen"):
        first_row_before_transaction(select(Municipality), {})
        connection = db.session.connection().connection.dbapi_connection
        assert connection.autocommit is False
        db.session.remove()


def test_a_transaction_that_only_read_keeps_the_prepared_statements(app, make):
    _server_only(app)
    place = make.municipality()
    with app.app_context():
        held = [db.engine.connect() for _ in range(3)]  # a pool of several connections
        for connection in held:
            connection.close()
        for _ in range(6):  # psycopg prepares a statement from its fifth run on
            db.session.execute(select(Municipality).where(Municipality.id == place.id)).one()
            db.session.rollback()
        prepared = db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
        db.session.remove()
    assert prepared >= 1


def test_a_failed_statement_is_rolled_back_and_the_connection_serves_on(app, make):
    _server_only(app)
    with app.app_context():
        db.session.execute(select(Municipality)).all()
        with pytest.raises(Exception, match="nergens"):
            db.session.execute(text("SELECT * FROM nergens"))
        db.session.rollback()
        assert db.session.scalar(text("SELECT 1")) == 1
        db.session.remove()
