"""Initiative imports: the runs of large imports as background jobs, with their progress, counts and problems.

Revision ID: 05d52877f863
Revises: 1f8156c1f43a
Create Date: 2026-12-01 20:14:49.356756

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '05d52877f863'
down_revision = '1f8156c1f43a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('initiative_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('upload_key', sa.String(length=64), nullable=False),
    sa.Column('action', sa.Enum('check', 'import', 'valid_only', name='import_action', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='import_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('rows_done', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_initiative_imports_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_imports'))
    )
    with op.batch_alter_table('initiative_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_imports_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('initiative_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_imports_user_id'))

    op.drop_table('initiative_imports')
