"""Personal access tokens expire (90 days unless asked otherwise, within bounds), one person holds a limited
number, an expired token says so, and only people who confirmed their address can get one, on the account page
as through the API."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import ApiToken
from matchmaker.extensions import db
from matchmaker.types import utcnow
from tests.factories import PASSWORD
from tests.pages import text_of


def ask_token(client, user, **fields):
    return client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD, **fields},
                       headers={"Accept-Language": "en"})


def tokens_of(user) -> list[ApiToken]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def days_from_now(moment) -> float:
    return (moment - utcnow()) / timedelta(days=1)


def create_on_the_page(client, **fields):
    return client.post("/account/tokens", data={"name": "Spreadsheet", **fields}, headers={"Accept-Language": "en"})


# --- expiry -----------------------------------------------------------------------------------------

def test_a_token_works_for_90_days_unless_asked_otherwise(client, make):
    user = make.user(verified=True)

    answer = ask_token(client, user)

    assert answer.status_code == 201
    [token] = tokens_of(user)
    assert 89.9 < days_from_now(token.expires_at) <= 90
    assert answer.get_json()["expires_at"] == token.expires_at.isoformat()


def test_a_person_can_choose_how_many_days_a_token_works(client, make, login):
    user = make.user(verified=True)

    assert ask_token(client, user, days=7).status_code == 201
    login(user)
    assert create_on_the_page(client, days="30").status_code == 200

    week, month = tokens_of(user)
    assert 6.9 < days_from_now(week.expires_at) <= 7
    assert 29.9 < days_from_now(month.expires_at) <= 30


@pytest.mark.parametrize("days", [0, -3, 366, 2.5, "ten", True])
def test_a_lifetime_out_of_bounds_is_refused_with_a_clear_message(client, make, days):
    user = make.user(verified=True)

    answer = ask_token(client, user, days=days)

    assert answer.status_code == 422
    assert "Choose a whole number of days between 1 and 365." in answer.get_json()["error"]["fields"]["days"]
    assert tokens_of(user) == []


def test_the_token_form_refuses_a_lifetime_out_of_bounds_and_keeps_what_was_typed(client, make, login):
    user = make.user(verified=True)
    login(user)

    response = create_on_the_page(client, days="400")

    page = text_of(response)
    assert response.status_code == 422
    assert 'id="days-error"' in page and "between 1 and 365" in page
    assert 'value="Spreadsheet"' in page and 'value="400"' in page
    assert tokens_of(user) == []


@pytest.mark.parametrize("app_settings", [{"API_TOKEN_DAYS": 0}])
def test_an_operator_may_make_tokens_that_never_expire_by_default(client, make):
    user = make.user(verified=True)

    assert ask_token(client, user).status_code == 201

    [token] = tokens_of(user)
    assert token.expires_at is None


def test_an_expired_token_is_refused_and_says_it_expired(app, client, make):
    user = make.user(verified=True)
    raw = ask_token(client, user).get_json()["token"]
    [token] = tokens_of(user)
    token.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}",
                                                            "Accept-Language": "en"})

    assert response.status_code == 401
    assert "This access token expired on" in response.get_json()["error"]["message"]


def test_the_account_page_shows_when_each_token_expires(client, make, login):
    user = make.user(verified=True)
    login(user)
    create_on_the_page(client, days="30")
    create_on_the_page(client, name="Old script")
    old = tokens_of(user)[1]
    old.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()

    page = text_of(client.get("/account", headers={"Accept-Language": "en"}))

    assert "Expires" in page
    assert re.search(r"expired on", page)
    assert "Leave empty for 90 days." in page


# --- the cap ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("app_settings", [{"API_TOKEN_LIMIT": 2}])
def test_a_person_cannot_hold_more_tokens_than_the_limit(client, make, login):
    user = make.user(verified=True)
    ask_token(client, user)
    ask_token(client, user)

    refused = ask_token(client, user)
    login(user)
    page = create_on_the_page(client)

    assert refused.status_code == 422
    message = "You already have 2 active tokens, the most allowed. Revoke one you no longer use"
    assert message in refused.get_json()["error"]["message"]
    assert page.status_code == 422 and message in text_of(page)
    assert len(tokens_of(user)) == 2


@pytest.mark.parametrize("app_settings", [{"API_TOKEN_LIMIT": 1}])
def test_revoked_and_expired_tokens_do_not_count_towards_the_limit(client, make):
    user = make.user(verified=True)
    ask_token(client, user)
    [first] = tokens_of(user)
    first.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    assert ask_token(client, user).status_code == 201


# --- only for a confirmed address ---------------------------------------------------------------------

def test_an_academic_whose_address_is_not_confirmed_cannot_get_a_token_from_the_api(client, make):
    academic = make.academic(verified=False)

    answer = ask_token(client, academic)

    assert answer.status_code == 403
    assert "Confirm your e-mail address before creating an API token" in answer.get_json()["error"]["message"]
    assert tokens_of(academic) == []


def test_an_unconfirmed_person_is_told_on_the_account_page_to_confirm_before_creating_tokens(client, make, login):
    user = make.user(verified=False)
    login(user)

    page = text_of(client.get("/account", headers={"Accept-Language": "en"}))
    refused = create_on_the_page(client)

    assert "Confirm your e-mail address to create tokens" in page
    assert 'action="/account/tokens"' not in page
    assert refused.status_code == 403
    assert "Confirm your e-mail address before creating an API token" in text_of(refused)
    assert tokens_of(user) == []


def test_the_openapi_document_describes_the_lifetime_and_the_expiry_of_a_token(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/tokens"]["post"]

    def schema_of(holder: dict) -> dict:
        schema = holder["content"]["application/json"]["schema"]
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema

    request_fields = schema_of(operation["requestBody"])["properties"]
    answer_fields = schema_of(operation["responses"]["201"])["properties"]
    days = request_fields["days"]
    assert "integer" in days["type"] and days["minimum"] == 1 and days["maximum"] == 365
    assert "expires_at" in answer_fields
    assert {"401", "403", "422", "429"} <= set(operation["responses"])
