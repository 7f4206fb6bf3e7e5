"""Challenges, offers and academic profiles get a version, checked by every update (optimistic locking).

Revision ID: a4e7c9d2b613
Revises: 3f9c2d7a51be
Create Date: 2026-12-01 14:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a4e7c9d2b613'
down_revision = '3f9c2d7a51be'
branch_labels = None
depends_on = None

TABLES = ('challenges', 'offers', 'academic_profiles')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
