"""What integrations and people can do through the JSON API under /api/v1, and what they are refused."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import ApiToken, Role
from matchmaker.extensions import db
from matchmaker.orgs.models import Organisation, OrganisationStatus
from matchmaker.reference.data import DEPARTMENTS
from tests import factories
from tests.conftest import make_test_app


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def token_for(client, user, password=factories.PASSWORD) -> str:
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": password})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def assert_error(response, status: int, code: str) -> dict:
    """The response is the API's error shape with this status and code; returns the error object."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert error["message"]
    return error


def organisation_in_database(organisation_id: int) -> Organisation:
    db.session.expire_all()
    return db.session.get(Organisation, organisation_id)


# --- health ------------------------------------------------------------------------------------------

def test_monitoring_sees_the_service_and_its_database_up(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("unreachable_url", [
    "sqlite:////nonexistent-matchmaker-directory/no/such/place/test.db",
    "postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=2",
], ids=["sqlite-missing-directory", "postgresql-closed-port"])
def test_monitoring_sees_503_when_the_database_is_unreachable(unreachable_url):
    app = make_test_app(unreachable_url)
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.is_json
    assert response.get_json()["database"] == "error"
    with app.app_context():
        db.engine.dispose()


# --- tokens ------------------------------------------------------------------------------------------

def test_integration_can_exchange_password_for_token(client, make):
    user = make.member(verified=True)
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 201
    token = response.get_json()["token"]
    assert isinstance(token, str) and len(token) >= 32
    me = client.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200
    assert me.get_json()["email"] == user.email


def test_integration_can_sign_in_with_email_in_another_case(client, make):
    user = make.member(verified=True)
    response = client.post("/api/v1/tokens", json={"email": user.email.upper(), "password": factories.PASSWORD})
    assert response.status_code == 201


def test_token_is_stored_only_as_a_digest(client, make):
    user = make.member(verified=True)
    token = token_for(client, user)
    rows = db.session.execute(sa.select(ApiToken.__table__)).mappings().all()
    assert len(rows) == 1
    assert rows[0]["user_id"] == user.id
    for column, value in rows[0].items():
        assert token not in str(value), f"the raw token is stored in api_tokens.{column}"


def test_integration_cannot_get_token_with_wrong_password(client, make):
    user = make.member(verified=True)
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": "not the password"})
    assert_error(response, 401, "not_authenticated")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_integration_cannot_get_token_for_unknown_email(client):
    response = client.post("/api/v1/tokens", json={"email": "nobody@example.org", "password": factories.PASSWORD})
    assert_error(response, 401, "not_authenticated")


def test_deactivated_user_cannot_get_token(client, make):
    user = make.member(verified=True)
    user.active = False
    db.session.commit()
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": factories.PASSWORD})
    assert_error(response, 401, "not_authenticated")


@pytest.mark.parametrize("body, missing", [
    ({}, {"email", "password"}),
    ({"email": "someone@example.org"}, {"password"}),
    ({"password": "whatever-long"}, {"email"}),
    ({"email": "  ", "password": 12345678901}, {"email", "password"}),
])
def test_token_request_names_each_missing_field(client, body, missing):
    error = assert_error(client.post("/api/v1/tokens", json=body), 422, "validation_failed")
    assert set(error["fields"]) == missing
    assert all(error["fields"][name] for name in missing)


@pytest.mark.parametrize("kwargs", [
    {"data": "email=a@example.org&password=x", "content_type": "application/x-www-form-urlencoded"},
    {"data": "{not json", "content_type": "application/json"},
    {"data": "[1, 2]", "content_type": "application/json"},
    {},
], ids=["form-encoded", "broken-json", "json-array", "empty"])
def test_token_request_that_is_not_a_json_object_is_refused_with_400(client, kwargs):
    assert_error(client.post("/api/v1/tokens", **kwargs), 400, "bad_request")


class TestRateLimit:
    @pytest.fixture
    def app_settings(self):
        # Explicit, so a test elsewhere that switched the shared limiter off cannot switch this check off.
        return {"RATELIMIT_ENABLED": True}

    def test_eleventh_failed_token_request_from_one_address_within_a_minute_is_refused_with_429(self, client,
                                                                                               make):
        user = make.member(verified=True)
        for attempt in range(10):
            response = client.post("/api/v1/tokens", json={"email": f"guess{attempt}@example.org",
                                                           "password": f"wrong {attempt}"})
            assert response.status_code == 401, f"attempt {attempt + 1}"
        response = client.post("/api/v1/tokens", json={"email": user.email, "password": "wrong again"})
        assert_error(response, 429, "too_many_requests")
        assert int(response.headers["Retry-After"]) >= 1
        # Blocked means blocked: even the right password waits for the minute to pass.
        response = client.post("/api/v1/tokens", json={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 429

    def test_successful_token_requests_do_not_use_up_the_limit(self, client, make):
        user = make.member(verified=True)
        for attempt in range(4):
            response = client.post("/api/v1/tokens", json={"email": user.email, "password": f"wrong {attempt}"})
            assert response.status_code == 401
        for _attempt in range(5):
            token_for(client, user)
        response = client.post("/api/v1/tokens", json={"email": user.email, "password": "fifth failure"})
        assert response.status_code == 401
        response = client.post("/api/v1/tokens", json={"email": user.email, "password": "sixth failure"})
        assert response.status_code == 429


# --- me ----------------------------------------------------------------------------------------------

def test_member_sees_their_profile_roles_and_organisations(client, make):
    organisation = make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.PENDING)
    user = make.member(organisation, name="Giulia Ferrero", verified=True)
    response = client.get("/api/v1/me", headers=bearer(token_for(client, user)))
    assert response.status_code == 200
    me = response.get_json()
    assert me["id"] == user.id
    assert me["email"] == user.email
    assert me["name"] == "Giulia Ferrero"
    assert me["roles"] == ["organisation"]
    assert [{key: o[key] for key in ("id", "name", "status")} for o in me["organisations"]] == [
        {"id": organisation.id, "name": "Cooperativa Il Ponte", "status": "pending"}]


def test_academic_sees_their_roles_and_no_organisations(client, make):
    user = make.academic("DAUIN", verified=True)
    me = client.get("/api/v1/me", headers=bearer(token_for(client, user))).get_json()
    assert me["roles"] == ["academic"]
    assert me["organisations"] == []
    assert me["department"] == "DAUIN"


def test_anonymous_caller_cannot_see_me(client):
    assert_error(client.get("/api/v1/me"), 401, "not_authenticated")


@pytest.mark.parametrize("header", [
    "Bearer mm_this-token-was-never-issued",
    "Bearer not-even-our-format",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "mm_token-without-scheme",
])
def test_caller_with_bad_token_cannot_see_me(client, make, header):
    make.member(verified=True)
    assert_error(client.get("/api/v1/me", headers={"Authorization": header}), 401, "not_authenticated")


def test_revoked_token_stops_working(client, make, login):
    user = make.member(verified=True)
    token = token_for(client, user)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    login(user)
    token_id = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == user.id))
    revoked = client.post(f"/account/tokens/{token_id}/revoke")
    assert revoked.status_code == 302
    # The browser session is still signed in, but the revoked token in the header wins and is refused.
    assert_error(client.get("/api/v1/me", headers=bearer(token)), 401, "not_authenticated")


