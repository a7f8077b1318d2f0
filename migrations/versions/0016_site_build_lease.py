"""Site build leases: two workers side by side never build the same public site at once

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'site_build_lease',
        sa.Column('site', sa.String(length=80), nullable=False),
        sa.Column('holder', sa.String(length=120), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('site', name=op.f('pk_site_build_lease')),
    )


def downgrade():
    op.drop_table('site_build_lease')
