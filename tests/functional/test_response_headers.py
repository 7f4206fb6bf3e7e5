"""What browsers and caches are told to keep: production pins HTTPS (HSTS); nothing shown to a signed-in person
(least of all a new access token) is stored by a browser or a shared cache; public pages cache as usual."""
import pytest

from matchmaker import create_app
from tests.factories import PASSWORD


def stores_nothing(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


# --- HSTS --------------------------------------------------------------------------------------------

@pytest.fixture
def production_client(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-key-for-this-test-only")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PUBLIC_URL", "https://localhost")
    app = create_app("production", MATCHING_INDEX_DIR=str(tmp_path / "matching"))
    return app.test_client()


@pytest.mark.parametrize("url", ["/login", "/no-such-page", "/static/css/app.css"])
def test_production_tells_browsers_to_use_https_only_for_a_year(production_client, url):
    response = production_client.get(url, base_url="https://localhost")

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_development_and_tests_send_no_hsts_so_localhost_keeps_working(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


@pytest.mark.parametrize("app_settings", [{"HSTS_SECONDS": 600}])
def test_the_hsts_duration_is_the_configured_one(client, app_settings):
    assert client.get("/login").headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"


# --- Cache-Control -----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/account", "/challenges/", "/no-such-page"])
def test_pages_for_a_signed_in_person_are_never_stored(client, make, login, url):
    login(make.user(verified=True))

    response = client.get(url)

    assert stores_nothing(response)
    assert "Cookie" in response.headers.get("Vary", "")


def test_the_page_showing_a_new_token_is_never_stored(client, make, login):
    login(make.user(verified=True))

    response = client.post("/account/tokens", data={"name": "Spreadsheet"})

    assert response.status_code == 200 and "Spreadsheet" in response.get_data(as_text=True)
    assert stores_nothing(response)


def test_the_api_answer_carrying_a_new_token_is_never_stored(client, make):
    user = make.user(verified=True)

    response = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})

    assert response.status_code == 201
    assert stores_nothing(response)


def test_api_answers_to_a_token_holder_are_never_stored(client, make):
    headers = make.api_headers(client, make.user(verified=True))

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 200
    assert stores_nothing(response)
    assert "Authorization" in response.headers.get("Vary", "")


@pytest.mark.parametrize("url", ["/", "/challenges/", "/login", "/static/css/app.css", "/api/v1/challenges"])
def test_public_pages_for_visitors_keep_normal_caching(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not stores_nothing(response)