def test_owner_can_see_when_their_token_was_last_used(client, make):
    user = make.member(verified=True)
    token = token_for(client, user)
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is None
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is not None
    assert client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    account = client.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "never" not in account


def test_token_of_deactivated_user_stops_working(client, make):
    user = make.member(verified=True)
    token = token_for(client, user)
    user.active = False
    db.session.commit()
    assert_error(client.get("/api/v1/me", headers=bearer(token)), 401, "not_authenticated")


# --- reference data ----------------------------------------------------------------------------------

def test_anyone_can_list_the_eleven_departments(client):
    response = client.get("/api/v1/departments")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert len(items) == 11
    assert {d["code"] for d in items} == {code for code, _it, _en in DEPARTMENTS}
    for department in items:
        assert set(department) == {"code", "name_it", "name_en"}
        assert department["name_it"] and department["name_en"]
    dist = next(d for d in items if d["code"] == "DIST")
    assert dist["name_en"] == "Interuniversity Department of Regional and Urban Studies and Planning"
    assert dist["name_it"].startswith("Dipartimento Interateneo")


def test_anyone_can_list_the_seventeen_sdgs_in_both_languages(client):
    response = client.get("/api/v1/sdgs")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [s["number"] for s in items] == list(range(1, 18))
    for sdg in items:
        assert sdg["name_it"] and sdg["name_en"]
    assert items[12]["name_en"] == "Climate action"
    assert items[12]["name_it"] == "Lotta contro il cambiamento climatico"


