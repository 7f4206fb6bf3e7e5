"""Stored matches, dismissed suggestions and matching runs.

Revision ID: ef79474cda69
Revises: 47707e555142
Create Date: 2026-11-28 10:20:53.711475

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ef79474cda69'
down_revision = '47707e555142'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('matching_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('full', 'item', name='matching_run_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('matches', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_runs'))
    )
    with op.batch_alter_table('matching_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matching_runs_started_at'), ['started_at'], unique=False)

    op.create_table('match_dismissals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('side', sa.Enum('challenge', 'target', name='dismissal_side', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.Enum('offer', 'academic', name='match_target', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_match_dismissals_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_match_dismissals_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_dismissals')),
    sa.UniqueConstraint('side', 'challenge_id', 'target_type', 'target_id', name='one_per_pair')
    )
    with op.batch_alter_table('match_dismissals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_dismissals_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index('ix_match_dismissals_target', ['target_type', 'target_id'], unique=False)

    op.create_table('matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.Enum('offer', 'academic', name='match_target', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('academic_id', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('components', sa.JSON(), nullable=False),
    sa.Column('shared_terms', sa.JSON(), nullable=False),
    sa.Column('shared_sdgs', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('supporting', sa.JSON(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(target_type = 'offer' AND offer_id IS NOT NULL AND academic_id IS NULL) OR (target_type = 'academic' AND academic_id IS NOT NULL AND offer_id IS NULL)", name=op.f('ck_matches_one_target')),
    sa.ForeignKeyConstraint(['academic_id'], ['users.id'], name=op.f('fk_matches_academic_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_matches_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_matches_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matches')),
    sa.UniqueConstraint('challenge_id', 'academic_id', name='challenge_academic'),
    sa.UniqueConstraint('challenge_id', 'offer_id', name='challenge_offer')
    )
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matches_academic_id'), ['academic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matches_offer_id'), ['offer_id'], unique=False)



def downgrade():
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matches_offer_id'))
        batch_op.drop_index(batch_op.f('ix_matches_academic_id'))

    op.drop_table('matches')
    with op.batch_alter_table('match_dismissals', schema=None) as batch_op:
        batch_op.drop_index('ix_match_dismissals_target')
        batch_op.drop_index(batch_op.f('ix_match_dismissals_challenge_id'))

    op.drop_table('match_dismissals')
    with op.batch_alter_table('matching_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matching_runs_started_at'))

    op.drop_table('matching_runs')
