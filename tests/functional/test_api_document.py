"""The OpenAPI document is made from what validates: every /api/v1 route is described, and a body its schema
refuses is refused by the endpoint (422, or 400 for what cannot be stored), while a body it accepts is accepted."""
from datetime import date, timedelta

import jsonschema_rs
import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core import NotSet

from matchmaker.api.openapi import PREFIX, Schemas, openapi_path, operation_of
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.extensions import db
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import OrganisationStatus
from tests import factories

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

NEXT_YEAR = (date.today() + timedelta(days=365)).isoformat()
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()
A_CHALLENGE = {"title": "Energy poverty", "summary": "Families cannot heat their homes.", "kind": "research_action"}
AN_OFFER = {"title": "Workshops on energy", "description": "Two days with students.", "kind": "training"}


def api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(PREFIX + "/")]


def methods_of(rule) -> set[str]:
    return rule.methods - {"HEAD", "OPTIONS"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def request_schema(document: dict, path: str, method: str) -> dict:
    return document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]


def schema_accepts(document: dict, schema: dict, body: dict) -> bool:
    """Whether the document's schema accepts `body`, formats such as dates included, read as JSON Schema 2020-12."""
    validator = jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]},
                                                   validate_formats=True)
    return validator.is_valid(body)


# --- every route is described -----------------------------------------------------------------------------

def test_every_api_route_is_described_with_each_of_its_methods(app, document):
    rules = api_rules(app)
    assert len(rules) >= 16
    for rule in rules:
        operation = operation_of(app, rule.endpoint)
        assert operation is not None and operation.summary, f"{rule.rule} has no @describe"
        described = document["paths"].get(openapi_path(rule.rule), {})
        for method in methods_of(rule):
            assert method.lower() in described, f"{method} {rule.rule} is not in the OpenAPI document"
            entry = described[method.lower()]
            assert entry["summary"] == operation.summary
            assert {str(status) for status in operation.responses} <= set(entry["responses"])
            assert {p["name"] for p in entry.get("parameters", []) if p["in"] == "path"} == set(rule.arguments)


def test_the_document_is_openapi_3_1_with_the_models_as_its_schemas(app, document):
    assert document["openapi"] == "3.1.0"
    for rule in api_rules(app):
        operation = operation_of(app, rule.endpoint)
        if operation.request is None:
            continue
        for method in methods_of(rule):
            reference = request_schema(document, openapi_path(rule.rule), method.lower())["$ref"]
            published = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
            own = operation.request.model_json_schema(ref_template="#/components/schemas/{model}",
                                                      schema_generator=Schemas)
            own.pop("$defs", None)
            assert published == own, f"{method} {rule.rule}: the document is not its request model's schema"


def test_a_route_without_a_description_would_be_missing_from_the_document(app):
    """The check above can fail: the document leaves out what @describe does not name."""
    from matchmaker.api.openapi import build_openapi_document

    view = app.view_functions["api.sdgs"]
    operation = view.api_operation
    try:
        del view.api_operation
        assert "/sdgs" not in build_openapi_document(app)["paths"]
    finally:
        view.api_operation = operation


# --- the schemas are the checks ---------------------------------------------------------------------------

