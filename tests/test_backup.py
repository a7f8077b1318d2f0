"""`db backup` and `db restore`: a backup restored into a fresh database holds every record."""

import json
import os
import stat
import uuid

import pytest
from sqlalchemy import create_engine, make_url, select, text

from webapp import backup
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


def _backup(app, path):
    made = app.test_cli_runner().invoke(args=["db", "backup", str(path)])
    assert made.exit_code == 0, made.output
    return made


def test_a_backup_is_readable_by_its_owner_only(app, make, tmp_path):
    make.user(Role.GIVER, make.municipality(slug="kluisstad"), email="geheim@kluis.example")
    path = tmp_path / "backup.dump"
    path.write_bytes(b"an older file, readable by everyone")
    path.chmod(0o644)
    made = _backup(app, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "not encrypted" in made.output
    assert json.loads(path.read_bytes().split(b"\n", 1)[0])["encrypted"] is False
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # (pg_dump's custom format compresses: nothing to read there either way)
        assert b"geheim@kluis.example" in _payload(path), "plain without a passphrase"


def _payload(path):
    return path.read_bytes().split(b"\n", 1)[1]


def test_with_a_passphrase_the_backup_is_encrypted_and_restores(
    app, make, another_app, fresh_database_url, tmp_path
):
    place = make.municipality(slug="kluisstad")
    make.user(Role.GIVER, place, email="geheim@kluis.example")
    make.signal(place, title="Versleuteld signaal")
    before = _counts(app)
    secure = another_app(BACKUP_PASSPHRASE="een lange zin als wachtwoord")
    path = tmp_path / "backup.enc"
    made = _backup(secure, path)
    assert "encrypted" in made.output and "not encrypted" not in made.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    header = json.loads(path.read_bytes().split(b"\n", 1)[0])
    assert header["encrypted"] is True and header["revision"]
    data = _payload(path)
    assert b"geheim@kluis.example" not in data and b"Versleuteld signaal" not in data
    assert b"SQLite format" not in data and b"PGDMP" not in data

    without = another_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    refused = without.test_cli_runner().invoke(args=["db", "restore", "--yes", str(path)])
    assert refused.exit_code != 0 and "zet BACKUP_PASSPHRASE" in refused.output
    wrong = another_app(SQLALCHEMY_DATABASE_URI=fresh_database_url, BACKUP_PASSPHRASE="fout")
    refused = wrong.test_cli_runner().invoke(args=["db", "restore", "--yes", str(path)])
    assert refused.exit_code != 0 and "verkeerde BACKUP_PASSPHRASE" in refused.output

    right = another_app(
        SQLALCHEMY_DATABASE_URI=fresh_database_url, BACKUP_PASSPHRASE="een lange zin als wachtwoord"
    )
    restored = right.test_cli_runner().invoke(args=["db", "restore", "--yes", str(path)])
    assert restored.exit_code == 0, restored.output
    assert _counts(right) == before


def test_a_damaged_or_cut_encrypted_backup_is_refused(app, another_app, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 4096)  # several chunks: cutting one off is noticed
    secure = another_app(BACKUP_PASSPHRASE="een lange zin als wachtwoord")
    path = tmp_path / "backup.enc"
    _backup(secure, path)
    cut = tmp_path / "cut.enc"
    data = path.read_bytes()
    header_end = data.index(b"\n") + 1
    first_chunk = header_end + 4 + 12 + 4096 + 16
    assert len(data) > first_chunk
    cut.write_bytes(data[:first_chunk])
    refused = secure.test_cli_runner().invoke(args=["db", "restore", "--yes", str(cut)])
    assert refused.exit_code != 0 and "beschadigd" in refused.output


def test_restore_refuses_a_backup_of_another_schema_version(app, another_app, tmp_path):
    path = tmp_path / "backup.dump"
    _backup(app, path)
    header_line, payload = path.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)
    header["revision"] = "0007"
    old = tmp_path / "old.dump"
    old.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    result = app.test_cli_runner().invoke(args=["db", "restore", "--yes", str(old)])
    assert result.exit_code != 0
    assert "Deze back-up hoort bij schemaversie 0007" in result.output
    assert "This backup is of schema revision 0007" in result.output
    assert "nothing was restored" in result.output


def test_restore_refuses_a_file_that_is_no_backup(app, tmp_path):
    stranger = tmp_path / "foto.jpg"
    stranger.write_bytes(b"\xff\xd8\xff\xe0 not a backup")
    result = app.test_cli_runner().invoke(args=["db", "restore", "--yes", str(stranger)])
    assert result.exit_code != 0
    assert "is geen back-up van Lokaal Signaal" in result.output
