"""Hostile or broken input gets a clear 400, 404 or 422 in the caller's language and stores nothing: never a 500.

Each case here answered 500 before (on PostgreSQL, SQLite, or both); the sweep and the API fuzz test
(test_hostile_sweep.py, test_api_fuzz.py) look for the ones nobody thought of.
"""
import io
import json

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import Publication
from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge
from matchmaker.extensions import db
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.validation import Checker
from tests.pages import assert_api_refused, field_error, text_of

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

HUGE_IDS = [2**31, 2**63, int("9" * 30)]


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def assert_api_error(response, status: int, field: str | None = None) -> dict:
    """The API's error shape with this status, naming `field` when given."""
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]
    if field:
        assert field in error["fields"] and error["fields"][field], error
    return error


@pytest.fixture
def organisation(make):
    return make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.VERIFIED)


@pytest.fixture
def member_headers(client, make, organisation):
    member = make.member(organisation, verified=True)
    return make.api_headers(client, member)


@pytest.fixture
def academic_headers(client, make):
    return make.api_headers(client, make.academic(verified=True))


@pytest.fixture
def coordinator_headers(client, make):
    return make.api_headers(client, make.coordinator(verified=True))


def raw_json(text: str) -> dict:
    return {"data": text, "content_type": "application/json"}


# --- ids the database cannot hold ----------------------------------------------------------------------

@pytest.mark.parametrize("object_id", HUGE_IDS, ids=["2^31", "2^63", "30-nines"])
@pytest.mark.parametrize("path", ["/challenges/{}", "/offers/{}", "/people/{}", "/challenges/{}/edit"])
def test_a_page_address_with_an_id_too_large_for_the_database_is_a_plain_404(client, make, login, path, object_id):
    login(make.coordinator(verified=True))

    response = client.get(path.format(object_id))

    assert response.status_code == 404
    assert "We could not find this page" in text_of(response)


@pytest.mark.parametrize("object_id", HUGE_IDS, ids=["2^31", "2^63", "30-nines"])
@pytest.mark.parametrize("path", ["/api/v1/challenges/{}", "/api/v1/offers/{}/matches",
                                  "/api/v1/academics/{}/matches", "/api/v1/challenges/{}/team"])
def test_an_integration_asking_for_an_id_too_large_for_the_database_gets_a_json_404(
        client, coordinator_headers, path, object_id):
    response = client.get(path.format(object_id), headers=coordinator_headers)

    assert assert_api_error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/challenges/{}", "/api/v1/offers/{}"])
def test_an_integration_patching_an_id_too_large_for_the_database_gets_404_not_method_not_allowed(
        client, member_headers, path):
    response = client.patch(path.format(2**31), json={"title": "New title"}, headers=member_headers)

    assert assert_api_error(response, 404)["code"] == "not_found"


def test_a_coordinator_deciding_on_an_organisation_id_too_large_gets_a_404_and_nothing_changes(
        client, coordinator_headers):
    response = client.post(f"/api/v1/organisations/{2**31}/verification", json={"status": "verified"},
                           headers=coordinator_headers)

    assert_api_error(response, 404)


# --- NUL characters, which PostgreSQL cannot store ---------------------------------------------------------

@pytest.mark.parametrize("url", ["/challenges/?q=a%00b", "/challenges/?place=a%00b", "/people?q=a%00b",
                                 "/people?department=a%00b", "/offers/?q=x%00"])
