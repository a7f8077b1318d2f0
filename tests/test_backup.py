"""`db backup` and `db restore`: a backup restored into a fresh database holds every record."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, make_url, select, text

from webapp.extensions import db
from webapp.models import Role, Signal


def _counts(app) -> dict[str, int]:
    with app.app_context():
        counts = {
            table.name: db.session.execute(select(db.func.count()).select_from(table)).scalar_one()
            for table in db.metadata.sorted_tables
        }
        counts["alembic_version"] = db.session.execute(
            text("SELECT count(*) FROM alembic_version")
        ).scalar_one()
        db.session.remove()
    return counts


@pytest.fixture
def fresh_database_url(app, tmp_path):
    """An empty database: a new SQLite file, or a new PostgreSQL database."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if make_url(url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    name = f"restore_check_{uuid.uuid4().hex[:8]}"
    admin = create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_backup_restored_into_a_fresh_database_finds_every_record(
    app, make, another_app, fresh_database_url, tmp_path
):
    place = make.municipality(slug="bewaarstad")
    giver = make.user(Role.GIVER, place)
    make.user(Role.HEAD_PROCESSOR, place)
    for number in range(3):
        make.signal(place, giver, title=f"Bewaard signaal {number}")
    make.card(place, title="Bewaarde fiche", published=True)
    before = _counts(app)
    assert before["signal"] == 3 and before["user_account"] == 2

    path = tmp_path / "backup.dump"
    made = app.test_cli_runner().invoke(args=["db", "backup", str(path)])
    assert made.exit_code == 0, made.output
    assert "Backup written to" in made.output

    fresh = another_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    restored = fresh.test_cli_runner().invoke(args=["db", "restore", "--yes", str(path)])
    assert restored.exit_code == 0, restored.output

    assert _counts(fresh) == before
    with fresh.app_context():
        titles = db.session.scalars(select(Signal.title).order_by(Signal.title)).all()
        db.session.remove()
    assert titles == [f"Bewaard signaal {n}" for n in range(3)]


def test_restore_refuses_a_missing_file(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["db", "restore", "--yes", str(tmp_path / "nergens.dump")]
    )
    assert result.exit_code != 0
    assert "No backup at" in result.output