CHALLENGE_BODIES = [
    pytest.param(A_CHALLENGE, None, id="the-three-required-fields"),
    pytest.param({**A_CHALLENGE, "description": "Line one\n\tindented", "sdgs": [7, 11, 7], "keywords": ["energy"],
                  "place": "Torino", "scale": "region", "resources": "A room.", "deadline": NEXT_YEAR,
                  "visibility": "academics"}, None, id="every-field"),
    pytest.param({**A_CHALLENGE, "description": None, "sdgs": None, "keywords": None, "deadline": None,
                  "place": None}, None, id="optional-fields-null"),
    pytest.param({**A_CHALLENGE, "title": "T" * 150, "keywords": [f"{n:02d}" + "k" * 38 for n in range(15)]}, None,
                 id="at-the-limits"),
    pytest.param({**A_CHALLENGE, "sdgs": [7.0]}, None, id="a-goal-written-7.0"),
    pytest.param({"summary": "Families cannot heat their homes in winter.", "kind": "training"}, "title",
                 id="title-missing"),
    pytest.param({**A_CHALLENGE, "title": "   "}, "title", id="title-only-spaces"),
    pytest.param({**A_CHALLENGE, "title": "T" * 151}, "title", id="title-too-long"),
    pytest.param({**A_CHALLENGE, "title": 5}, "title", id="title-a-number"),
    pytest.param({**A_CHALLENGE, "title": None}, "title", id="title-null"),
    pytest.param({**A_CHALLENGE, "summary": "A bell\x07"}, "summary", id="summary-control-character"),
    pytest.param({**A_CHALLENGE, "kind": "nope"}, "kind", id="kind-unknown"),
    pytest.param({**A_CHALLENGE, "sdgs": [18]}, "sdgs", id="goal-18"),
    pytest.param({**A_CHALLENGE, "sdgs": ["7"]}, "sdgs", id="goal-as-text"),
    pytest.param({**A_CHALLENGE, "sdgs": [True]}, "sdgs", id="goal-true"),
    pytest.param({**A_CHALLENGE, "sdgs": 7}, "sdgs", id="goals-not-a-list"),
    pytest.param({**A_CHALLENGE, "keywords": "energy, housing"}, "keywords", id="keywords-as-one-text"),
    pytest.param({**A_CHALLENGE, "keywords": [f"k{n}" for n in range(16)]}, "keywords", id="sixteen-keywords"),
    pytest.param({**A_CHALLENGE, "keywords": ["k" * 41]}, "keywords", id="keyword-too-long"),
    pytest.param({**A_CHALLENGE, "deadline": "31/12/2030"}, "deadline", id="deadline-other-format"),
    pytest.param({**A_CHALLENGE, "deadline": f"{NEXT_YEAR}T00:00:00"}, "deadline", id="deadline-with-a-time"),
    pytest.param({**A_CHALLENGE, "deadline": 12}, "deadline", id="deadline-a-number"),
    pytest.param({**A_CHALLENGE, "scale": None}, "scale", id="scale-null"),
    pytest.param({**A_CHALLENGE, "visibility": ["public"]}, "visibility", id="visibility-a-list"),
    pytest.param({**A_CHALLENGE, "organisation_id": "1"}, "organisation_id", id="organisation-id-as-text"),
    pytest.param({**A_CHALLENGE, "organisation_id": 1.5}, "organisation_id", id="organisation-id-a-fraction"),
    pytest.param({**A_CHALLENGE, "organisation_id": 2**31}, "organisation_id", id="organisation-id-too-large"),
    pytest.param({**A_CHALLENGE, "colour": "red"}, "colour", id="unknown-field"),
    pytest.param({**A_CHALLENGE, "status": "open"}, "status", id="status-on-create"),
]


@pytest.fixture
def member(make):
    return make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)


def assert_agree(document: dict, schema: dict, body: dict, response, refused_field: str | None) -> None:
    """The schema and the endpoint give the same verdict, and it is the one expected."""
    accepted_by_schema = schema_accepts(document, schema, body)
    assert accepted_by_schema == (refused_field is None), f"the schema {'accepts' if accepted_by_schema else 'refuses'}"
    if refused_field is None:
        assert response.status_code in (200, 201), response.get_json()
    else:
        assert response.status_code == 422, response.get_json()
        assert refused_field in response.get_json()["error"]["fields"], response.get_json()


@pytest.mark.parametrize(("body", "refused_field"), CHALLENGE_BODIES)
def test_an_integration_posting_a_challenge_is_refused_exactly_when_the_schema_refuses_it(
        client, make, document, member, body, refused_field):
    response = client.post("/api/v1/challenges", json=body, headers=make.api_headers(client, member))

    assert_agree(document, request_schema(document, "/challenges", "post"), body, response, refused_field)
    stored = db.session.scalar(sa.select(sa.func.count()).select_from(Challenge))
    assert stored == (1 if refused_field is None else 0)


