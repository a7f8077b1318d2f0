"""Site state: marks a municipality's public microsite stale when its public data changes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'site_state',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.Integer(), server_default='1', nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_site_state_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_site_state')),
    )


def downgrade():
    op.drop_table('site_state')
