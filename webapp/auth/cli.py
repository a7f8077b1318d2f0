"""`flask --app wsgi secrets new-key | rotate | derived-key`: the keys that encrypt TOTP
secrets at rest (webapp/secret_box.py, docs/deployment.md)."""

import click
from flask import current_app
from flask.cli import AppGroup

from webapp import secret_box
from webapp.auth import two_factor
from webapp.extensions import db

secrets_cli = AppGroup("secrets", help="Keys of the secrets encrypted at rest.")


@secrets_cli.command("new-key")
def new_key_command() -> None:
    """Print a fresh random key for SECRET_BOX_KEYS."""
    click.echo(secret_box.new_key())


@secrets_cli.command("derived-key")
def derived_key_command() -> None:
    """Print the key derived from the current SECRET_KEY (the default when SECRET_BOX_KEYS is
    empty): list it after a new key to move away from it."""
    click.echo(secret_box.encode_key(secret_box.derived_key(current_app.config["SECRET_KEY"])))


@secrets_cli.command("rotate")
def rotate_command() -> None:
    """Re-encrypt every TOTP secret with the first key of SECRET_BOX_KEYS."""
    try:
        changed = two_factor.reseal_all()
    except secret_box.SecretBoxError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{changed} secret(s) re-encrypted with the first key.")
