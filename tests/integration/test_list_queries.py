"""The list pages and list API calls answer with a fixed number of SQL statements, however many rows they show:
no query per row (N+1), whether there are ten challenges or a thousand."""
import contextlib
import itertools
from datetime import timedelta

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, profile_sdgs
from matchmaker.auth.models import Language, Role, User, UserRole
from matchmaker.challenges.models import Challenge, ChallengeStatus, challenge_sdgs
from matchmaker.extensions import db
from matchmaker.offers.models import Offer, OfferStatus, offer_sdgs
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import Department, HelpKind, Scale
from matchmaker.types import utcnow
from tests import factories

STATEMENT_BOUND = 12  # a page of 100 rows, with its count, its SDGs, the viewer and the filters' reference data
HELP_KINDS = list(HelpKind)
_serial = itertools.count(1)


# --- bulk data: a few INSERTs each, not one ORM commit per row -------------------------------------------------

def sdgs_for(n: int) -> list[int]:
    """Two or three different goals for the n-th row."""
    goals = [n % 17 + 1, (n + 5) % 17 + 1, (n + 11) % 17 + 1]
    return goals if n % 2 else goals[:2]


def insert_challenges(make, how_many: int, organisations: int = 7) -> None:
    owners = [make.organisation(city=f"Città {n}", status=OrganisationStatus.VERIFIED) for n in range(organisations)]
    now = utcnow()
    rows = [{"organisation_id": owners[n % organisations].id, "title": f"Challenge {n}", "summary": f"Need {n}.",
             "description": f"Description of need {n}.", "keywords": ["energy", f"k{n}"],
             "kind": HELP_KINDS[n % len(HELP_KINDS)], "place": "Torino", "scale": Scale.CITY,
             "resources": "", "status": ChallengeStatus.OPEN, "published_at": now - timedelta(minutes=n),
             "deadline": (now + timedelta(days=30 + n % 90)).date()} for n in range(how_many)]
    ids = db.session.scalars(sa.insert(Challenge).returning(Challenge.id, sort_by_parameter_order=True), rows).all()
    db.session.execute(challenge_sdgs.insert(),
                       [{"challenge_id": cid, "sdg_number": s} for n, cid in enumerate(ids) for s in sdgs_for(n)])
    db.session.commit()


def insert_academics(how_many: int, *, opt_in: bool = True) -> list[int]:
    """Academics with profiles in several departments, each with two or three SDGs; their user ids."""
    departments = db.session.scalars(sa.select(Department.id).order_by(Department.id)).all()
    password_hash = db.session.scalar(sa.select(User.password_hash).limit(1)) or "not-a-real-hash"
    batch = next(_serial)
    users = [{"email": f"bulk{batch}-{n}@polito.it", "name": f"Academic {n}", "password_hash": password_hash,
              "preferred_language": Language.EN, "email_verified_at": utcnow()} for n in range(how_many)]
    ids = db.session.scalars(sa.insert(User).returning(User.id, sort_by_parameter_order=True), users).all()
    db.session.execute(sa.insert(UserRole), [{"user_id": uid, "role": Role.ACADEMIC} for uid in ids])
    db.session.execute(sa.insert(AcademicProfile), [
        {"user_id": uid, "department_id": departments[n % len(departments)], "biography": f"Bio {n}",
         "expertise": ["energy", f"e{n}"], "languages": ["it"], "directory_opt_in": opt_in}
        for n, uid in enumerate(ids)])
    db.session.execute(profile_sdgs.insert(),
                       [{"user_id": uid, "sdg_number": s} for n, uid in enumerate(ids) for s in sdgs_for(n)])
    db.session.commit()
    return list(ids)


def insert_offers(how_many: int, academics: int = 9) -> None:
    authors = insert_academics(academics, opt_in=False)
    rows = [{"academic_id": authors[n % academics], "title": f"Offer {n}", "description": f"What I do, **{n}**.",
             "kind": HELP_KINDS[n % len(HELP_KINDS)], "keywords": ["energy"], "capacity": 1,
             "status": OfferStatus.OPEN} for n in range(how_many)]
    ids = db.session.scalars(sa.insert(Offer).returning(Offer.id, sort_by_parameter_order=True), rows).all()
    db.session.execute(offer_sdgs.insert(),
                       [{"offer_id": oid, "sdg_number": s} for n, oid in enumerate(ids) for s in sdgs_for(n)])
    db.session.commit()


