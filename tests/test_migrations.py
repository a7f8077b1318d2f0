"""The migrations build the whole schema, and take it down again, on a database of their own.

SQLite: a temporary file. PostgreSQL (TEST_DATABASE_URL): a separate schema, reached through
search_path, so the shared test schema is never touched.
"""

import logging
import os
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from webapp import create_app
from webapp.admin.services import create_municipality
from webapp.extensions import db
from webapp.models import Municipality
from webapp.search import include_object

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
MODEL_TABLES = set(db.metadata.tables)


@pytest.fixture
def own_database_url(tmp_path):
    """A database nobody else uses: a fresh SQLite file, or a fresh PostgreSQL schema."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    # Unique per run: two people running the suite against one server must not collide.
    schema = f"migration_check_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def migration_app(own_database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "migration-test",
            "SQLALCHEMY_DATABASE_URI": own_database_url,
            "MAIL_BACKEND": "file",
        }
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def tables() -> set[str]:
    """The tables of the schema, less the search machinery the models do not map."""
    with db.engine.connect() as connection:
        names = inspect(connection).get_table_names()
    return {name for name in names if include_object(None, name, "table", True, None)}


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_object": include_object},
        )
        return compare_metadata(context, db.metadata)


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    heads = script.get_heads()
    assert len(heads) == 1, f"the migrations have branched: {heads}"
    return heads[0]


def test_the_separate_database_is_really_separate(migration_app):
    assert tables() == set()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        assert schema.startswith("migration_check_")


def test_upgrade_downgrade_upgrade(migration_app):
    upgrade()
    assert tables() == MODEL_TABLES | {"alembic_version"}
    assert current_revision() == head_revision()

    downgrade(revision="base")
    assert tables() <= {"alembic_version"}
    assert current_revision() is None

    upgrade()
    assert tables() == MODEL_TABLES | {"alembic_version"}
    assert current_revision() == head_revision()
    assert schema_differences() == []


def test_search_machinery_comes_and_goes_with_its_migration(migration_app):
    upgrade()
    with db.engine.connect() as connection:
        everything = set(inspect(connection).get_table_names())
        columns = {c["name"] for c in inspect(connection).get_columns("signal")}
    if db.engine.dialect.name == "postgresql":
        assert "search_vector" in columns
    else:
        assert "signal_search" in everything
        assert "signal_fts" not in everything
    assert "search_text" in columns
    downgrade(revision="0001")
    with db.engine.connect() as connection:
        everything = set(inspect(connection).get_table_names())
        columns = {c["name"] for c in inspect(connection).get_columns("signal")}
    assert "search_vector" not in columns
    assert not any(name.startswith("signal_fts") for name in everything)


def test_the_migrated_schema_matches_the_models(migration_app):
    upgrade()
    assert schema_differences() == []


def test_the_comparison_does_notice_a_difference(migration_app):
    """Guards the test above: a schema that drifted from the models is reported."""
    upgrade()
    with db.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_signal_municipality_status"))
        connection.execute(text("ALTER TABLE municipality ADD COLUMN stray INTEGER"))
    differences = {diff[0] for diff in schema_differences()}
    assert differences == {"add_index", "remove_column"}


def test_migrating_keeps_the_apps_loggers(migration_app):
    """Alembic's logging set-up must not silence the app's loggers for the rest of the process."""
    upgrade()
    assert not migration_app.logger.disabled
    assert not logging.getLogger("flask_wtf.csrf").disabled


def test_the_migrated_schema_takes_data(migration_app):
    upgrade()
    create_municipality("proefdorp", "Proefdorp")
    db.session.commit()
    place = db.session.scalars(db.select(Municipality)).one()
    assert [t.slug for t in place.themes][:2] == ["wonen", "armoede"]
    assert place.created_at.tzinfo is not None


def test_every_constraint_is_named_by_the_convention(migration_app):
    """Named constraints are what lets later batch migrations on SQLite alter them."""
    upgrade()
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        for table in MODEL_TABLES:
            assert inspector.get_pk_constraint(table)["name"] == f"pk_{table}", table
            for foreign_key in inspector.get_foreign_keys(table):
                assert foreign_key["name"], (table, foreign_key)
                assert foreign_key["name"].startswith(f"fk_{table}_"), foreign_key["name"]
            for unique in inspector.get_unique_constraints(table):
                assert unique["name"], (table, unique)
                assert unique["name"].startswith(f"uq_{table}_"), unique["name"]
