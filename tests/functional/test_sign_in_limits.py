"""The brake on password guessing holds: per account and per address, shared by the sign-in form and the token
endpoint, counted before the password is checked (so parallel requests cannot all get through), shared by every
worker through Redis, not dodged by a forged X-Forwarded-For, and the same for a known and an unknown address."""
import json
import threading
import uuid
from http.client import HTTPConnection

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from matchmaker.auth import services
from tests.conftest import TEST_REDIS_URL, make_test_app
from tests.factories import PASSWORD

LIMITS_ON = {"RATELIMIT_ENABLED": True}


@pytest.fixture
def app_settings():
    return dict(LIMITS_ON)


def sign_in(client, email, password, address="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": password},
                       headers={"Accept-Language": "en"}, environ_base={"REMOTE_ADDR": address})


def ask_token(client, email, password, address="10.0.0.1", **headers):
    return client.post("/api/v1/tokens", json={"email": email, "password": password},
                       headers=headers, environ_base={"REMOTE_ADDR": address})


# --- per account, per address, one budget for both doors ---------------------------------------------

def test_guessing_one_account_from_many_addresses_is_refused_after_five_failures(client, make):
    user = make.user(verified=True)

    for attempt in range(5):
        assert sign_in(client, user.email, "a wrong guess", f"10.0.1.{attempt}").status_code == 200
    refused = sign_in(client, user.email, PASSWORD, "10.0.1.99")

    assert refused.status_code == 429
    assert "Too many attempts. Please wait a minute and try again." in refused.get_data(as_text=True)
    # Another account, from the same fresh address, is not affected.
    other = make.user(verified=True)
    assert sign_in(client, other.email, PASSWORD, "10.0.1.99").status_code == 302


def test_the_sign_in_form_and_the_token_endpoint_share_one_budget(client, make):
    user = make.user(verified=True)

    for attempt in range(3):
        assert sign_in(client, user.email, f"wrong {attempt}").status_code == 200
    for attempt in range(2):
        assert ask_token(client, user.email, f"wrong again {attempt}").status_code == 401

    assert ask_token(client, user.email, PASSWORD).status_code == 429
    assert sign_in(client, user.email, PASSWORD).status_code == 429


def test_an_unknown_address_uses_up_its_budget_like_a_known_one(client):
    for attempt in range(5):
        assert sign_in(client, "nobody@example.org", "a guess", f"10.0.2.{attempt}").status_code == 200
    assert sign_in(client, "Nobody@Example.org", "a guess", "10.0.2.99").status_code == 429


def test_wrong_current_passwords_on_the_account_page_use_up_the_same_budget(client, make, login):
    user = make.user(verified=True)
    login(user)

    for attempt in range(5):
        response = client.post("/account/password", data={
            "current_password": f"wrong {attempt}", "password": "a brand new passphrase",
            "confirm": "a brand new passphrase"}, headers={"Accept-Language": "en"})
        assert response.status_code == 422
        assert "This is not your current password." in response.get_data(as_text=True)

    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert response.status_code == 429


@pytest.mark.parametrize("app_settings", [{**LIMITS_ON, "LOGIN_ACCOUNT_RATE_LIMIT": "3 per hour"}])
def test_an_hourly_budget_says_how_many_minutes_to_wait(client, make):
    user = make.user(verified=True)
    for attempt in range(3):
        sign_in(client, user.email, f"wrong {attempt}")

    refused = sign_in(client, user.email, "wrong again")

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 60
    assert "Please try again in" in refused.get_data(as_text=True)


def test_a_password_reset_gives_the_owner_back_the_budget_a_guesser_used_up(client, make, mailbox):
    user = make.user(verified=True)
    for attempt in range(5):
        sign_in(client, user.email, f"wrong {attempt}", f"10.0.3.{attempt}")
    assert sign_in(client, user.email, PASSWORD, "10.0.3.50").status_code == 429

    client.post("/forgot-password", data={"email": user.email})
    link = mailbox.link(user.email, "/reset-password/")
    client.post(link, data={"password": "a brand new passphrase", "confirm": "a brand new passphrase"})

    assert sign_in(client, user.email, "a brand new passphrase", "10.0.3.50").status_code == 302


# --- X-Forwarded-For ------------------------------------------------------------------------------------

def test_a_forged_x_forwarded_for_does_not_dodge_the_limit_without_trusted_proxies(client):
    for attempt in range(10):
        response = ask_token(client, f"guess{attempt}@example.org", "wrong",
                             **{"X-Forwarded-For": f"192.0.2.{attempt}"})
        assert response.status_code == 401

    response = ask_token(client, "guess99@example.org", "wrong", **{"X-Forwarded-For": "198.51.100.7"})

    assert response.status_code == 429