# --- counting -------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def counted_statements():
    statements: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def statements_for(client, url: str, expected_rows: int) -> list[str]:
    with counted_statements() as statements:
        response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    if response.is_json:
        assert len(response.get_json()["items"]) == expected_rows
    else:
        assert response.get_data(as_text=True).count('class="card mb-3 listing"') + \
            response.get_data(as_text=True).count('class="card h-100 listing"') == expected_rows
    return statements


def assert_constant(small: list[str], large: list[str], what: str) -> None:
    report = "\n".join(f"{n}. {s[:160]}" for n, s in enumerate(large, 1))
    assert len(large) <= STATEMENT_BOUND, f"{what}: {len(large)} statements\n{report}"
    assert len(large) == len(small), f"{what}: {len(small)} statements for few rows, {len(large)} for many\n{report}"


# --- challenges ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/challenges/?per_page=100", "/api/v1/challenges?per_page=100"])
def test_a_page_of_challenges_costs_the_same_statements_for_ten_or_a_thousand(client, make, url):
    insert_challenges(make, 10)
    small = statements_for(client, url, expected_rows=10)

    insert_challenges(make, 990)
    large = statements_for(client, url, expected_rows=100)

    assert_constant(small, large, url)


def test_a_signed_in_academic_browsing_a_thousand_challenges_costs_a_fixed_number_of_statements(client, make, login):
    insert_challenges(make, 10)
    login(make.academic(verified=True))
    small = statements_for(client, "/challenges/?per_page=100&sort=deadline", expected_rows=10)

    insert_challenges(make, 990)
    large = statements_for(client, "/challenges/?per_page=100&sort=deadline", expected_rows=100)

    assert_constant(small, large, "academic /challenges/")


def test_a_member_whose_drafts_are_listed_costs_a_fixed_number_of_statements(client, make, login):
    member = make.member(verified=True)
    insert_challenges(make, 10)
    login(member)
    small = statements_for(client, "/challenges/?per_page=100&status=open", expected_rows=10)

    insert_challenges(make, 400)
    large = statements_for(client, "/challenges/?per_page=100&status=open", expected_rows=100)

    assert_constant(small, large, "member /challenges/")


# --- offers and people -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/offers/?per_page=100", "/api/v1/offers?per_page=100"])
def test_a_page_of_offers_costs_the_same_statements_for_few_or_many(client, url):
    insert_offers(5, academics=3)
    small = statements_for(client, url, expected_rows=5)

    insert_offers(195)
    large = statements_for(client, url, expected_rows=100)

    assert_constant(small, large, url)


@pytest.mark.parametrize("url", ["/people?per_page=100", "/api/v1/academics?per_page=100"])
def test_a_page_of_the_people_directory_costs_the_same_statements_for_few_or_many(client, url):
    insert_academics(5)
    small = statements_for(client, url, expected_rows=5)

    insert_academics(195)
    large = statements_for(client, url, expected_rows=100)

    assert_constant(small, large, url)


def test_a_coordinator_browsing_two_hundred_people_costs_a_fixed_number_of_statements(client, make, login):
    login(make.coordinator(verified=True))
    insert_academics(5, opt_in=False)
    small = statements_for(client, "/people?per_page=100&sort=department", expected_rows=5)

    insert_academics(195, opt_in=False)
    large = statements_for(client, "/people?per_page=100&sort=department", expected_rows=100)

    assert_constant(small, large, "coordinator /people")


def test_bulk_rows_are_real_rows_the_pages_can_show(client, make):
    """The counts above are about real listings: the bulk-inserted rows carry their organisation and goals."""
    insert_challenges(make, 3, organisations=2)

    challenge = db.session.scalars(sa.select(Challenge).order_by(Challenge.id)).first()

    assert challenge.organisation.name.startswith("Cooperativa")
    assert 2 <= len(challenge.sdgs) <= 3
    assert factories.PASSWORD  # the factories' people can sign in alongside the bulk rows
