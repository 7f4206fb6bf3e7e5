"""Every route of the app, hit with hostile values by a visitor and by each kind of person: none answers 5xx.

The routes come from the app's own URL map, so a route added tomorrow is swept without anyone listing it.
Each route gets ids the database cannot hold, odd strings in its path, a few hostile query strings, and (where
it takes them) hostile form fields and JSON bodies, on every method it allows. About 2,000 requests per
database (20-40 s each): run it alone with `pytest tests/functional/test_hostile_sweep.py`.
"""
import re

import pytest

from matchmaker.academics.models import Publication
from matchmaker.auth.models import ApiToken
from matchmaker.extensions import db
from matchmaker.hostile_input import DatabaseIdConverter
from matchmaker.initiatives.models import InitiativeImage
from matchmaker.orgs.models import Membership, MembershipStatus, OrganisationStatus
from tests import factories

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

HOSTILE_IDS = [str(2**31), str(2**63), "9" * 30, "-1"]
HOSTILE_STRINGS = ["a%00b", "x" * 3000, "%ED%A0%80", "..%2F..%2Fsecret", "%F0%9F%98%80%E2%80%AE"]
HOSTILE_QUERIES = [
    "q=a%00b&place=%00&department=%00",
    "status=a&status=b&sort=x&sort=y&kind=a&kind=b&sdg=1&sdg=2&type=offers&type=academics",
    f"page={'9' * 20}&per_page=-1&sdg=1e999&k=NaN&type=%00&organisation_id={'9' * 30}",
    f"q={'x' * 5000}&place={'%C3%A9' * 2000}&department={'D' * 500}&k={'9' * 5000}",
    "q=%EF%BF%BF%E2%80%AE%F0%9F%98%80&department=%ED%A0%80&status=%FF%FE&next=%0D%0A//elsewhere.example",
    f"year={'9' * 40}&verified=maybe&lang=xx&sdg=-1&department=DIST%27%3B%20DROP%20TABLE%20initiatives%3B--",
]
HOSTILE_FORMS = [
    {"title": "a\x00b", "reason": "\x00", "email": "a\x00@example.org", "name": "\x00", "password": "\x00"},
    {"title": "T" * 20_000, "summary": "\ufeff\u202e\u0007", "description": "\x1b[31m" * 100,
     "sdgs": ["9" * 20, "-1", "1e999"], "year": "9" * 5000, "capacity": "1e999", "capacity_per_semester": "9" * 30,
     "deadline": "99999-12-31", "available_from": "0000-00-00", "available_until": "2027-02-30",
     "organisation_id": "9" * 30, "kind": ["training", "magic"], "department": "\uffff", "academic_role": "x" * 500,
     "email": "x" * 400 + "@example.org", "password": "p" * 10_000, "confirm": "q", "reason": "r" * 100_000,
     "language": "xx", "expertise": ", ".join(["e" * 70] * 40), "languages": ["tlh", "\u202e"],
     "organisation_name": "\u202e" * 300, "city": "c" * 1000, "website": "javascript:alert(1)", "remember": "y",
     "starts_on": "2027-02-30", "ends_on": "-1", "progress": "1e999", "keep": "9" * 30, "lead_emails": "\x00@x",
     "organisation_ids": ["9" * 30, "-1"], "departments": ["\x00"], "milestones-0-due_on": "99999-01-01",
     "milestones-99999999999999999999-title": "x", "links-0-url": "javascript:alert(1)", "links-0-label": "\x00",
     "alt_text": "\x00", "status": "concluded", "reach": "\uffff"},
]
HOSTILE_JSON = [
    {"json": {"title": ["x"], "summary": {"a": 1}, "kind": 7, "organisation_id": [1], "status": {"open": True},
              "sdgs": "1", "keywords": [[1]], "capacity": 1e308, "deadline": 5, "reason": ["r"], "email": [],
              "password": {}, "available_from": "2027-13-45", "visibility": None}},
    {"data": '{"title": 1e999, "status": NaN}', "content_type": "application/json"},
    {"data": "[" * 50_000 + "]" * 50_000, "content_type": "application/json"},
    {"data": '{"title": "\\ud800", "summary": "\\udfff", "kind": "other"}', "content_type": "application/json"},
    {"data": b"\xff\xfe{\x00}", "content_type": "application/json"},
]