@pytest.mark.parametrize(("body", "refused_field"), [
    pytest.param({}, None, id="nothing"),
    pytest.param({"title": "A new title", "version": 1}, None, id="a-title-and-a-version"),
    pytest.param({"status": "closed"}, None, id="a-status"),
    pytest.param({"title": None}, "title", id="title-null"),
    pytest.param({"version": 0}, "version", id="version-0"),
    pytest.param({"version": "1"}, "version", id="version-as-text"),
    pytest.param({"version": 2**31}, "version", id="version-too-large"),
    pytest.param({"hidden": False}, "hidden", id="hidden-cannot-be-set"),
    pytest.param({"status": "finished"}, "status", id="status-unknown"),
    pytest.param({"status": None}, "status", id="status-null"),
])
def test_an_integration_patching_a_challenge_is_refused_exactly_when_the_schema_refuses_it(
        client, make, document, member, body, refused_field):
    challenge = make.challenge(member.memberships[0].organisation, status=ChallengeStatus.DRAFT)

    response = client.patch(f"/api/v1/challenges/{challenge.id}", json=body, headers=make.api_headers(client, member))

    assert_agree(document, request_schema(document, "/challenges/{challenge_id}", "patch"), body, response,
                 refused_field)


@pytest.mark.parametrize(("body", "refused_field"), [
    pytest.param(AN_OFFER, None, id="the-three-required-fields"),
    pytest.param({**AN_OFFER, "capacity": 100, "available_from": NEXT_MONTH, "available_until": NEXT_YEAR,
                  "sdgs": [4], "keywords": ["energy"]}, None, id="every-field"),
    pytest.param({**AN_OFFER, "capacity": 2.0}, None, id="capacity-written-2.0"),
    pytest.param({**AN_OFFER, "capacity": "2"}, "capacity", id="capacity-as-text"),
    pytest.param({**AN_OFFER, "capacity": 2.5}, "capacity", id="capacity-a-fraction"),
    pytest.param({**AN_OFFER, "capacity": True}, "capacity", id="capacity-true"),
    pytest.param({**AN_OFFER, "capacity": 0}, "capacity", id="capacity-0"),
    pytest.param({**AN_OFFER, "capacity": None}, "capacity", id="capacity-null"),
    pytest.param({**AN_OFFER, "description": " \n "}, "description", id="description-only-spaces"),
    pytest.param({**AN_OFFER, "available_from": 12}, "available_from", id="from-a-number"),
])
def test_an_integration_posting_an_offer_is_refused_exactly_when_the_schema_refuses_it(
        client, make, document, body, refused_field):
    academic = make.academic(verified=True)

    response = client.post("/api/v1/offers", json=body, headers=make.api_headers(client, academic))

    assert_agree(document, request_schema(document, "/offers", "post"), body, response, refused_field)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Offer)) == (1 if refused_field is None else 0)


@pytest.mark.parametrize(("body", "refused_field"), [
    pytest.param({"capacity": 3, "version": 1}, None, id="capacity-and-the-current-version"),
    pytest.param({"status": "paused"}, None, id="a-status"),
    pytest.param({"version": True}, "version", id="version-true"),
    pytest.param({"status": "archived"}, "status", id="status-unknown"),
])
def test_an_integration_patching_an_offer_is_refused_exactly_when_the_schema_refuses_it(
        client, make, document, body, refused_field):
    academic = make.academic(verified=True)
    offer = make.offer(academic)

    response = client.patch(f"/api/v1/offers/{offer.id}", json=body, headers=make.api_headers(client, academic))

    assert_agree(document, request_schema(document, "/offers/{offer_id}", "patch"), body, response, refused_field)