def test_a_nul_character_in_a_filter_is_refused_with_a_clear_page_in_italian(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "NUL" in text_of(response) and "carattere invisibile" in text_of(response)


@pytest.mark.parametrize("url", ["/api/v1/offers?q=a%00b", "/api/v1/academics?department=a%00b",
                                 "/api/v1/challenges?place=%00"])
def test_a_nul_character_in_an_api_filter_is_refused_with_400_naming_it(client, url):
    response = client.get(url, headers={"Accept-Language": "en"})

    error = assert_api_error(response, 400)
    assert "NUL" in error["message"]
    assert set(error["fields"]) <= {"q", "department", "place"} and error["fields"]


def test_an_integration_posting_a_nul_character_gets_400_naming_the_field_and_nothing_is_saved(
        client, member_headers):
    body = {"title": "Energy\x00poverty", "summary": "Families cannot heat their homes.", "kind": "research_action"}

    response = client.post("/api/v1/challenges", json=body, headers=member_headers)

    assert "NUL" in assert_api_error(response, 400, "title")["message"]
    assert count(Challenge) == 0


def test_a_nul_character_inside_a_nested_json_value_is_refused_too(client, member_headers):
    body = {"title": "Energy poverty", "summary": "Families cannot heat their homes in winter.",
            "kind": "research_action", "keywords": ["a\x00"]}

    response = client.post("/api/v1/challenges", json=body, headers=member_headers)

    assert_api_error(response, 400, "keywords")
    assert count(Challenge) == 0


def test_signing_in_with_a_nul_in_the_email_is_refused_without_a_server_error(client, make):
    make.member(email="rosa@example.org", verified=True)

    page = client.post("/login", data={"email": "rosa@example.org\x00", "password": "x"})
    api = client.post("/api/v1/tokens", json={"email": "rosa@example.org\x00", "password": "x"})

    assert page.status_code == 400 and "NUL" in text_of(page)
    assert_api_error(api, 400, "email")


def test_registering_with_a_nul_in_the_name_is_refused_and_no_account_is_made(client):
    before = count(User)

    response = client.post("/register/organisation", data={
        "email": "new@example.org", "password": "correct horse battery", "confirm": "correct horse battery",
        "name": "Rosa\x00Bianchi", "language": "it", "organisation_name": "Nuova Cooperativa", "kind": "cooperative",
        "city": "Torino"})

    assert response.status_code == 400
    assert count(User) == before


def test_a_control_character_in_a_challenge_form_is_named_under_its_field_and_what_was_typed_is_kept(
        client, make, organisation, login):
    login(make.member(organisation, verified=True))

    response = client.post("/challenges/new", data={
        "title": "Energy poverty\x07", "summary": "Families cannot heat their homes.", "kind": "research_action",
        "scale": "neighbourhood", "visibility": "public", "description": "Line one\r\n\tindented"},
        headers={"Accept-Language": "en"})

    page = text_of(response)
    assert response.status_code == 422
    assert "invisible control character" in field_error(page, "title")
    assert field_error(page, "description") == ""  # tabs and line breaks are ordinary text
    assert "Families cannot heat their homes." in page
    assert count(Challenge) == 0


# --- JSON of the wrong shape ---------------------------------------------------------------------------

@pytest.mark.parametrize("organisation_id", [[1], {"id": 1}, True, "1", 1.5, 2**63],
                         ids=["list", "object", "true", "text", "fraction", "2^63"])
def test_an_organisation_id_that_is_not_a_whole_number_is_refused_naming_it(
        client, member_headers, organisation_id):
    body = {"title": "Energy poverty", "summary": "Families cannot heat their homes in winter.",
            "kind": "research_action", "organisation_id": organisation_id}

    response = client.post("/api/v1/challenges", json=body, headers=member_headers)

    assert_api_refused(response, "organisation_id")
    assert count(Challenge) == 0


@pytest.mark.parametrize("status", [["verified"], {"verified": True}, 1], ids=["list", "object", "number"])
def test_a_verification_status_that_is_not_a_text_is_refused_naming_it(client, make, coordinator_headers, status):
    organisation = make.organisation(status=OrganisationStatus.PENDING)

    response = client.post(f"/api/v1/organisations/{organisation.id}/verification", json={"status": status},
                           headers=coordinator_headers)

    assert_api_refused(response, "status")
    db.session.refresh(organisation)
    assert organisation.status is OrganisationStatus.PENDING


def test_an_infinite_number_reaching_the_shared_checker_is_a_field_message_not_a_crash(app):
    # The API's parser refuses infinities first; the Checker must hold on its own for every other caller.
    with app.test_request_context():  # its messages are translated for a request
        check = Checker({"capacity": float("inf"), "sdgs": [float("-inf")]})
        check.integer("capacity", minimum=1, maximum=100)
        check.sdgs()

    assert set(check.errors) == {"capacity", "sdgs"}


@pytest.mark.parametrize("number", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_an_infinite_or_not_a_number_in_json_is_refused_with_400_and_nothing_is_saved(
        client, academic_headers, number):
    text = '{"title": "Workshops", "description": "Two days.", "kind": "training", "capacity": ' + number + "}"

    response = client.post("/api/v1/offers", headers=academic_headers, **raw_json(text))

    assert assert_api_error(response, 400)["code"] == "bad_request"
    assert count(Offer) == 0


def test_a_lone_surrogate_in_json_is_refused_with_400_naming_the_field_and_nothing_is_saved(
        client, member_headers):
    text = ('{"title": "Energy \\ud800 poverty", "summary": "Families cannot heat their homes in winter.", '
            '"kind": "research_action"}')

    response = client.post("/api/v1/challenges", headers=member_headers, **raw_json(text))

    assert_api_error(response, 400, "title")
    assert count(Challenge) == 0


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_refused_with_400_and_the_worker_survives(client, member_headers, depth):
    text = '{"title": ' + "[" * depth + "]" * depth + "}"

    response = client.post("/api/v1/challenges", headers=member_headers, **raw_json(text))

    assert_api_error(response, 400)
    assert client.get("/api/v1/health").status_code == 200


def test_an_integration_is_told_in_italian_when_its_json_is_broken(client, member_headers):
    headers = {**member_headers, "Accept-Language": "it"}
    text = json.dumps({"title": "x"})[:-1]

    response = client.post("/api/v1/challenges", headers=headers, **raw_json(text))

    assert "JSON" in assert_api_error(response, 400)["message"]
    assert "non è un JSON valido" in response.get_json()["error"]["message"]


# --- publication files ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("filename", "content", "where"), [
    pytest.param("export.csv", b"title,abstract\nA paper," + b"x" * 140_000 + b"\n", "line 2",
                 id="csv-cell-too-long"),
    pytest.param("export.csv", b"title,year\nA pa\rper,2020\n", "line 2", id="csv-lone-carriage-return"),
    pytest.param("export.csv", b"title,year\nA paper," + b"9" * 5000 + b"\n", "line 2", id="csv-5000-digit-year"),
    pytest.param("refs.bib", b"@article{a,\n title={A paper},\n year={" + b"9" * 5000 + b"}}\n", "line 1",
                 id="bibtex-5000-digit-year"),
    pytest.param("refs.bib", b"@article{a, title={A paper}, year=2147483648}\n", "line 1", id="bibtex-year-2^31"),
    pytest.param("export.csv", b"title,year\nA paper,2020\nA p\x00per,2021\n", "line 3", id="csv-nul"),
])
def test_an_academic_uploading_a_hostile_publication_file_is_told_where_and_nothing_is_added(
        client, make, login, filename, content, where):
    login(make.academic(verified=True))

    response = client.post("/profile/publications/upload", data={"file": (io.BytesIO(content), filename)},
                           content_type="multipart/form-data", headers={"Accept-Language": "en"})

    assert response.status_code == 422, text_of(response)[:300]
    message = field_error(text_of(response), "file")
    assert "The file could not be read:" in message and where in message
    assert count(Publication) == 0
