"""Privacy rights: restriction and erasure of accounts, e-mail changes, retention settings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('processing_restricted', sa.Boolean(), server_default='0', nullable=False)
        )
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_login_at', sa.DateTime(), nullable=True))

    # Retention unlinks people from closed signals' reinforcements and supplements.
    for table in ('reinforcement', 'supplement'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=True)

    op.create_table(
        'email_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('new_email', sa.String(length=254), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['user_account.id'],
            name=op.f('fk_email_change_user_id_user_account'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_email_change')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_email_change_token_hash')),
    )
    with op.batch_alter_table('email_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_change_user_id'), ['user_id'], unique=False)

    op.create_table(
        'retention_setting',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('contact_email_days', sa.Integer(), nullable=True),
        sa.Column('closed_links_days', sa.Integer(), nullable=True),
        sa.Column('inactive_account_days', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_retention_setting_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_retention_setting')),
    )


def downgrade():
    op.drop_table('retention_setting')
    with op.batch_alter_table('email_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_email_change_user_id'))
    op.drop_table('email_change')
    # Rows unlinked by retention cannot get their person back: they go with the downgrade.
    for table in ('reinforcement', 'supplement'):
        op.execute(f'DELETE FROM {table} WHERE user_id IS NULL')
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
        batch_op.drop_column('erased_at')
        batch_op.drop_column('processing_restricted')
