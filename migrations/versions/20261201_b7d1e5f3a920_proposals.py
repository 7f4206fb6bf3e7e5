"""Proposals: the academics on them, their audit events, messages, workspace revisions, documents, indicators.

Revision ID: b7d1e5f3a920
Revises: b7d3e1f08a25
Create Date: 2026-12-01 15:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7d1e5f3a920'
down_revision = 'b7d3e1f08a25'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('proposed', 'accepted', 'declined', 'framing', 'co_creation', 'under_review', 'approved', 'rejected', 'active', 'evaluation', 'completed', 'withdrawn', 'cancelled', name='proposal_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('proposer_side', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('stage_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('problem_statement', sa.Text(), nullable=False),
    sa.Column('action_plan', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint("proposer_side IN ('organisation', 'academic')", name=op.f('ck_proposals_proposer_side')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_proposals_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_proposals_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_stage'), ['stage'], unique=False)

    op.create_table('proposal_academics',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('academic_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['academic_id'], ['users.id'], name=op.f('fk_proposal_academics_academic_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_proposal_academics_offer_id_offers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_academics_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'academic_id', name=op.f('pk_proposal_academics'))
    )
    with op.batch_alter_table('proposal_academics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_academics_academic_id'), ['academic_id'], unique=False)

    op.create_table('proposal_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('uploader_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_documents_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploader_id'], ['users.id'], name=op.f('fk_proposal_documents_uploader_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_documents')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_proposal_documents_storage_key'))
    )
    with op.batch_alter_table('proposal_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_documents_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('from_stage', sa.Enum('proposed', 'accepted', 'declined', 'framing', 'co_creation', 'under_review', 'approved', 'rejected', 'active', 'evaluation', 'completed', 'withdrawn', 'cancelled', name='from_stage', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_stage', sa.Enum('proposed', 'accepted', 'declined', 'framing', 'co_creation', 'under_review', 'approved', 'rejected', 'active', 'evaluation', 'completed', 'withdrawn', 'cancelled', name='to_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('reason_code', sa.String(length=32), nullable=True),
    sa.Column('reason_text', sa.Text(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_proposal_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_events_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_events'))
    )
    with op.batch_alter_table('proposal_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_events_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_events_to_stage'), ['to_stage'], unique=False)

    op.create_table('proposal_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_indicators_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_indicators'))
    )
    with op.batch_alter_table('proposal_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_indicators_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('proposal_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_proposal_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_messages_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_messages'))
    )
    with op.batch_alter_table('proposal_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_messages_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('workspace_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.CheckConstraint("field IN ('problem_statement', 'action_plan')", name=op.f('ck_workspace_revisions_field')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_workspace_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_workspace_revisions_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_revisions'))
    )
    with op.batch_alter_table('workspace_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workspace_revisions_proposal_id'), ['proposal_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workspace_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workspace_revisions_proposal_id'))

    op.drop_table('workspace_revisions')
    with op.batch_alter_table('proposal_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_messages_proposal_id'))

    op.drop_table('proposal_messages')
    with op.batch_alter_table('proposal_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_indicators_proposal_id'))

    op.drop_table('proposal_indicators')
    with op.batch_alter_table('proposal_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_events_to_stage'))
        batch_op.drop_index(batch_op.f('ix_proposal_events_proposal_id'))

    op.drop_table('proposal_events')
    with op.batch_alter_table('proposal_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_documents_proposal_id'))

    op.drop_table('proposal_documents')
    with op.batch_alter_table('proposal_academics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_academics_academic_id'))

    op.drop_table('proposal_academics')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_stage'))
        batch_op.drop_index(batch_op.f('ix_proposals_challenge_id'))

    op.drop_table('proposals')
