"""Old access does not survive: signing out ends the session on the server, so a copied session or remember-me
cookie stops working; changing the password ends every other session and revokes the API tokens; a reset
ends them all."""
import re

import sqlalchemy as sa

from matchmaker.auth.models import ApiToken, UserSession
from matchmaker.extensions import db
from tests.factories import PASSWORD
from tests.pages import text_of

NEW_PASSWORD = "a brand new passphrase"


def signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def sign_in(client, user, password=PASSWORD, remember=False):
    response = client.post("/login", data={"email": user.email, "password": password,
                                           "remember": "y" if remember else ""})
    assert response.status_code == 302, text_of(response)
    return response


def browser_with_cookies(app, **cookies):
    """Another browser, holding copies of the given cookies (as an attacker who stole them would)."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def token_for(client, user, password=PASSWORD) -> str:
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": password})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["token"]


def token_works(app, raw_token) -> bool:
    return app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw_token}"}).status_code == 200


def change_password(client, current=PASSWORD, new=NEW_PASSWORD):
    return client.post("/account/password", data={"current_password": current, "password": new, "confirm": new},
                       headers={"Accept-Language": "en"})


def sessions_of(user) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == user.id))


# --- signing out --------------------------------------------------------------------------------------

def test_a_copied_session_cookie_no_longer_signs_anyone_in_after_signing_out(app, client, make):
    sign_in(client, make.user(verified=True))
    stolen = client.get_cookie("session").value
    assert signed_in(browser_with_cookies(app, session=stolen))

    client.post("/logout")

    assert not signed_in(browser_with_cookies(app, session=stolen))


def test_a_copied_remember_me_cookie_no_longer_signs_anyone_in_after_signing_out(app, client, make):
    user = make.user(verified=True)
    sign_in(client, user, remember=True)
    stolen = client.get_cookie("remember_token").value
    assert signed_in(browser_with_cookies(app, remember_token=stolen))

    client.post("/logout")

    assert not signed_in(browser_with_cookies(app, remember_token=stolen))
    assert sessions_of(user) == 0


def test_signing_out_on_one_device_keeps_the_others_signed_in(app, client, make):
    user = make.user(verified=True)
    phone = app.test_client()
    sign_in(client, user)
    sign_in(phone, user)

    client.post("/logout")

    assert not signed_in(client)
    assert signed_in(phone)


# --- changing the password ------------------------------------------------------------------------------

def test_changing_the_password_signs_out_every_other_device_and_revokes_the_api_tokens(app, client, make):
    user = make.user(verified=True)
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, user, remember=True)
    sign_in(phone, user)
    stolen_remember = laptop.get_cookie("remember_token").value
    raw_token = token_for(app.test_client(), user)
    sign_in(client, user)

    response = change_password(client)

    assert response.status_code == 302
    page = text_of(client.get("/account", headers={"Accept-Language": "en"}))
    assert "Every other device has been signed out and your API tokens have been revoked." in page
    assert signed_in(client)
    assert not signed_in(laptop) and not signed_in(phone)
    assert not signed_in(browser_with_cookies(app, remember_token=stolen_remember))
    assert not token_works(app, raw_token)
    assert sessions_of(user) == 1
    assert client.post("/logout").status_code == 302
    sign_in(client, user, password=NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing_and_says_so(app, client, make):
    user = make.user(verified=True)
    phone = app.test_client()
    sign_in(phone, user)
    raw_token = token_for(app.test_client(), user)
    sign_in(client, user)

    response = change_password(client, current="not my password")

    page = text_of(response)
    assert response.status_code == 422
    assert re.search(r'id="current_password-error">\s*This is not your current password.', page)
    assert NEW_PASSWORD not in page and "not my password" not in page
    assert signed_in(phone) and token_works(app, raw_token)
    client.post("/logout")
    sign_in(client, user)  # the old password still opens the account


def test_a_new_password_follows_the_usual_rules(client, make):
    user = make.user(verified=True)
    sign_in(client, user)

    response = change_password(client, new="short")

    assert response.status_code == 422
    assert "Use between 10 and 128 characters." in text_of(response)
    client.post("/logout")
    sign_in(client, user)


def test_the_account_page_says_what_changing_the_password_does(client, make):
    sign_in(client, make.user(verified=True))

    page = text_of(client.get("/account", headers={"Accept-Language": "en"}))

    assert "Change your password" in page
    assert "Changing it signs you out on every other device, and revokes all your API tokens" in page


# --- resetting the password -----------------------------------------------------------------------------

def test_a_password_reset_signs_out_every_device_and_revokes_the_api_tokens(app, client, make, mailbox):
    user = make.user(verified=True)
    laptop = app.test_client()
    sign_in(laptop, user, remember=True)
    stolen_remember = laptop.get_cookie("remember_token").value
    raw_token = token_for(app.test_client(), user)

    client.post("/forgot-password", data={"email": user.email})
    link = mailbox.link(user.email, "/reset-password/")
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                           headers={"Accept-Language": "en"}, follow_redirects=True)

    assert "every device signed in to your account has been signed out" in text_of(response)
    assert not signed_in(laptop)
    assert not signed_in(browser_with_cookies(app, remember_token=stolen_remember))
    assert not token_works(app, raw_token)
    assert sessions_of(user) == 0
    db.session.expire_all()
    assert all(token.revoked_at is not None for token in db.session.scalars(sa.select(ApiToken)))
