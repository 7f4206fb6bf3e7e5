"""Sentence embeddings of the texts, made once when a text is saved and read by the index at build time.

Revision ID: d3a9f1c7e5b2
Revises: c8e2f4a6b1d9
Create Date: 2026-12-01 17:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd3a9f1c7e5b2'
down_revision = 'c8e2f4a6b1d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('text_embeddings',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('model', sa.String(length=60), nullable=False),
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_text_embeddings'))
    )


def downgrade():
    op.drop_table('text_embeddings')
