"""Partnerships: agreement versions and grants, join requests, organisation contacts,
invitations tied to an organisation, last login, retired themes and target groups, personal engagements, meeting invitations, versioned privacy texts

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreement_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('engagement', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_agreement_version_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_agreement_version_author_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_version')),
    sa.UniqueConstraint('agreement_id', 'number', name=op.f('uq_agreement_version_agreement_id_number'))
    )
    op.create_table('join_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('organisation_name', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('engagement', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decision_message', sa.Text(), server_default='', nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_join_request_agreement_id_agreement')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_join_request_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_join_request_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_join_request_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_join_request')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_join_request_idempotency_key'))
    )
    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_join_request_municipality_id'), ['municipality_id'], unique=False)

    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signatories', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('grants_cards', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('grants_actions', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('grants_meetings', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_invitation_organisation_id_organisation'), 'organisation', ['organisation_id'], ['id'])

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('website', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('public_contact', sa.String(length=254), nullable=True))

    for table in ('theme', 'target_group'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('retired', sa.Boolean(), server_default=sa.false(), nullable=False))


    op.create_table('meeting_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('answer', sa.String(length=10), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], name=op.f('fk_meeting_invitation_invited_by_id_user_account')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_invitation_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_meeting_invitation_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_invitation')),
    sa.UniqueConstraint('meeting_id', 'user_id', name=op.f('uq_meeting_invitation_meeting_id_user_id'))
    )
    with op.batch_alter_table('meeting_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_invitation_user_id'), ['user_id'], unique=False)

    op.create_table('user_engagement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_user_engagement_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_engagement_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_engagement')),
    sa.UniqueConstraint('user_id', 'municipality_id', 'kind', name=op.f('uq_user_engagement_user_id_municipality_id_kind'))
    )
    with op.batch_alter_table('user_engagement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_engagement_municipality_id'), ['municipality_id'], unique=False)


    op.create_table('privacy_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_privacy_text_author_id_user_account')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_privacy_text_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_text')),
    sa.UniqueConstraint('municipality_id', 'kind', 'version', name=op.f('uq_privacy_text_municipality_id_kind_version'))
    )
    with op.batch_alter_table('privacy_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_text_municipality_id'), ['municipality_id'], unique=False)


def downgrade():
    with op.batch_alter_table('privacy_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_text_municipality_id'))

    op.drop_table('privacy_text')

    with op.batch_alter_table('user_engagement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_engagement_municipality_id'))

    op.drop_table('user_engagement')
    with op.batch_alter_table('meeting_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_invitation_user_id'))

    op.drop_table('meeting_invitation')

    for table in ('target_group', 'theme'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('retired')

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('public_contact')
        batch_op.drop_column('website')

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitation_organisation_id_organisation'), type_='foreignkey')
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('organisation_id')

    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('grants_meetings')
        batch_op.drop_column('grants_actions')
        batch_op.drop_column('grants_cards')
        batch_op.drop_column('signatories')

    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_join_request_municipality_id'))

    op.drop_table('join_request')
    op.drop_table('agreement_version')
