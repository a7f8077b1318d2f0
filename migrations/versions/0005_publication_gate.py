"""Publication gate: texts a head processor confirmed to hold no personal data

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reviewed_text',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('subject_type', sa.String(length=30), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('text_hash', sa.String(length=64), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['municipality_id'],
            ['municipality.id'],
            name=op.f('fk_reviewed_text_municipality_id_municipality'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reviewed_text')),
        sa.UniqueConstraint(
            'subject_type',
            'subject_id',
            'text_hash',
            name=op.f('uq_reviewed_text_subject_type_subject_id_text_hash'),
        ),
    )
    with op.batch_alter_table('reviewed_text', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_reviewed_text_municipality_id'), ['municipality_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('reviewed_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviewed_text_municipality_id'))
    op.drop_table('reviewed_text')
