"""Report summaries per municipality and Brussels month, and the marks of stale months

Every month that holds a signal, a reinforcement or a supplement is marked stale: the worker
(or the first report that needs it) builds its rows; `flask --app wsgi reports rebuild` builds
them all at once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

"""
import secrets
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BRUSSELS = ZoneInfo("Europe/Brussels")


def _month(moment):
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = moment.replace(tzinfo=UTC).astimezone(BRUSSELS)
    return date(local.year, local.month, 1)


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
        'report_stale',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('token', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'], ['municipality.id'],
            name=op.f('fk_report_stale_municipality_id_municipality'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', 'month', name=op.f('pk_report_stale')),
    )

    op.create_index('ix_reinforcement_created', 'reinforcement', ['created_at'], unique=False)
    op.create_index('ix_supplement_created', 'supplement', ['created_at'], unique=False)

    # Every month with data is stale until built.
    connection = op.get_bind()
    stale = set()
    for query in (
        'SELECT municipality_id, created_at FROM signal',
        'SELECT s.municipality_id, r.created_at FROM reinforcement r '
        'JOIN signal s ON s.id = r.signal_id',
        'SELECT s.municipality_id, x.created_at FROM supplement x '
        'JOIN signal s ON s.id = x.signal_id',
    ):
        for municipality_id, created_at in connection.execute(sa.text(query)):
            stale.add((municipality_id, _month(created_at)))
    table = sa.table(
        'report_stale',
        sa.column('municipality_id', sa.Integer()),
        sa.column('month', sa.Date()),
        sa.column('token', sa.BigInteger()),
    )
    rows = [
        {'municipality_id': m, 'month': month, 'token': secrets.randbits(62)}
        for m, month in sorted(stale)
    ]
    for start in range(0, len(rows), 5000):
        op.bulk_insert(table, rows[start:start + 5000])


def downgrade():
    op.drop_index('ix_supplement_created', table_name='supplement')
    op.drop_index('ix_reinforcement_created', table_name='reinforcement')
    op.drop_table('report_stale')
    op.drop_index('ix_report_feedback_month_filter', table_name='report_feedback_month')
    op.drop_table('report_feedback_month')
    op.drop_index('ix_report_month_filter', table_name='report_month')
    op.drop_table('report_month')
