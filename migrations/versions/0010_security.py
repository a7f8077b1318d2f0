"""Security and reliability: shared throttle counters, authentication events, the mail outbox
and failed microsite builds

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'throttle_counter',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('last_at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_throttle_counter')),
    )
    op.create_index(
        op.f('ix_throttle_counter_expires_at'), 'throttle_counter', ['expires_at'], unique=False
    )
    op.create_table(
        'auth_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('address', sa.String(length=64), nullable=True),
        sa.Column('detail', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['user_account.id'],
            name=op.f('fk_auth_event_user_id_user_account'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_event')),
    )
    op.create_index(op.f('ix_auth_event_user_id'), 'auth_event', ['user_id'], unique=False)
    op.create_index('ix_auth_event_email_created', 'auth_event', ['email', 'created_at'])
    op.create_table(
        'outbox_mail',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('message_id', sa.String(length=200), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_outbox_mail_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mail')),
        sa.UniqueConstraint('message_id', name=op.f('uq_outbox_mail_message_id')),
    )
    op.create_index('ix_outbox_mail_due', 'outbox_mail', ['sent_at', 'next_attempt_at'])
    op.create_table(
        'site_build_failure',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.String(length=500), nullable=False),
        sa.Column('failed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_site_build_failure_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_site_build_failure')),
    )
    op.create_table(
        'two_factor',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('secret', sa.String(length=64), nullable=False),
        sa.Column('last_step', sa.Integer(), nullable=False),
        sa.Column('enabled_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['user_account.id'],
            name=op.f('fk_two_factor_user_id_user_account'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_two_factor')),
    )
    op.create_table(
        'recovery_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=255), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'],
            ['user_account.id'],
            name=op.f('fk_recovery_code_user_id_user_account'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code')),
    )
    op.create_index(op.f('ix_recovery_code_user_id'), 'recovery_code', ['user_id'], unique=False)
    op.create_table(
        'municipality_security',
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('require_two_factor', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_municipality_security_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_municipality_security')),
    )


def downgrade():
    op.drop_table('municipality_security')
    op.drop_index(op.f('ix_recovery_code_user_id'), table_name='recovery_code')
    op.drop_table('recovery_code')
    op.drop_table('two_factor')
    op.drop_table('site_build_failure')
    op.drop_index('ix_outbox_mail_due', table_name='outbox_mail')
    op.drop_table('outbox_mail')
    op.drop_index('ix_auth_event_email_created', table_name='auth_event')
    op.drop_index(op.f('ix_auth_event_user_id'), table_name='auth_event')
    op.drop_table('auth_event')
    op.drop_index(op.f('ix_throttle_counter_expires_at'), table_name='throttle_counter')
    op.drop_table('throttle_counter')
