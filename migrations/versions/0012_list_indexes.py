"""Lists that stay fast: the signal indexes carry the id of their order (keyset pagination),
the most-reinforced order gets its own, and the organisation filter one

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    # Plain DROP/CREATE INDEX: a batch operation could rebuild `signal` and lose its search
    # triggers.
    op.drop_index('ix_signal_municipality_created', table_name='signal')
    op.create_index(
        'ix_signal_municipality_created', 'signal', ['municipality_id', 'created_at', 'id']
    )
    op.drop_index('ix_signal_municipality_reinforcements', table_name='signal')
    op.create_index(
        'ix_signal_municipality_reinforcements',
        'signal',
        ['municipality_id', 'reinforcement_count', 'created_at', 'id'],
    )
    op.create_index(
        'ix_signal_municipality_organisation',
        'signal',
        ['municipality_id', 'organisation_id', 'created_at', 'id'],
    )


def downgrade():
    op.drop_index('ix_signal_municipality_organisation', table_name='signal')
    op.drop_index('ix_signal_municipality_reinforcements', table_name='signal')
    op.create_index(
        'ix_signal_municipality_reinforcements', 'signal', ['municipality_id', 'reinforcement_count']
    )
    op.drop_index('ix_signal_municipality_created', table_name='signal')
    op.create_index('ix_signal_municipality_created', 'signal', ['municipality_id', 'created_at'])
