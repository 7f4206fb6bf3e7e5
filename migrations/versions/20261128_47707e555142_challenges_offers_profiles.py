"""Challenges, offers, academic profiles with expertise and publications, and their SDGs.

Revision ID: 47707e555142
Revises: 5c78b0a29ab9
Create Date: 2026-11-28 09:37:08.824583

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '47707e555142'
down_revision = '5c78b0a29ab9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('academic_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('research_action', 'technical_support', 'student_project', 'training', 'lab_access', 'volunteering', 'other', name='offer_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('available_until', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'paused', 'closed', name='offer_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity BETWEEN 1 AND 100', name=op.f('ck_offers_capacity_range')),
    sa.ForeignKeyConstraint(['academic_id'], ['users.id'], name=op.f('fk_offers_academic_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_offers_hidden_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_academic_id'), ['academic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_status'), ['status'], unique=False)

    op.create_table('challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=150), nullable=False),
    sa.Column('summary', sa.String(length=600), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('kind', sa.Enum('research_action', 'technical_support', 'student_project', 'training', 'lab_access', 'volunteering', 'other', name='help_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('scale', sa.Enum('neighbourhood', 'city', 'region', 'national', 'international', name='scale', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('resources', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('visibility', sa.Enum('public', 'academics', name='visibility', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'paused', 'in_partnership', 'closed', name='challenge_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_challenges_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_challenges_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_challenges_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenges'))
    )
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenges_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenges_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenges_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenges_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenges_status'), ['status'], unique=False)

    op.create_table('offer_sdgs',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('sdg_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_sdgs_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sdg_number'], ['sdgs.number'], name=op.f('fk_offer_sdgs_sdg_number_sdgs')),
    sa.PrimaryKeyConstraint('offer_id', 'sdg_number', name=op.f('pk_offer_sdgs'))
    )
    with op.batch_alter_table('offer_sdgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_sdgs_sdg_number'), ['sdg_number'], unique=False)

    op.create_table('profile_sdgs',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('sdg_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sdg_number'], ['sdgs.number'], name=op.f('fk_profile_sdgs_sdg_number_sdgs')),
    sa.ForeignKeyConstraint(['user_id'], ['academic_profiles.user_id'], name=op.f('fk_profile_sdgs_user_id_academic_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'sdg_number', name=op.f('pk_profile_sdgs'))
    )
    with op.batch_alter_table('profile_sdgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_sdgs_sdg_number'), ['sdg_number'], unique=False)

    op.create_table('publications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['academic_profiles.user_id'], name=op.f('fk_publications_user_id_academic_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publications'))
    )
    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publications_user_id'), ['user_id'], unique=False)

    op.create_table('challenge_sdgs',
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('sdg_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_sdgs_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sdg_number'], ['sdgs.number'], name=op.f('fk_challenge_sdgs_sdg_number_sdgs')),
    sa.PrimaryKeyConstraint('challenge_id', 'sdg_number', name=op.f('pk_challenge_sdgs'))
    )
    with op.batch_alter_table('challenge_sdgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_sdgs_sdg_number'), ['sdg_number'], unique=False)

    with op.batch_alter_table('academic_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('academic_role', sa.Enum('full_professor', 'associate_professor', 'researcher', 'postdoc', 'phd_student', 'lab_staff', 'other', name='academic_role', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('biography', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('expertise', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('capacity_per_semester', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('available', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('directory_opt_in', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.create_check_constraint('capacity_range', 'capacity_per_semester BETWEEN 0 AND 50')
        batch_op.create_index(batch_op.f('ix_academic_profiles_directory_opt_in'), ['directory_opt_in'], unique=False)



def downgrade():
    with op.batch_alter_table('academic_profiles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_academic_profiles_capacity_range'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_academic_profiles_academic_role'), type_='check')
        batch_op.drop_index(batch_op.f('ix_academic_profiles_directory_opt_in'))
        batch_op.drop_column('updated_at')
        batch_op.drop_column('directory_opt_in')
        batch_op.drop_column('available')
        batch_op.drop_column('capacity_per_semester')
        batch_op.drop_column('languages')
        batch_op.drop_column('expertise')
        batch_op.drop_column('biography')
        batch_op.drop_column('academic_role')

    with op.batch_alter_table('challenge_sdgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_sdgs_sdg_number'))

    op.drop_table('challenge_sdgs')
    with op.batch_alter_table('publications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publications_user_id'))

    op.drop_table('publications')
    with op.batch_alter_table('profile_sdgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_sdgs_sdg_number'))

    op.drop_table('profile_sdgs')
    with op.batch_alter_table('offer_sdgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_sdgs_sdg_number'))

    op.drop_table('offer_sdgs')
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenges_status'))
        batch_op.drop_index(batch_op.f('ix_challenges_published_at'))
        batch_op.drop_index(batch_op.f('ix_challenges_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_challenges_kind'))
        batch_op.drop_index(batch_op.f('ix_challenges_created_at'))

    op.drop_table('challenges')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offers_status'))
        batch_op.drop_index(batch_op.f('ix_offers_kind'))
        batch_op.drop_index(batch_op.f('ix_offers_created_at'))
        batch_op.drop_index(batch_op.f('ix_offers_academic_id'))

    op.drop_table('offers')
