"""Report summaries per municipality and Brussels month, the state each signal contributed, and
the marks of stale signals

Every signal is marked stale: the worker (or the first report that needs it) adds its
contribution and keeps it in report_signal_state; `flask --app wsgi reports rebuild` does it
all at once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'report_month',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('filter_dimension', sa.String(length=20), nullable=False),
        sa.Column('filter_id', sa.Integer(), nullable=False),
        sa.Column('dimension', sa.String(length=20), nullable=False),
        sa.Column('key_id', sa.Integer(), nullable=False),
        sa.Column('key_text', sa.String(length=20), nullable=False),
        sa.Column('signals', sa.Integer(), nullable=False),
        sa.Column('reinforcements', sa.Integer(), nullable=False),
        sa.Column('supplements', sa.Integer(), nullable=False),
        sa.Column('reached_card', sa.Integer(), nullable=False),
        sa.Column('reached_action', sa.Integer(), nullable=False),
        sa.Column('reached_meeting', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'], ['municipality.id'],
            name=op.f('fk_report_month_municipality_id_municipality'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'municipality_id', 'month', 'filter_dimension', 'filter_id', 'dimension', 'key_id',
            'key_text', name=op.f('pk_report_month'),
        ),
    )
    op.create_index(
        'ix_report_month_filter', 'report_month',
        ['filter_dimension', 'filter_id', 'dimension', 'month'], unique=False,
    )
    op.create_table(
        'report_feedback_month',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('filter_dimension', sa.String(length=20), nullable=False),
        sa.Column('filter_id', sa.Integer(), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('signals', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'], ['municipality.id'],
            name=op.f('fk_report_feedback_month_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'municipality_id', 'month', 'filter_dimension', 'filter_id', 'hours',
            name=op.f('pk_report_feedback_month'),
        ),
    )
    op.create_index(
        'ix_report_feedback_month_filter', 'report_feedback_month',
        ['filter_dimension', 'filter_id', 'month'], unique=False,
    )
    op.create_table(
        'report_signal_state',
        sa.Column('signal_id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'], ['municipality.id'],
            name=op.f('fk_report_signal_state_municipality_id_municipality'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('signal_id', name=op.f('pk_report_signal_state')),
    )
    op.create_index(
        op.f('ix_report_signal_state_municipality_id'), 'report_signal_state',
        ['municipality_id'], unique=False,
    )
    op.create_table(
        'report_stale',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('signal_id', sa.Integer(), nullable=False),
        sa.Column('token', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'], ['municipality.id'],
            name=op.f('fk_report_stale_municipality_id_municipality'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', 'signal_id', name=op.f('pk_report_stale')),
    )

    # Every signal is stale until its contribution is added.
    op.execute(
        sa.text(
            'INSERT INTO report_stale (municipality_id, signal_id, token) '
            'SELECT municipality_id, id, :token FROM signal'
        ).bindparams(token=secrets.randbits(62))
    )


def downgrade():
    op.drop_table('report_stale')
    op.drop_index(op.f('ix_report_signal_state_municipality_id'), table_name='report_signal_state')
    op.drop_table('report_signal_state')
    op.drop_index('ix_report_feedback_month_filter', table_name='report_feedback_month')
    op.drop_table('report_feedback_month')
    op.drop_index('ix_report_month_filter', table_name='report_month')
    op.drop_table('report_month')
