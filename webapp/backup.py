"""`flask --app wsgi db backup PATH` and `db restore PATH`.

SQLite: the online backup API (a consistent copy while the app keeps running; the restore
copies the file back page by page into the live database). PostgreSQL: `pg_dump` in its custom
format and `pg_restore --clean`, for the schema the app uses (the search_path of DATABASE_URL,
or public).
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask_migrate.cli import db as db_cli
from sqlalchemy import make_url

from webapp.extensions import db


def _sqlite_path() -> str:
    return db.engine.url.database


def _libpq(url) -> tuple[str, list[str]]:
    """A libpq connection string and the pg_dump schema option of a SQLAlchemy URL."""
    options = url.query.get("options", "")
    schema = None
    for part in (options if isinstance(options, str) else " ".join(options)).split():
        if part.startswith("-csearch_path="):
            schema = part.split("=", 1)[1].split(",")[0]
    plain = url.set(drivername="postgresql").difference_update_query(["options"])
    return plain.render_as_string(hide_password=False), (["--schema", schema] if schema else [])


def backup_database(path: Path) -> None:
    """Write a consistent copy of the app's database to `path`."""
    url = db.engine.url
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path())
        target = sqlite3.connect(path)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    dsn, schema = _libpq(url)
    _run(["pg_dump", "--format=custom", "--no-owner", *schema, "--file", str(path), dsn])


def restore_database(path: Path) -> None:
    """Replace the app's database by the backup at `path`."""
    if not path.is_file():
        raise click.ClickException(f"No backup at {path}.")
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(path)
        target = sqlite3.connect(_sqlite_path())
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    dsn, _ = _libpq(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", dsn, str(path)])


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise click.ClickException(f"{command[0]} is not installed (PostgreSQL client tools).")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise click.ClickException(f"{command[0]} failed: {done.stderr.strip()[:500]}")


@db_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a backup of the database to PATH (SQLite file, or pg_dump custom format)."""
    backup_database(path)
    click.echo(f"Backup written to {path} ({path.stat().st_size} bytes).")


@db_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database by the backup at PATH."""
    where = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string()
    if not yes:
        click.confirm(f"Replace every record in {where} by {path}?", abort=True)
    restore_database(path)
    click.echo(f"Database restored from {path}.")
