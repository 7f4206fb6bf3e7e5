"""The demo data gives a newcomer a living platform: every kind of person, organisation and department."""
import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, Publication
from matchmaker.auth.models import Role, User, UserRole
from matchmaker.auth.services import authenticate, is_academic_email, user_by_email
from matchmaker.challenges.models import Challenge
from matchmaker.demo import DEMO_PASSWORD, load_demo_content, seed_demo
from matchmaker.extensions import db
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationStatus
from matchmaker.reference.models import Department


def seeded() -> list[tuple[str, str]]:
    accounts = seed_demo()
    db.session.commit()
    db.session.expire_all()
    return accounts


def users_with(role: Role) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(UserRole).where(UserRole.role == role)))


def test_demo_has_organisations_of_at_least_four_kinds(app):
    seeded()
    kinds = set(db.session.scalars(sa.select(Organisation.kind)))
    assert len(kinds) >= 4


def test_demo_gives_a_coordinator_organisations_to_verify_and_verified_ones_to_see(app):
    seeded()
    statuses = set(db.session.scalars(sa.select(Organisation.status)))
    assert {OrganisationStatus.PENDING, OrganisationStatus.VERIFIED} <= statuses


def test_every_demo_organisation_has_an_active_member(app):
    seeded()
    organisations = db.session.scalars(sa.select(Organisation)).all()
    assert organisations
    for organisation in organisations:
        assert any(m.status is MembershipStatus.ACTIVE for m in organisation.memberships), organisation.name


def test_demo_has_a_membership_request_waiting_for_approval(app):
    seeded()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)
                             .where(Membership.status == MembershipStatus.PENDING)) >= 1


def test_demo_academics_come_from_at_least_six_departments(app):
    seeded()
    academics = users_with(Role.ACADEMIC)
    departments = set(db.session.scalars(
        sa.select(Department.code).join(AcademicProfile, AcademicProfile.department_id == Department.id)))
    assert len(departments) >= 6
    for academic in academics:
        assert academic.academic_profile is not None, academic.email
        assert is_academic_email(academic.email), academic.email


def test_demo_has_coordinators_and_an_admin(app):
    seeded()
    assert len(users_with(Role.COORDINATOR)) >= 1
    assert len(users_with(Role.ADMIN)) >= 1


def test_every_demo_account_is_verified_and_opens_with_the_demo_password(app):
    accounts = seeded()
    assert accounts
    for email, _roles in accounts:
        user = authenticate(email, DEMO_PASSWORD)
        assert user is not None, f"{email} does not open with the demo password"
        assert user.email_verified, email
    db.session.rollback()  # authenticate stamps last_login_at; keep the data as seeded


def test_demo_speaks_both_languages(app):
    seeded()
    languages = {user.preferred_language.value for user in db.session.scalars(sa.select(User))}
    assert languages == {"it", "en"}


def test_demo_completes_a_database_where_part_of_it_already_exists(app, make):
    """An operator who created the coordinator by hand, or whose first run stopped half way, can run it again."""
    accounts = seed_demo()
    db.session.rollback()  # nothing of that run stays
    first_email = accounts[0][0]
    make.coordinator(email=first_email, name="Created by hand", verified=True)
    accounts = seeded()
    assert user_by_email(first_email).name == "Created by hand"
    for email, _roles in accounts:
        assert user_by_email(email) is not None, email


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_every_entry_of_the_demo_files_becomes_a_row(app):
    content = load_demo_content()
    accounts = seeded()
    assert len(accounts) == count(User) == len(content.staff) + len(content.members) + len(content.academics)
    assert count(Organisation) == len(content.organisations)
    assert count(Membership) == len(content.members)
    assert count(AcademicProfile) == len(content.academics)
    assert count(Publication) == len(content.publications)
    assert count(Challenge) == len(content.challenges)
    assert count(Offer) == len(content.offers)


def test_a_broken_demo_file_leaves_the_database_as_it_was(app, tmp_path, monkeypatch):
    from matchmaker import demo

    for installed in demo.DATA.iterdir():
        if installed.name.endswith(".json"):
            (tmp_path / installed.name).write_bytes(installed.read_bytes())
    (tmp_path / "challenges.json").write_text("[{", encoding="utf-8")  # seeded after the people: none of them lands
    monkeypatch.setattr(demo, "DATA", tmp_path)
    with pytest.raises(demo.DemoDataError, match="challenges.json: not valid JSON"):
        seed_demo()
    assert count(User) == count(Organisation) == 0  # not even flushed in this session


def test_demo_registers_initiatives_over_five_years_across_departments_sdgs_kinds_and_statuses(app):
    from matchmaker.initiatives.models import Initiative, ReviewState

    seeded()
    initiatives = [i for i in db.session.scalars(sa.select(Initiative)) if i.proposal_id is None]
    assert len(initiatives) >= 30
    assert {i.starts_on.year for i in initiatives} >= {2022, 2023, 2024, 2025, 2026}
    assert len({d.code for i in initiatives for d in i.departments}) >= 8
    assert len({s.number for i in initiatives for s in i.sdgs}) >= 12
    assert len({i.kind for i in initiatives}) >= 6 and len({i.status for i in initiatives}) == 3
    assert {i.review for i in initiatives} == set(ReviewState) and any(i.is_hidden for i in initiatives)
    assert all(i.lead_ids for i in initiatives)


def test_a_second_demo_load_adds_no_initiative(app):
    from matchmaker.initiatives.models import Initiative

    seeded()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Initiative))
    seeded()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Initiative)) == before
