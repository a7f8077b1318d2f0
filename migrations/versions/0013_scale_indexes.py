"""Indexes for paths measured at scale (bench/scale.py): the audit log's filter choices and a
person's status changes in "Mijn gegevens"

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_audit_entry_municipality_actor',
        'audit_entry',
        ['municipality_id', 'actor_id'],
        unique=False,
    )
    op.create_index(
        'ix_audit_entry_municipality_action',
        'audit_entry',
        ['municipality_id', 'action'],
        unique=False,
    )
    op.create_index(
        op.f('ix_status_change_changed_by_id'), 'status_change', ['changed_by_id'], unique=False
    )


def downgrade():
    op.drop_index(op.f('ix_status_change_changed_by_id'), table_name='status_change')
    op.drop_index('ix_audit_entry_municipality_action', table_name='audit_entry')
    op.drop_index('ix_audit_entry_municipality_actor', table_name='audit_entry')
