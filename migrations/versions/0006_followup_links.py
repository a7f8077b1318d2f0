"""Follow-up links: a private link for a giver without an account to their signal's status

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'followup_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('signal_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['signal_id'],
            ['signal.id'],
            name=op.f('fk_followup_link_signal_id_signal'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_link')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_followup_link_token_hash')),
    )
    with op.batch_alter_table('followup_link', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_followup_link_signal_id'), ['signal_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('followup_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_link_signal_id'))
    op.drop_table('followup_link')
