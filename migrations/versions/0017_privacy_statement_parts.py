"""The privacy statement's parts: each version of a statement keeps the parts it was made of

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite 3.35+ drops a column in place): a batch operation would rebuild
# `privacy_text` and lose its data-version triggers (0015).
def upgrade():
    op.add_column('privacy_text', sa.Column('fields_json', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('privacy_text', 'fields_json')
