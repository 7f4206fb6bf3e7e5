"""Coordinators' private notes on proposals.

Revision ID: c5e2a8d41f07
Revises: b7d1e5f3a920
Create Date: 2026-12-01 15:30:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c5e2a8d41f07'
down_revision = 'b7d1e5f3a920'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('coordinator_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_coordinator_notes_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_coordinator_notes_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinator_notes'))
    )
    with op.batch_alter_table('coordinator_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinator_notes_proposal_id'), ['proposal_id'], unique=False)


def downgrade():
    with op.batch_alter_table('coordinator_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordinator_notes_proposal_id'))

    op.drop_table('coordinator_notes')
