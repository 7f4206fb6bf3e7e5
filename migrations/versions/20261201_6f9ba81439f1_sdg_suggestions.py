"""The suggester's goals for each challenge, offer, profile and initiative (sdg_suggestions), back-filled by
`flask suggest-sdgs`; the people's confirmed tags stay in the items' own link tables.

Revision ID: 6f9ba81439f1
Revises: 35baa7076c1b
Create Date: 2026-12-01 21:57:29.182104

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6f9ba81439f1'
down_revision = '35baa7076c1b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sdg_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_kind', sa.String(length=12), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('goal', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('targets', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("item_kind IN ('challenge', 'offer', 'profile', 'initiative')", name=op.f('ck_sdg_suggestions_item_kind')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_sdg_suggestions_confidence')),
    sa.ForeignKeyConstraint(['goal'], ['sdgs.number'], name=op.f('fk_sdg_suggestions_goal_sdgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sdg_suggestions')),
    sa.UniqueConstraint('item_kind', 'item_id', 'goal', name=op.f('uq_sdg_suggestions_item_kind'))
    )


def downgrade():
    op.drop_table('sdg_suggestions')
