"""The register of privacy requests: received, deadline at 30 days, state, handler, answer

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'privacy_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('restricts', sa.Boolean(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=True),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('handled_by_id', sa.Integer(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('reminded_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_privacy_request_municipality_id_municipality'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_privacy_request_user_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['handled_by_id'], ['user_account.id'], name=op.f('fk_privacy_request_handled_by_id_user_account'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_privacy_request_created_by_id_user_account'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_request')),
    )
    for column in ('municipality_id', 'user_id', 'deadline', 'handled_by_id', 'created_by_id'):
        op.create_index(op.f(f'ix_privacy_request_{column}'), 'privacy_request', [column])


def downgrade():
    for column in ('municipality_id', 'user_id', 'deadline', 'handled_by_id', 'created_by_id'):
        op.drop_index(op.f(f'ix_privacy_request_{column}'), table_name='privacy_request')
    op.drop_table('privacy_request')
