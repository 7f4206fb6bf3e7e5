"""Protections a person relies on without seeing them: forms that other sites cannot send, headers that stop
scripts and framing, cookies scripts cannot read, a brake on password guessing, errors without internals."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import User
from matchmaker.extensions import db
from matchmaker.orgs.models import Organisation
from tests.factories import PASSWORD
from tests.pages import text_of

REGISTRATION = {
    "name": "Giulia Rossi", "email": "giulia.rossi@example.org", "password": PASSWORD, "confirm": PASSWORD,
    "language": "en", "organisation_name": "Cooperativa Arcobaleno", "kind": "cooperative", "city": "Torino",
}
CSRF_OFF = pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": False}])


@pytest.fixture
def app_settings():
    """This module runs with CSRF protection on, as in production."""
    return {"WTF_CSRF_ENABLED": True}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def csrf_token_on(client, url) -> str:
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page)
    assert field, f"no csrf_token on {url}"
    return re.search(r'value="([^"]+)"', field.group(0)).group(1)


def sign_in(client, email, password):
    token = csrf_token_on(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       headers={"Accept-Language": "en"})


# --- CSRF --------------------------------------------------------------------------------------------

def test_a_form_sent_without_its_security_token_is_refused_and_changes_nothing(client):
    users_before, organisations_before = count(User), count(Organisation)

    response = client.post("/register/organisation", data=REGISTRATION, headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert "sent without its security token" in text_of(response)
    assert (count(User), count(Organisation)) == (users_before, organisations_before)


def test_a_form_sent_with_a_forged_security_token_is_refused(client):
    csrf_token_on(client, "/register/organisation")  # the session has a real token; the form carries another

    response = client.post("/register/organisation", data={**REGISTRATION, "csrf_token": "forged"},
                           headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert count(User) == 0


def test_the_same_form_sent_with_the_token_from_the_page_succeeds(client):
    token = csrf_token_on(client, "/register/organisation")

    response = client.post("/register/organisation", data={**REGISTRATION, "csrf_token": token})

    assert response.status_code == 302
    assert count(User) == 1 and count(Organisation) == 1


def test_signing_out_needs_the_security_token_so_another_site_cannot_sign_people_out(client, make):
    user = make.user(verified=True)
    assert sign_in(client, user.email, PASSWORD).status_code == 302

    forged = client.post("/logout", headers={"Accept-Language": "en"})
    assert forged.status_code == 400
    assert client.get("/account").status_code == 200

    token = csrf_token_on(client, "/account")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/account").status_code == 302


# --- headers and cookies -----------------------------------------------------------------------------

def _directives(policy: str) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
            for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/login", "/register/organisation", "/no-such-page"])
def test_pages_carry_the_security_headers(client, url):
    response = client.get(url)

    policy = _directives(response.headers["Content-Security-Policy"])
    script_src = policy.get("script-src", policy.get("default-src"))
    assert script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"strict-origin-when-cross-origin", "no-referrer",
                                                   "same-origin", "strict-origin"}


def test_pages_have_no_inline_scripts_that_the_policy_would_block(client):
    page = client.get("/").get_data(as_text=True)

    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S):
        assert "src=" in attributes and not body.strip()


def test_the_session_cookie_cannot_be_read_by_scripts_nor_sent_by_other_sites(client, make):
    user = make.user(verified=True)

    response = sign_in(client, user.email, PASSWORD)

    cookies = [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert cookies, "signing in sets the session cookie"
    attributes = {part.strip().lower() for part in cookies[-1].split(";")}
    assert "httponly" in attributes
    assert "samesite=lax" in attributes


# --- the brake on password guessing ------------------------------------------------------------------

def _fail(client, email):
    return client.post("/login", data={"email": email, "password": "a wrong guess"},
                       headers={"Accept-Language": "en"})


@CSRF_OFF
def test_the_eleventh_failed_sign_in_from_one_address_within_a_minute_is_refused_with_a_clear_message(client,
                                                                                                   make):
    user = make.user(verified=True)

    # Ten different accounts, so that only the budget of the address runs out.
    for attempt in range(10):
        assert _fail(client, f"guess{attempt}@example.org").status_code == 200, f"attempt {attempt + 1}"
    refused = _fail(client, user.email)

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Too many attempts. Please wait a minute and try again." in text_of(refused)
    # The right password does not get past the brake either.
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 429


@CSRF_OFF
def test_successful_sign_ins_do_not_count_towards_the_limit(client, make):
    user = make.user(verified=True)

    for _ in range(12):
        assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
        assert client.post("/logout").status_code == 302
    for attempt in range(5):
        assert _fail(client, user.email).status_code == 200, f"failure {attempt + 1}"
    assert _fail(client, user.email).status_code == 429


# --- errors ------------------------------------------------------------------------------------------

def test_a_missing_page_is_the_friendly_page_without_internals(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})

    page = text_of(response)
    assert response.status_code == 404
    assert "We could not find this page." in page
    assert "Go to the home page" in page
    assert "Traceback" not in page and "werkzeug" not in page.lower()


def test_a_wrong_method_is_answered_with_the_friendly_page(client):
    response = client.get("/logout", headers={"Accept-Language": "en"})

    assert response.status_code == 405
    assert "This address does not accept this kind of request." in text_of(response)


def test_a_client_asking_for_json_gets_a_json_error(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})

    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_an_unexpected_failure_shows_a_plain_message_and_no_stack_trace(app, client, caplog):
    def broken_page():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/broken-for-test", "broken_for_test", broken_page)

    response = client.get("/broken-for-test", headers={"Accept-Language": "en"})

    page = text_of(response)
    assert response.status_code == 500
    assert "Something went wrong on our side." in page
    assert "secret internal detail" not in page and "Traceback" not in page
    assert "secret internal detail" in caplog.text  # the trace goes to the log for the operators
