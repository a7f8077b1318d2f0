"""TOTP secrets encrypted at rest (AES-256-GCM, rotatable keys: webapp/secret_box.py);
authentication event kinds up to 40 characters (password_reset_requested)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

The keys come from the app's configuration (SECRET_BOX_KEYS, or the key derived from
SECRET_KEY): run the migration with the same settings as the app. The downgrade decrypts.
"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from webapp import secret_box


# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

two_factor = sa.table(
    "two_factor", sa.column("user_id", sa.Integer), sa.column("secret", sa.String)
)


def _context(user_id):
    return f"two_factor:{user_id}"


def _rewrite(change):
    connection = op.get_bind()
    rows = connection.execute(sa.select(two_factor.c.user_id, two_factor.c.secret)).all()
    for user_id, secret in rows:
        new = change(user_id, secret)
        if new != secret:
            connection.execute(
                two_factor.update().where(two_factor.c.user_id == user_id).values(secret=new)
            )


def upgrade():
    with op.batch_alter_table("auth_event") as batch_op:
        batch_op.alter_column(
            "kind", existing_type=sa.String(length=20), type_=sa.String(length=40)
        )
    with op.batch_alter_table("two_factor") as batch_op:
        batch_op.alter_column(
            "secret", existing_type=sa.String(length=64), type_=sa.String(length=255)
        )
    keys = secret_box.keys_from_config(current_app.config)
    _rewrite(
        lambda user_id, secret: secret
        if secret_box.is_sealed(secret)
        else secret_box.seal(secret, _context(user_id), keys)
    )


def downgrade():
    keys = secret_box.keys_from_config(current_app.config)
    _rewrite(
        lambda user_id, secret: secret_box.open_sealed(secret, _context(user_id), keys)
        if secret_box.is_sealed(secret)
        else secret
    )
    with op.batch_alter_table("two_factor") as batch_op:
        batch_op.alter_column(
            "secret", existing_type=sa.String(length=255), type_=sa.String(length=64)
        )
    # Kinds longer than the old column cannot stay: they were added with this revision.
    op.execute(sa.text("DELETE FROM auth_event WHERE length(kind) > 20"))
    with op.batch_alter_table("auth_event") as batch_op:
        batch_op.alter_column(
            "kind", existing_type=sa.String(length=40), type_=sa.String(length=20)
        )
