"""The register of initiatives: people, partners, departments, SDGs, milestones, links, images, the indicators
carried from proposals, and the coordinators' curation record.

Revision ID: b644fc3a682d
Revises: d3a9f1c7e5b2
Create Date: 2026-12-01 17:56:21.948749

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b644fc3a682d'
down_revision = 'd3a9f1c7e5b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('initiatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('summary', sa.String(length=600), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('partner_story', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('research_action', 'service_learning', 'training', 'technical_support', 'co_design', 'public_engagement', 'volunteering', 'other', name='intervention_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('reach', sa.Enum('neighbourhood', 'city', 'region', 'national', 'international', name='initiative_reach', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'running', 'concluded', name='initiative_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('review', sa.Enum('pending', 'approved', name='initiative_review', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on', name=op.f('ck_initiatives_dates_in_order')),
    sa.CheckConstraint('progress IS NULL OR progress BETWEEN 0 AND 100', name=op.f('ck_initiatives_progress_range')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_initiatives_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_initiatives_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['initiatives.id'], name=op.f('fk_initiatives_merged_into_id_initiatives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_initiatives_proposal_id_proposals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_initiatives_proposal_id'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_reach'), ['reach'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_review'), ['review'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_status'), ['status'], unique=False)

    op.create_table('initiative_curations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('approve', 'hide', 'unhide', 'merge', name='curation_action', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_initiative_curations_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_curations_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['initiatives.id'], name=op.f('fk_initiative_curations_merged_into_id_initiatives'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_curations'))
    )
    with op.batch_alter_table('initiative_curations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_curations_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_departments',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_initiative_departments_department_id_departments')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_departments_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'department_id', name=op.f('pk_initiative_departments'))
    )
    with op.batch_alter_table('initiative_departments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_departments_department_id'), ['department_id'], unique=False)

    op.create_table('initiative_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('uploader_id', sa.Integer(), nullable=True),
    sa.Column('alt_text', sa.String(length=300), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_images_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploader_id'], ['users.id'], name=op.f('fk_initiative_images_uploader_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_images')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_initiative_images_storage_key'))
    )
    with op.batch_alter_table('initiative_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_images_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('proposal_indicator_id', sa.Integer(), nullable=True),
    sa.Column('indicator', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_indicators_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_indicator_id'], ['proposal_indicators.id'], name=op.f('fk_initiative_indicators_proposal_indicator_id_proposal_indicators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_indicators'))
    )
    with op.batch_alter_table('initiative_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_indicators_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_links_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_links'))
    )
    with op.batch_alter_table('initiative_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_links_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_milestones_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_milestones'))
    )
    with op.batch_alter_table('initiative_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_milestones_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_partners_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_initiative_partners_organisation_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_partners'))
    )
    with op.batch_alter_table('initiative_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_partners_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_partners_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('initiative_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('lead', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("user_id IS NOT NULL OR name <> ''", name=op.f('ck_initiative_people_someone')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_people_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_initiative_people_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_people')),
    sa.UniqueConstraint('initiative_id', 'user_id', name='once_per_initiative')
    )
    with op.batch_alter_table('initiative_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_people_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_people_user_id'), ['user_id'], unique=False)

    op.create_table('initiative_sdgs',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('sdg_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_sdgs_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sdg_number'], ['sdgs.number'], name=op.f('fk_initiative_sdgs_sdg_number_sdgs')),
    sa.PrimaryKeyConstraint('initiative_id', 'sdg_number', name=op.f('pk_initiative_sdgs'))
    )
    with op.batch_alter_table('initiative_sdgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_sdgs_sdg_number'), ['sdg_number'], unique=False)



def downgrade():
    with op.batch_alter_table('initiative_sdgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_sdgs_sdg_number'))

    op.drop_table('initiative_sdgs')
    with op.batch_alter_table('initiative_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_people_user_id'))
        batch_op.drop_index(batch_op.f('ix_initiative_people_initiative_id'))

    op.drop_table('initiative_people')
    with op.batch_alter_table('initiative_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_partners_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_initiative_partners_initiative_id'))

    op.drop_table('initiative_partners')
    with op.batch_alter_table('initiative_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_milestones_initiative_id'))

    op.drop_table('initiative_milestones')
    with op.batch_alter_table('initiative_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_links_initiative_id'))

    op.drop_table('initiative_links')
    with op.batch_alter_table('initiative_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_indicators_initiative_id'))

    op.drop_table('initiative_indicators')
    with op.batch_alter_table('initiative_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_images_initiative_id'))

    op.drop_table('initiative_images')
    with op.batch_alter_table('initiative_departments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_departments_department_id'))

    op.drop_table('initiative_departments')
    with op.batch_alter_table('initiative_curations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_curations_initiative_id'))

    op.drop_table('initiative_curations')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_status'))
        batch_op.drop_index(batch_op.f('ix_initiatives_starts_on'))
        batch_op.drop_index(batch_op.f('ix_initiatives_review'))
        batch_op.drop_index(batch_op.f('ix_initiatives_reach'))
        batch_op.drop_index(batch_op.f('ix_initiatives_kind'))
        batch_op.drop_index(batch_op.f('ix_initiatives_created_by_id'))
        batch_op.drop_index(batch_op.f('ix_initiatives_created_at'))

    op.drop_table('initiatives')
