"""Academics choose whether they are suggested to organisations (yes for every existing profile).

Revision ID: 3f9c2d7a51be
Revises: 1d2838c19c3a
Create Date: 2026-12-01 09:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '3f9c2d7a51be'
down_revision = '1d2838c19c3a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('academic_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suggest_to_organisations', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('academic_profiles', schema=None) as batch_op:
        batch_op.drop_column('suggest_to_organisations')
