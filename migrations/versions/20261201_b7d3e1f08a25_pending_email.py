"""A person may ask to move to a new e-mail address, which waits for the link sent to it.

Revision ID: b7d3e1f08a25
Revises: a4e7c9d2b613
Create Date: 2026-12-01 15:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7d3e1f08a25'
down_revision = 'a4e7c9d2b613'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('pending_email_requested_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('pending_email_requested_at')
        batch_op.drop_column('pending_email')
