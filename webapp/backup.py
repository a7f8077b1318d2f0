"""`flask --app wsgi db backup PATH` and `db restore PATH`.

SQLite: the online backup API (a consistent copy while the app keeps running; the restore
copies the file back page by page into the live database). PostgreSQL: `pg_dump` in its custom
format and `pg_restore --clean`, for the schema the app uses (the search_path of DATABASE_URL,
or public).

A backup holds password hashes, encrypted TOTP secrets and e-mail addresses: the file is
written readable by its owner only (0600) and, with BACKUP_PASSPHRASE set, encrypted
(AES-256-GCM in 1 MiB chunks, the key derived from the passphrase with scrypt). Its first line
names the schema revision (Alembic) it was made at: a restore refuses a backup of another
revision than the code's, which would otherwise leave a schema the code does not expect.
"""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from pathlib import Path

import click
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate.cli import db as db_cli
from sqlalchemy import make_url

from webapp import secret_box
from webapp.extensions import db

MAGIC = "lokaal-signaal-backup"
FORMAT = 1
CHUNK = 1024 * 1024
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class BackupError(click.ClickException):
    """A backup that cannot be made or restored, said in Dutch and English."""


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


def database_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def code_revision() -> str:
    """The newest migration of this code: the schema a restored database must have."""
    directory = Path(current_app.extensions["migrate"].directory)
    if not directory.is_absolute():
        directory = Path(current_app.root_path).parent / directory
    return ScriptDirectory(str(directory)).get_current_head()


@contextlib.contextmanager
def _private_directory():
    """A directory only this user can read, for the raw dump before it is packed."""
    with tempfile.TemporaryDirectory(prefix="lokaalsignaal-backup-") as name:
        os.chmod(name, 0o700)
        yield Path(name)


def _private_file(path: Path):
    """Open `path` for writing, readable by its owner only, also when it existed before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def _dump(raw: Path) -> None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        _private_file(raw).close()
        source = sqlite3.connect(_sqlite_path())
        target = sqlite3.connect(raw)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    dsn, schema = _libpq(url)
    _run(["pg_dump", "--format=custom", "--no-owner", *schema, "--file", str(raw), dsn])


def _key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        passphrase.encode(), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **SCRYPT
    )


def _chunk_aad(header: bytes, index: int, last: bool) -> bytes:
    # Bound to the header, its place and whether it ends the file: chunks cannot be swapped,
    # dropped or cut off without the restore noticing.
    return header + struct.pack(">Q?", index, last)


def backup_database(path: Path) -> dict:
    """Write a copy of the app's database to `path` (0600, encrypted with a passphrase set)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    passphrase = current_app.config.get("BACKUP_PASSPHRASE") or ""
    header = {
        "format": MAGIC,
        "version": FORMAT,
        "revision": database_revision(),
        "backend": db.engine.url.get_backend_name(),
        "encrypted": bool(passphrase),
    }
    if passphrase:
        header["salt"] = os.urandom(16).hex()
    header_line = (json.dumps(header, sort_keys=True) + "\n").encode()
    with _private_directory() as directory:
        raw = directory / "dump"
        _dump(raw)
        with _private_file(path) as target, raw.open("rb") as source:
            target.write(header_line)
            if not passphrase:
                shutil.copyfileobj(source, target)
            else:
                _encrypt(
                    source, target, _key(passphrase, bytes.fromhex(header["salt"])), header_line
                )
    return header


def _encrypt(source, target, key: bytes, header: bytes) -> None:
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = os.urandom(secret_box.NONCE_BYTES)
        body, tag = secret_box.aes_gcm(True, key, nonce, chunk, _chunk_aad(header, index, last))
        target.write(struct.pack(">I", len(body)) + nonce + body + tag)
        if last:
            return
        index, chunk = index + 1, following


