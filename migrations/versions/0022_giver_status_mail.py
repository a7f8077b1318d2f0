"""Givers' e-mail about their signals: at every status change, in a daily digest, or none

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-07

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None

# Plain ALTER TABLE on both databases: a batch copy of `membership` on SQLite would trip the
# data-version triggers that name it (migration 0015).


def upgrade():
    op.execute(
        "ALTER TABLE membership ADD COLUMN status_mail VARCHAR(20) DEFAULT 'immediate' NOT NULL"
    )
    moment = "DATETIME" if op.get_bind().dialect.name == "sqlite" else "TIMESTAMP WITHOUT TIME ZONE"
    op.execute(f"ALTER TABLE membership ADD COLUMN last_status_digest_at {moment}")


def downgrade():
    op.execute("ALTER TABLE membership DROP COLUMN last_status_digest_at")
    op.execute("ALTER TABLE membership DROP COLUMN status_mail")
