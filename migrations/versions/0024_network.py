"""The network: meeting kinds, account requests, logos, network themes, organisations once

Revision ID: 0024
Revises: 0016
Create Date: 2026-12-07

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    # Meeting kinds: "netwerkbijeenkomst" is called "netwerkmoment" as the seeds do.
    op.execute("UPDATE meeting SET kind = 'netwerkmoment' WHERE kind = 'netwerkbijeenkomst'")


def downgrade():
    # "actiedag" did not exist before: such meetings become a plain "overleg".
    op.execute("UPDATE meeting SET kind = 'overleg' WHERE kind = 'actiedag'")
    op.execute("UPDATE meeting SET kind = 'netwerkbijeenkomst' WHERE kind = 'netwerkmoment'")
