"""The report summaries read per municipality (the network's figures, kept per municipality and
added up): indexes that lead with the municipality, so the planner does not walk every
municipality's rows of a filter to find one's

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_report_month_place',
        'report_month',
        ['municipality_id', 'filter_dimension', 'filter_id', 'dimension', 'month'],
        unique=False,
    )
    op.create_index(
        'ix_report_feedback_month_place',
        'report_feedback_month',
        ['municipality_id', 'filter_dimension', 'filter_id', 'month'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_report_feedback_month_place', table_name='report_feedback_month')
    op.drop_index('ix_report_month_place', table_name='report_month')
