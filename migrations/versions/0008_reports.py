"""Reports and the supra-local level: a suppression threshold per municipality, referrals of
cards to the network, supra-local files and their feedback

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('suppression_threshold', sa.Integer(), server_default='5', nullable=False)
        )

    op.create_table(
        'supralocal_file',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('idempotency_key', sa.String(length=64), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['created_by_id'], ['user_account.id'],
            name=op.f('fk_supralocal_file_created_by_id_user_account'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_supralocal_file')),
        sa.UniqueConstraint('idempotency_key', name=op.f('uq_supralocal_file_idempotency_key')),
    )
    op.create_table(
        'supralocal_referral',
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('motivation', sa.Text(), nullable=False),
        sa.Column('referred_by_id', sa.Integer(), nullable=True),
        sa.Column('file_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['card_id'], ['signal_card.id'],
            name=op.f('fk_supralocal_referral_card_id_signal_card'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['referred_by_id'], ['user_account.id'],
            name=op.f('fk_supralocal_referral_referred_by_id_user_account'),
        ),
        sa.ForeignKeyConstraint(
            ['file_id'], ['supralocal_file.id'],
            name=op.f('fk_supralocal_referral_file_id_supralocal_file'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('card_id', name=op.f('pk_supralocal_referral')),
    )
    with op.batch_alter_table('supralocal_referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supralocal_referral_file_id'), ['file_id'], unique=False)

    op.create_table(
        'supralocal_feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['file_id'], ['supralocal_file.id'],
            name=op.f('fk_supralocal_feedback_file_id_supralocal_file'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['author_id'], ['user_account.id'],
            name=op.f('fk_supralocal_feedback_author_id_user_account'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_supralocal_feedback')),
    )
    with op.batch_alter_table('supralocal_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supralocal_feedback_file_id'), ['file_id'], unique=False)

    # Plain CREATE INDEX: a batch operation could rebuild `signal` and lose its search triggers.
    op.create_index(
        'ix_signal_report',
        'signal',
        ['municipality_id', 'created_at', 'status', 'organisation_id', 'reinforcement_count', 'id'],
    )
    for table in ('reinforcement', 'supplement', 'feedback'):
        op.create_index(f'ix_{table}_signal_created', table, ['signal_id', 'created_at'])


def downgrade():
    for table in ('reinforcement', 'supplement', 'feedback'):
        op.drop_index(f'ix_{table}_signal_created', table_name=table)
    op.drop_index('ix_signal_report', table_name='signal')
    with op.batch_alter_table('supralocal_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supralocal_feedback_file_id'))
    op.drop_table('supralocal_feedback')
    with op.batch_alter_table('supralocal_referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supralocal_referral_file_id'))
    op.drop_table('supralocal_referral')
    op.drop_table('supralocal_file')
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_column('suppression_threshold')