# --- organisation verification -----------------------------------------------------------------------

def test_coordinator_can_verify_an_organisation(client, make):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json={"status": "verified"}, headers=bearer(token_for(client, coordinator)))
    assert response.status_code == 200
    assert response.get_json()["status"] == "verified"
    saved = organisation_in_database(organisation.id)
    assert saved.status is OrganisationStatus.VERIFIED
    assert saved.status_changed_by_id == coordinator.id


def test_coordinator_can_reject_an_organisation_with_a_reason(client, make):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json={"status": "rejected", "reason": "No statute attached."},
                           headers=bearer(token_for(client, coordinator)))
    assert response.status_code == 200
    assert response.get_json()["status_reason"] == "No statute attached."
    saved = organisation_in_database(organisation.id)
    assert saved.status is OrganisationStatus.REJECTED
    assert saved.status_reason == "No statute attached."


@pytest.mark.parametrize("body", [
    {"status": "rejected"},
    {"status": "rejected", "reason": "   "},
    {"status": "rejected", "reason": 42},
])
def test_coordinator_cannot_reject_without_a_reason(client, make, body):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json=body, headers=bearer(token_for(client, coordinator)))
    error = assert_error(response, 422, "validation_failed")
    assert error["fields"]["reason"]
    assert organisation_in_database(organisation.id).status is OrganisationStatus.PENDING


@pytest.mark.parametrize("body", [{"status": "approved"}, {"status": "pending"}, {}, {"status": None}])
def test_coordinator_cannot_set_an_unknown_status(client, make, body):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json=body, headers=bearer(token_for(client, coordinator)))
    error = assert_error(response, 422, "validation_failed")
    assert error["fields"]["status"]
    assert organisation_in_database(organisation.id).status is OrganisationStatus.PENDING


def test_coordinator_cannot_verify_an_organisation_twice(client, make):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json={"status": "verified"}, headers=bearer(token_for(client, coordinator)))
    assert_error(response, 409, "conflict")


def test_coordinator_gets_404_for_an_unknown_organisation(client, make):
    coordinator = make.coordinator(verified=True)
    response = client.post("/api/v1/organisations/999999/verification",
                           json={"status": "verified"}, headers=bearer(token_for(client, coordinator)))
    assert_error(response, 404, "not_found")


def test_admin_can_verify_an_organisation(client, make):
    admin = make.user(roles=(Role.ADMIN,), email="admin.test@polito.it", verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json={"status": "verified"}, headers=bearer(token_for(client, admin)))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["member_of_the_organisation", "other_member", "academic"])
def test_non_coordinator_cannot_verify_an_organisation(client, make, who):
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    user = {
        "member_of_the_organisation": lambda: make.member(organisation, verified=True),
        "other_member": lambda: make.member(verified=True),
        "academic": lambda: make.academic(verified=True),
    }[who]()
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           json={"status": "verified"}, headers=bearer(token_for(client, user)))
    assert_error(response, 403, "forbidden")
    assert organisation_in_database(organisation.id).status is OrganisationStatus.PENDING


def test_anonymous_caller_cannot_verify_an_organisation(client, make):
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification", json={"status": "verified"})
    assert_error(response, 401, "not_authenticated")
    assert organisation_in_database(organisation.id).status is OrganisationStatus.PENDING


def test_verification_with_a_body_that_is_not_json_is_refused_with_400(client, make):
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                           data="status=verified", content_type="application/x-www-form-urlencoded",
                           headers=bearer(token_for(client, coordinator)))
    assert_error(response, 400, "bad_request")


# --- CSRF: cookies need the token, bearer tokens do not ----------------------------------------------