@pytest.mark.parametrize(("extra", "refused_field"), [
    pytest.param({}, None, id="e-mail-and-password"),
    pytest.param({"name": "CI", "days": 30}, None, id="a-name-and-days"),
    pytest.param({"remember": True}, None, id="an-unknown-field-is-ignored"),
    pytest.param({"email": "  "}, "email", id="email-only-spaces"),
    pytest.param({"password": 12345678901}, "password", id="password-a-number"),
    pytest.param({"days": 0}, "days", id="days-0"),
    pytest.param({"days": "30"}, "days", id="days-as-text"),
    pytest.param({"name": 5}, "name", id="name-a-number"),
])
def test_a_token_request_is_refused_exactly_when_the_schema_refuses_it(client, make, document, extra, refused_field):
    person = make.member(verified=True)
    body = {"email": person.email, "password": factories.PASSWORD, **extra}

    response = client.post("/api/v1/tokens", json=body)

    assert_agree(document, request_schema(document, "/tokens", "post"), body, response, refused_field)


@pytest.mark.parametrize(("body", "refused_field"), [
    pytest.param({"status": "verified"}, None, id="verified"),
    pytest.param({"status": "rejected", "reason": "No statute attached."}, None, id="rejected-with-a-reason"),
    pytest.param({"status": "maybe"}, "status", id="status-unknown"),
    pytest.param({"status": 1}, "status", id="status-a-number"),
    pytest.param({"status": "rejected", "reason": 5}, "reason", id="reason-a-number"),
])
def test_a_verification_is_refused_exactly_when_the_schema_refuses_it(client, make, document, body, refused_field):
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    headers = make.api_headers(client, make.coordinator(verified=True))

    response = client.post(f"/api/v1/organisations/{organisation.id}/verification", json=body, headers=headers)

    assert_agree(document, request_schema(document, "/organisations/{organisation_id}/verification", "post"), body,
                 response, refused_field)


def test_a_refusal_names_each_wrong_field_in_the_callers_language(client, make, member):
    headers = {**make.api_headers(client, member), "Accept-Language": "it"}
    body = {"title": "T" * 151, "summary": "Families cannot heat their homes in winter.", "kind": "nope", "sdgs": [18]}

    fields = client.post("/api/v1/challenges", json=body, headers=headers).get_json()["error"]["fields"]

    assert set(fields) == {"title", "kind", "sdgs"}
    assert all(len(messages) == 1 for messages in fields.values())
    assert "151" in fields["title"][0] and "150" in fields["title"][0]
    assert "18" in fields["sdgs"][0]
    assert "research_action" in fields["kind"][0]
    english = client.post("/api/v1/challenges", json=body, headers=make.api_headers(client, member))
    assert english.get_json()["error"]["fields"]["title"] != fields["title"]


@pytest.mark.parametrize("operation_key", ["POST /challenges", "PATCH /challenges/{challenge_id}", "POST /offers",
                                           "PATCH /offers/{offer_id}"])
def test_no_generated_body_the_schema_refuses_is_accepted(app, client, make, document, member, operation_key):
    """Bodies made to break the document's schema (schemathesis, negative mode) are all refused, none stored."""
    academic = make.academic(verified=True)
    challenge = make.challenge(member.memberships[0].organisation, title="Before", status=ChallengeStatus.DRAFT)
    offer = make.offer(academic, title="Before")
    headers = make.api_headers(client, academic if "offer" in operation_key else member)
    ids = {"challenge_id": challenge.id, "offer_id": offer.id}
    method, path = operation_key.split()
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)[path][method]
    schema = request_schema(document, path, method.lower())
    checked = []

    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @settings(max_examples=25, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def refused(case) -> None:
        if isinstance(case.body, NotSet):
            return  # broken elsewhere (the path, the headers): not what this test is about
        if not isinstance(case.body, bytes) and schema_accepts(document, schema, case.body):
            return
        case.path_parameters = {name: ids[name] for name in case.path_parameters or {}}
        response = case.call(headers=headers)
        assert response.status_code in (400, 422), (case.body, response.status_code, response.text[:300])
        checked.append(case.body)

    refused()

    assert len(checked) >= 5, "too few bodies broke the schema to prove anything"
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Challenge)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Offer)) == 1
    assert (db.session.get(Challenge, challenge.id).title, db.session.get(Offer, offer.id).title) == ("Before",) * 2