@pytest.fixture
def app_settings(rate_limits_off):
    # The sweep sends many failing sign-ins and resets: the limits would answer 429 before the code it sweeps.
    return rate_limits_off


@pytest.fixture
def people(make, client):
    """A little of everything, so each route has a real object to reach past its permission checks."""
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    academic = make.academic(verified=True)
    make.profile(academic, biography="Energy and housing.")
    challenge = make.challenge(organisation, author=member, keywords=["energy"])
    offer = make.offer(academic, keywords=["energy"])
    db.session.add(Publication(profile=academic.academic_profile, title="Energy poverty in Turin", year=2021))
    applicant = make.user(verified=True)
    db.session.add(Membership(user=applicant, organisation=organisation, status=MembershipStatus.PENDING))
    initiative = make.initiative(academic)
    db.session.add(InitiativeImage(initiative_id=initiative.id, alt_text="A picture", content_type="image/png",
                                   size=8, storage_key="sweep-picture-absent-on-disk"))
    db.session.commit()
    make.api_token(client, member)  # a token to revoke
    ids = {"challenge_id": challenge.id, "offer_id": offer.id, "user_id": academic.id, "academic_id": academic.id,
           "target_id": academic.id, "organisation_id": organisation.id,
           "publication_id": db.session.scalar(db.select(Publication.id)),
           "token_id": db.session.scalar(db.select(ApiToken.id)), "initiative_id": initiative.id,
           "image_id": db.session.scalar(db.select(InitiativeImage.id))}
    return {"visitor": None, "coordinator": make.coordinator(verified=True), "member": member,
            "academic": academic}, ids


PLACEHOLDER = re.compile(r"<(?:[^<>]*:)?(\w+)>")  # <int:challenge_id>, <any(verify, reject):decision>, <token>


def _paths(rule, ids: dict) -> list[str]:
    """The rule's path with real values, then with each hostile value in turn in each of its arguments."""
    def real_value(name: str) -> str:
        converter = rule._converters[name]
        if hasattr(converter, "items"):  # any(...): the first word it lists
            return sorted(converter.items)[0]
        return str(ids.get(name, "open"))  # a string argument: a status, a language, a token

    def build(name: str | None = None, value: str | None = None) -> str:
        return PLACEHOLDER.sub(lambda m: value if m.group(1) == name else real_value(m.group(1)), rule.rule)

    paths = [build()]
    for name, converter in rule._converters.items():
        if hasattr(converter, "items"):  # any(...): no other word reaches the view
            continue
        hostile = HOSTILE_IDS if isinstance(converter, DatabaseIdConverter) else HOSTILE_STRINGS
        paths.extend(build(name, value) for value in hostile)
    return paths


def _requests(app, ids: dict):
    """(method, path, keyword arguments of the test client) for every route and hostile value."""
    rules = sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static" and "static" not in r.rule),
                   key=lambda r: r.endpoint == "auth.logout")  # signing out last keeps the person signed in
    for rule in rules:
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        real, *hostile_paths = _paths(rule, ids)
        for method in methods:
            for path in hostile_paths:
                yield method, path, {}
            # Only pages and lists read filters; a write gets the one query string of out-of-range numbers.
            for query in HOSTILE_QUERIES if method == "GET" else HOSTILE_QUERIES[2:3]:
                yield method, f"{real}?{query}", {}
            if method == "GET":
                continue
            for form in HOSTILE_FORMS:
                yield method, real, {"data": form}
            if rule.rule.startswith("/api/"):
                for body in HOSTILE_JSON:
                    yield method, real, body


def test_no_route_answers_a_server_error_to_hostile_input_from_anyone(app, people):
    persons, ids = people
    failures = []
    for role, person in persons.items():
        client = app.test_client()
        if person is not None:
            response = client.post("/login", data={"email": person.email, "password": factories.PASSWORD})
            assert response.status_code == 302, role
        for method, path, kwargs in _requests(app, ids):
            response = client.open(path, method=method, **kwargs)
            if response.status_code >= 500:
                failures.append(f"{role}: {method} {path[:120]} {str(kwargs)[:80]} -> {response.status_code}")

    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:60])