class TestCsrf:
    @pytest.fixture
    def app_settings(self):
        return {"WTF_CSRF_ENABLED": True}


    @staticmethod
    def sign_in_with_form(client, user) -> str:
        """Sign in through the real form, with its CSRF token; return the session's CSRF token."""
        page = client.get("/login").get_data(as_text=True)
        csrf_token = re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD,
                                               "csrf_token": csrf_token})
        assert response.status_code == 302, response.get_data(as_text=True)
        return csrf_token

    def test_cookie_signed_coordinator_cannot_write_without_csrf_token(self, client, make):
        coordinator = make.coordinator(verified=True)
        organisation = make.organisation(status=OrganisationStatus.PENDING)
        self.sign_in_with_form(client, coordinator)
        response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                               json={"status": "verified"})
        assert_error(response, 400, "csrf_failed")
        assert organisation_in_database(organisation.id).status is OrganisationStatus.PENDING

    def test_cookie_signed_coordinator_can_write_with_csrf_header(self, client, make):
        coordinator = make.coordinator(verified=True)
        organisation = make.organisation(status=OrganisationStatus.PENDING)
        csrf_token = self.sign_in_with_form(client, coordinator)
        response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                               json={"status": "verified"}, headers={"X-CSRFToken": csrf_token})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert organisation_in_database(organisation.id).status is OrganisationStatus.VERIFIED

    def test_cookie_signed_user_can_read_without_csrf_token(self, client, make):
        coordinator = make.coordinator(verified=True)
        self.sign_in_with_form(client, coordinator)
        response = client.get("/api/v1/me")
        assert response.status_code == 200
        assert response.get_json()["email"] == coordinator.email

    def test_token_holder_can_write_without_csrf_token(self, client, make):
        coordinator = make.coordinator(verified=True)
        organisation = make.organisation(status=OrganisationStatus.PENDING)
        token = token_for(client, coordinator)  # itself a write without a CSRF token
        response = client.post(f"/api/v1/organisations/{organisation.id}/verification",
                               json={"status": "verified"}, headers=bearer(token))
        assert response.status_code == 200, response.get_data(as_text=True)
        assert organisation_in_database(organisation.id).status is OrganisationStatus.VERIFIED


def test_cookie_signed_coordinator_can_write_when_csrf_is_switched_off(client, make):
    """The test settings switch CSRF off everywhere; the API must honour that like every form does."""
    coordinator = make.coordinator(verified=True)
    organisation = make.organisation(status=OrganisationStatus.PENDING)
    signed_in = client.post("/login", data={"email": coordinator.email, "password": factories.PASSWORD})
    assert signed_in.status_code == 302
    response = client.post(f"/api/v1/organisations/{organisation.id}/verification", json={"status": "verified"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert organisation_in_database(organisation.id).status is OrganisationStatus.VERIFIED


# --- errors and the OpenAPI document -----------------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/v1/nothing-here", "/api/v1/organisations/1", "/api/v2/health"])
def test_unknown_api_address_answers_json_404(client, url):
    assert_error(client.get(url), 404, "not_found")


def test_wrong_method_on_an_api_address_answers_json_405(client):
    assert_error(client.get("/api/v1/tokens"), 405, "method_not_allowed")


def _api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")]


def test_openapi_document_describes_every_api_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]
    server = document["servers"][0]["url"]
    rules = _api_rules(app)
    assert len(rules) >= 7
    for rule in rules:
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        assert path.startswith(server)
        documented = document["paths"].get(path.removeprefix(server))
        assert documented is not None, f"{rule.rule} is not in the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in documented, f"{method} {rule.rule} is not in the OpenAPI document"
        shared = documented.get("parameters", [])  # OpenAPI allows path-level parameters for every operation
        for parameter in rule.arguments:
            operations = [documented[m.lower()] for m in rule.methods - {"HEAD", "OPTIONS"}]
            for operation in operations:
                declared = shared + operation.get("parameters", [])
                assert parameter in {p["name"] for p in declared if p["in"] == "path"}


def test_openapi_document_documents_no_route_the_app_lacks(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    server = document["servers"][0]["url"]
    registered = {re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule).removeprefix(server)
                  for rule in _api_rules(app)}
    assert set(document["paths"]) == registered


def test_openapi_error_schema_matches_what_errors_look_like(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    schema = schemas["Error"]["properties"]["error"]
    schema = schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    answered = client.get("/api/v1/me").get_json()["error"]
    assert set(schema["required"]) == set(answered)