def _decrypt(source, target, key: bytes, header: bytes) -> None:
    index = 0
    while True:
        size_bytes = source.read(4)
        if len(size_bytes) != 4:
            raise BackupError(
                "De back-up is afgebroken of beschadigd. / The backup is truncated or damaged."
            )
        (size,) = struct.unpack(">I", size_bytes)
        nonce = source.read(secret_box.NONCE_BYTES)
        body = source.read(size)
        tag = source.read(secret_box.TAG_BYTES)
        last = source.peek(1) == b"" if hasattr(source, "peek") else False
        try:
            aad = _chunk_aad(header, index, last)
            plain = secret_box.aes_gcm(False, key, nonce, body, aad, tag)
        except secret_box.SecretBoxError as error:
            raise BackupError(
                "De back-up gaat niet open: een verkeerde BACKUP_PASSPHRASE, of het bestand is "
                "beschadigd. / The backup does not open: a wrong BACKUP_PASSPHRASE, or the file "
                "is damaged."
            ) from error
        target.write(plain)
        if last:
            return
        index += 1


def read_header(path: Path) -> tuple[dict, int]:
    """The header of a backup and where its payload starts."""
    with path.open("rb") as source:
        line = source.readline(4096)
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != MAGIC:
        raise BackupError(
            f"{path} is geen back-up van Lokaal Signaal (of een van voor de versiekop). / "
            f"{path} is not a Lokaal Signaal backup (or one made before the version header)."
        )
    return header, len(line)


def restore_database(path: Path) -> None:
    """Replace the app's database by the backup at `path`, if it is of this schema revision."""
    if not path.is_file():
        raise BackupError(f"Geen back-up op {path}. / No backup at {path}.")
    header, offset = read_header(path)
    expected = code_revision()
    if header.get("revision") != expected:
        raise BackupError(
            f"Deze back-up hoort bij schemaversie {header.get('revision')}, deze versie van "
            f"Lokaal Signaal verwacht {expected}: er is niets teruggezet. Zet ze terug met de "
            f"versie die ze maakte en voer daarna `flask db upgrade` uit. / This backup is of "
            f"schema revision {header.get('revision')}, this code expects {expected}: nothing "
            "was restored. Restore it with the release that made it, then run "
            "`flask db upgrade`."
        )
    url = db.engine.url
    if header.get("backend") != url.get_backend_name():
        raise BackupError(
            f"Deze back-up komt van {header.get('backend')}, de database is "
            f"{url.get_backend_name()}. / This backup is of {header.get('backend')}, the "
            f"database is {url.get_backend_name()}."
        )
    passphrase = current_app.config.get("BACKUP_PASSPHRASE") or ""
    if header.get("encrypted") and not passphrase:
        raise BackupError(
            "Deze back-up is versleuteld: zet BACKUP_PASSPHRASE. / This backup is encrypted: "
            "set BACKUP_PASSPHRASE."
        )
    with _private_directory() as directory:
        raw = directory / "dump"
        with path.open("rb") as source, _private_file(raw) as target:
            header_line = source.read(offset)
            if header.get("encrypted"):
                key = _key(passphrase, bytes.fromhex(header["salt"]))
                _decrypt(source, target, key, header_line)
            else:
                shutil.copyfileobj(source, target)
        _load(raw)


def _load(raw: Path) -> None:
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(raw)
        target = sqlite3.connect(_sqlite_path())
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    dsn, _ = _libpq(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", dsn, str(raw)])


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise click.ClickException(f"{command[0]} is not installed (PostgreSQL client tools).")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise click.ClickException(f"{command[0]} failed: {done.stderr.strip()[:500]}")


@db_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a backup of the database to PATH (0600; encrypted when BACKUP_PASSPHRASE is set)."""
    header = backup_database(path)
    state = "encrypted" if header["encrypted"] else "not encrypted (set BACKUP_PASSPHRASE)"
    click.echo(
        f"Backup written to {path} ({path.stat().st_size} bytes, schema revision "
        f"{header['revision']}, {state})."
    )


@db_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database by the backup at PATH (made at this code's schema revision)."""
    where = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string()
    if path.is_file():
        read_header(path)  # refuse a stranger before asking anything
    if not yes:
        click.confirm(f"Replace every record in {where} by {path}?", abort=True)
    restore_database(path)
    click.echo(f"Database restored from {path}.")