@pytest.mark.parametrize("app_settings", [{**LIMITS_ON, "TRUSTED_PROXIES": 1}])
def test_behind_one_trusted_proxy_each_client_address_has_its_own_budget(client):
    for attempt in range(10):
        assert ask_token(client, f"guess{attempt}@example.org", "wrong",
                         **{"X-Forwarded-For": "192.0.2.1"}).status_code == 401
    assert ask_token(client, "guess10@example.org", "wrong", **{"X-Forwarded-For": "192.0.2.1"}).status_code == 429

    # The proxy's own address is the same, but another client behind it still has its budget.
    assert ask_token(client, "guess11@example.org", "wrong", **{"X-Forwarded-For": "192.0.2.2"}).status_code == 401


# --- parallel requests ------------------------------------------------------------------------------------

@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=5)


def _post_json(port: int, path: str, body: dict) -> int:
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


# A real password hash (slow on purpose), so that parallel requests really overlap while it is checked.
@pytest.mark.parametrize("app_settings", [{**LIMITS_ON, "PASSWORD_HASH_METHOD": "scrypt"}])
def test_parallel_wrong_passwords_never_get_more_guesses_than_the_limit(app, make, live_server):
    email = make.user(verified=True).email
    requests = 20
    start = threading.Barrier(requests)
    statuses: list[int] = []

    def guess(n: int) -> None:
        start.wait()
        statuses.append(_post_json(live_server, "/api/v1/tokens", {"email": email, "password": f"guess {n}"}))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(statuses) == requests
    # Each 401 is a guess that reached the password check; the account's budget is 5.
    assert statuses.count(401) <= 5, statuses
    assert statuses.count(429) >= requests - 5, statuses


# --- several workers share one budget through Redis --------------------------------------------------------

@pytest.fixture
def redis_settings(redis_connection):
    prefix = f"matchmaker-test-{uuid.uuid4().hex}"
    yield {**LIMITS_ON, "RATELIMIT_STORAGE_URI": TEST_REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix}
    for key in redis_connection.scan_iter(match=f"*{prefix}*"):
        redis_connection.delete(key)


def test_two_workers_on_one_redis_share_the_sign_in_budget(app, make, database_url, redis_settings):
    first_worker = make_test_app(database_url, **redis_settings)
    second_worker = make_test_app(database_url, **redis_settings)
    user = make.user(verified=True)

    for attempt in range(3):
        assert ask_token(first_worker.test_client(), user.email, f"wrong {attempt}").status_code == 401
    for attempt in range(2):
        assert ask_token(second_worker.test_client(), user.email, f"wrong again {attempt}").status_code == 401

    assert ask_token(first_worker.test_client(), user.email, PASSWORD).status_code == 429
    assert ask_token(second_worker.test_client(), user.email, PASSWORD).status_code == 429


def test_two_workers_each_counting_in_memory_do_not_share_it(app, make, database_url):
    """Why several workers need REDIS_URL (and why the test above proves something): in memory, each counts alone."""
    user = make.user(verified=True)
    second_worker = make_test_app(database_url, **LIMITS_ON)
    for attempt in range(5):
        ask_token(app.test_client(), user.email, f"wrong {attempt}")

    assert ask_token(app.test_client(), user.email, PASSWORD).status_code == 429
    assert ask_token(second_worker.test_client(), user.email, PASSWORD).status_code == 201


# --- the same time for a known and an unknown address ------------------------------------------------------

@pytest.mark.parametrize("app_settings", [{"PASSWORD_HASH_METHOD": "scrypt"},
                                          {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:600000"}])
def test_an_unknown_address_is_checked_against_a_hash_as_slow_as_a_real_one(app):
    def method_and_cost(password_hash: str) -> str:
        return password_hash.split("$", 1)[0]

    assert method_and_cost(services.dummy_password_hash()) == method_and_cost(services.hash_password("anything"))
    assert method_and_cost(services.dummy_password_hash()) == method_and_cost(
        generate_password_hash("x", method=app.config["PASSWORD_HASH_METHOD"]))


def test_a_mistyped_limit_stops_the_start_with_a_clear_message(database_url):
    with pytest.raises(RuntimeError, match="LOGIN_ACCOUNT_RATE_LIMIT must read like"):
        make_test_app(database_url, LOGIN_ACCOUNT_RATE_LIMIT="five a minute")
