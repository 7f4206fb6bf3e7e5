"""What people can and cannot do with their accounts, through the web pages: register, confirm the e-mail,
sign in and out, reset or change the password, manage API tokens, choose the language.

Links are read from the e-mails a real SMTP server in the test process received (the `mailbox` fixture)."""
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from matchmaker import ROOT
from matchmaker.auth.models import ApiToken, Language, Role, User
from matchmaker.extensions import db
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import MembershipStatus, Organisation, OrganisationKind, OrganisationStatus
from tests.factories import PASSWORD
from tests.pages import text_of

NEW_PASSWORD = "a brand new passphrase"
ITALIAN_CATALOGUE = Path(ROOT, "matchmaker", "translations", "it", "LC_MESSAGES", "messages.mo")


# --- helpers --------------------------------------------------------------------------------------------


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def user_with_email(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def stored_copies_to(email: str) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)))


def sign_in(client, email, password=PASSWORD):
    return english(client, "POST", "/login", data={"email": email, "password": password})


def organisation_form(**overrides) -> dict:
    data = {
        "name": "Giulia Rossi", "email": "giulia.rossi@example.org", "password": PASSWORD, "confirm": PASSWORD,
        "language": "en", "organisation_name": "Cooperativa Arcobaleno", "kind": "cooperative", "city": "Torino",
        "website": "www.arcobaleno.example.org", "description": "Job placement for young people in Barriera.",
    }
    data.update(overrides)
    return data


def academic_form(**overrides) -> dict:
    data = {
        "name": "Marco Bianchi", "email": "marco.bianchi@polito.it", "password": PASSWORD, "confirm": PASSWORD,
        "language": "en", "department": "DIST",
    }
    data.update(overrides)
    return data


def english(client, method, url, **kwargs):
    kwargs.setdefault("headers", {"Accept-Language": "en"})
    return client.open(url, method=method, **kwargs)


def require_italian_catalogue():
    if not ITALIAN_CATALOGUE.exists():
        pytest.skip("Italian catalogue not compiled")


# --- registration as an organisation member --------------------------------------------------------------

def test_organisation_member_can_register_a_new_organisation_which_stays_pending(client):
    response = english(client, "POST", "/register/organisation", data=organisation_form())

    assert response.status_code == 302
    assert response.location == "/login"
    user = user_with_email("giulia.rossi@example.org")
    assert user.name == "Giulia Rossi"
    assert user.roles == {Role.ORGANISATION}
    assert user.preferred_language is Language.EN
    assert not user.email_verified
    [membership] = user.memberships
    assert membership.status is MembershipStatus.ACTIVE
    organisation = membership.organisation
    assert organisation.name == "Cooperativa Arcobaleno"
    assert organisation.kind is OrganisationKind.COOPERATIVE
    assert organisation.city == "Torino"
    assert organisation.website == "https://www.arcobaleno.example.org"
    assert organisation.status is OrganisationStatus.PENDING

    # They may sign in before confirming the address, and find the organisation waiting.
    assert sign_in(client, "giulia.rossi@example.org").status_code == 302
    account = text_of(english(client, "GET", "/account"))
    assert "Cooperativa Arcobaleno" in account
    assert "Waiting for verification" in account


def test_organisation_member_typing_an_existing_organisation_name_in_any_case_asks_to_join_it(client, make):
    existing = make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.VERIFIED)
    organisations_before = count(Organisation)

    response = english(client, "POST", "/register/organisation",
                       data=organisation_form(organisation_name="  cooperativa IL ponte ", kind="", city=""))

    assert response.status_code == 302
    assert count(Organisation) == organisations_before
    user = user_with_email("giulia.rossi@example.org")
    [membership] = user.memberships
    assert membership.organisation_id == existing.id
    assert membership.status is MembershipStatus.PENDING
    sign_in(client, "giulia.rossi@example.org")
    account = text_of(english(client, "GET", "/account"))
    assert "Your request to join is waiting for a coordinator." in account


def test_organisation_member_must_give_kind_and_city_for_a_new_organisation(client):
    users_before, organisations_before = count(User), count(Organisation)

    response = english(client, "POST", "/register/organisation", data=organisation_form(kind="", city="  "))

    page = text_of(response)
    assert response.status_code == 200
    assert 'id="kind-error"' in page and "Choose the kind of organisation." in page
    assert 'id="city-error"' in page and "Enter the city where your organisation works." in page
    assert (count(User), count(Organisation)) == (users_before, organisations_before)


def test_a_failed_registration_keeps_everything_typed_but_the_password_and_stores_nothing(client):
    users_before, organisations_before = count(User), count(Organisation)
    typed = organisation_form(password="short", confirm="short", kind="school", city="Ivrea",
                              website="www.scuola-ivrea.example.org",
                              description="A secondary school with a makers' lab.")

    response = english(client, "POST", "/register/organisation", data=typed)

    page = text_of(response)
    assert response.status_code == 200
    assert "Use between 10 and 128 characters." in page
    for value in ("Giulia Rossi", "giulia.rossi@example.org", "Cooperativa Arcobaleno", "Ivrea",
                  "www.scuola-ivrea.example.org"):
        assert f'value="{value}"' in page
    assert "A secondary school with a makers' lab.</textarea>" in page
    assert re.search(r'<option[^>]*selected[^>]*value="school"|<option[^>]*value="school"[^>]*selected', page)
    assert 'value="short"' not in page
    assert (count(User), count(Organisation)) == (users_before, organisations_before)
    assert user_with_email("giulia.rossi@example.org") is None


def test_registration_never_tells_whether_an_address_already_has_an_account(client, make, mailbox):
    make.user(email="anna.verdi@example.org", name="Anna Verdi", verified=True)
    users_before, organisations_before = count(User), count(Organisation)

    answers = []
    for email in ("Anna.Verdi@EXAMPLE.org", "someone.new@example.org"):
        response = english(client, "POST", "/register/organisation", data=organisation_form(
            email=email, organisation_name=f"Cooperativa {email[:4]}"))
        page = text_of(english(client, "GET", response.location))
        [message] = re.findall(r'<div class="alert[^"]*"[^>]*>\s*([^<]*?)\s*</div>', page)
        answers.append((response.status_code, response.location,
                        message.replace(email.lower(), "EMAIL")))

    assert answers[0] == answers[1]
    assert answers[0][:2] == (302, "/login")
    assert "If EMAIL can be used, we sent it a link to confirm the address." in answers[0][2]
    # Nothing was created for the taken address; the newcomer's account and organisation were.
    assert (count(User), count(Organisation)) == (users_before + 1, organisations_before + 1)
    assert user_with_email("anna.verdi@example.org").name == "Anna Verdi"


def test_the_owner_of_an_address_hears_that_someone_tried_to_register_with_it(client, make, mailbox):
    owner = make.user(email="anna.verdi@example.org", name="Anna Verdi", verified=True)

    english(client, "POST", "/register/organisation", data=organisation_form(email="anna.verdi@example.org"))

    [notice] = mailbox.to(owner.email)
    assert notice["Subject"] == "Someone tried to register with your address"
    body = mailbox.body(notice)
    assert "You already have an account, so nothing was created." in body
    assert "http://localhost/login" in body and "http://localhost/forgot-password" in body
    assert "/verify-email/" not in body
    # Asking again and again does not flood the owner's inbox.
    english(client, "POST", "/register/organisation", data=organisation_form(email="anna.verdi@example.org"))
    assert len(mailbox.to(owner.email)) == 1


def test_a_taken_address_with_a_mistake_elsewhere_gets_the_same_errors_as_a_new_one(client, make, mailbox):
    make.user(email="anna.verdi@example.org", verified=True)
    users_before, organisations_before = count(User), count(Organisation)

    # Kind and city are checked by the service, after the address: the form alone cannot hide the difference.
    pages = [text_of(english(client, "POST", "/register/organisation", data=organisation_form(
        email=email, kind="", city=""))).replace(email, "EMAIL")
        for email in ("anna.verdi@example.org", "someone.new@example.org")]

    assert pages[0] == pages[1]
    assert "Choose the kind of organisation." in pages[0]
    assert "Enter the city where your organisation works." in pages[0]
    assert "already exists" not in pages[0]
    assert mailbox.received == []
    assert (count(User), count(Organisation)) == (users_before, organisations_before)


def test_registering_with_a_too_short_password_is_refused(client):
    response = english(client, "POST", "/register/organisation",
                        data=organisation_form(password="123456789", confirm="123456789"))

    page = text_of(response)
    assert 'id="password-error"' in page and "Use between 10 and 128 characters." in page
    assert user_with_email("giulia.rossi@example.org") is None


def test_registering_with_two_different_passwords_is_refused(client):
    response = english(client, "POST", "/register/organisation",
                       data=organisation_form(confirm=PASSWORD + "!"))

    page = text_of(response)
    assert 'id="confirm-error"' in page and "The two passwords are different." in page
    assert user_with_email("giulia.rossi@example.org") is None


# --- registration as an academic -----------------------------------------------------------------------

def test_academic_can_register_with_a_polito_address_and_a_department(client):
    response = english(client, "POST", "/register/academic", data=academic_form())

    assert response.status_code == 302
    user = user_with_email("marco.bianchi@polito.it")
    assert user.roles == {Role.ACADEMIC}
    assert user.academic_profile.department.code == "DIST"
    sign_in(client, "marco.bianchi@polito.it")
    account = text_of(english(client, "GET", "/account"))
    assert "marco.bianchi@polito.it" in account and "Academic" in account


def test_academic_cannot_register_with_a_gmail_address_and_is_told_to_use_polito_it(client):
    users_before = count(User)

    response = english(client, "POST", "/register/academic", data=academic_form(email="marco.bianchi@gmail.com"))

    page = text_of(response)
    assert response.status_code == 200
    assert 'id="email-error"' in page
    assert "Academics register with their university e-mail (@polito.it)." in page
    assert 'value="marco.bianchi@gmail.com"' in page
    assert count(User) == users_before


def test_academic_must_choose_a_department(client):
    users_before = count(User)

    response = english(client, "POST", "/register/academic", data=academic_form(department=""))

    page = text_of(response)
    assert 'id="department-error"' in page and "Choose your department." in page
    assert count(User) == users_before


@pytest.mark.parametrize("app_settings", [{"ACADEMIC_EMAIL_DOMAINS": ("unito.it",)}])
def test_academic_domains_follow_the_configuration(client):
    refused = english(client, "POST", "/register/academic", data=academic_form())
    assert "Academics register with their university e-mail (@unito.it)." in text_of(refused)
    assert user_with_email("marco.bianchi@polito.it") is None

    accepted = english(client, "POST", "/register/academic", data=academic_form(email="m.bianchi@unito.it"))
    assert accepted.status_code == 302
    assert user_with_email("m.bianchi@unito.it").has_role(Role.ACADEMIC)


# --- e-mail verification -------------------------------------------------------------------------------

def _register_and_get_verification_link(client, mailbox) -> str:
    english(client, "POST", "/register/organisation", data=organisation_form())
    [mail] = mailbox.to("giulia.rossi@example.org")
    assert mail["Subject"] == "Confirm your e-mail address"
    return mailbox.link("giulia.rossi@example.org", "/verify-email/")


def test_new_member_receives_a_link_that_confirms_the_e_mail_after_pressing_the_button(client, mailbox):
    link = _register_and_get_verification_link(client, mailbox)

    shown = english(client, "GET", link)
    assert shown.status_code == 200
    assert "Confirm my e-mail address" in text_of(shown)
    assert not user_with_email("giulia.rossi@example.org").email_verified  # opening the link is not enough

    confirmed = english(client, "POST", link, follow_redirects=True)
    assert "your e-mail address giulia.rossi@example.org is confirmed" in text_of(confirmed)
    assert user_with_email("giulia.rossi@example.org").email_verified


def test_a_tampered_verification_link_is_refused(client, mailbox):
    link = _register_and_get_verification_link(client, mailbox)
    tampered = link[:-3] + ("xyz" if not link.endswith("xyz") else "abc")

    response = english(client, "POST", tampered, follow_redirects=True)

    assert "This confirmation link is not valid." in text_of(response)
    assert not user_with_email("giulia.rossi@example.org").email_verified


@pytest.mark.parametrize("app_settings", [{"EMAIL_VERIFICATION_MAX_AGE": -1}])
def test_an_expired_verification_link_says_it_expired(client, mailbox):
    link = _register_and_get_verification_link(client, mailbox)

    response = english(client, "POST", link, follow_redirects=True)

    assert "This confirmation link has expired." in text_of(response)
    assert not user_with_email("giulia.rossi@example.org").email_verified


def test_unconfirmed_user_can_ask_for_a_new_confirmation_link(client, make, login, mailbox):
    user = make.user(verified=False)
    login(user)

    response = english(client, "POST", "/verify-email/resend", follow_redirects=True)

    assert f"We sent a new confirmation link to {user.email}." in text_of(response)
    link = mailbox.link(user.email, "/verify-email/")
    english(client, "POST", link)
    assert user_with_email(user.email).email_verified


def test_asking_for_confirmation_links_again_and_again_is_refused_with_a_clear_message(client, make, login,
                                                                                       mailbox):
    user = make.user(verified=False)
    login(user)
    for _attempt in range(3):
        english(client, "POST", "/verify-email/resend")

    refused = english(client, "POST", "/verify-email/resend", follow_redirects=True)

    assert "We have already sent you several confirmation links." in text_of(refused)
    assert len(mailbox.to(user.email)) == 3


# --- signing in and out --------------------------------------------------------------------------------

def test_registered_user_can_sign_in_and_is_welcomed(client, make):
    user = make.user(name="Lucia Neri", verified=True)

    response = english(client, "POST", "/login", data={"email": user.email.upper(), "password": PASSWORD},
                       follow_redirects=True)

    assert "Welcome back, Lucia Neri." in text_of(response)
    assert english(client, "GET", "/account").status_code == 200


def test_visitor_asking_for_the_account_page_is_sent_to_sign_in(client):
    response = english(client, "GET", "/account")

    assert response.status_code == 302
    assert response.location == "/login?next=%2Faccount"


def test_signed_in_user_can_sign_out_with_a_post(client, make, login):
    login(make.user(verified=True))

    response = english(client, "POST", "/logout", follow_redirects=True)

    assert "You have signed out." in text_of(response)
    assert english(client, "GET", "/account").status_code == 302


def test_signing_out_by_get_is_not_allowed_and_keeps_the_session(client, make, login):
    login(make.user(verified=True))

    response = english(client, "GET", "/logout")

    assert response.status_code == 405
    assert english(client, "GET", "/account").status_code == 200


def test_keep_me_signed_in_sets_a_remember_cookie_only_when_asked(client, make, login):
    user = make.user(verified=True)
    login(user)
    assert client.get_cookie("remember_token") is None
    english(client, "POST", "/logout")

    login(user, remember=True)
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only


def test_wrong_password_is_explained_and_keeps_the_typed_e_mail(client, make):
    user = make.user(verified=True)

    response = english(client, "POST", "/login", data={"email": user.email, "password": "not my password"})

    page = text_of(response)
    assert response.status_code == 200
    assert "The e-mail or the password is not right. Check them and try again." in page
    assert f'value="{user.email}"' in page
    assert 'value="not my password"' not in page
    assert english(client, "GET", "/account").status_code == 302


def test_unknown_e_mail_gets_the_same_answer_as_a_wrong_password(client):
    response = english(client, "POST", "/login", data={"email": "nobody@example.org", "password": PASSWORD})

    assert "The e-mail or the password is not right." in text_of(response)


def test_sign_in_returns_to_the_local_page_asked_for(client, make):
    user = make.user(verified=True)

    response = english(client, "POST", "/login?next=%2Faccount", data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.location == "/account"


@pytest.mark.parametrize("target", ["http://evil.example/", "//evil.example", "https://evil.example/account",
                                    "/\\evil.example", "javascript:alert(1)"])
def test_sign_in_never_redirects_to_another_site(client, make, target):
    user = make.user(verified=True)

    response = client.post("/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.location == "/dashboard"


# --- password reset ------------------------------------------------------------------------------------

def _ask_for_reset(client, email):
    return english(client, "POST", "/forgot-password", data={"email": email})


def test_asking_to_reset_an_unknown_e_mail_gets_the_same_answer_and_sends_nothing(client, make, mailbox):
    user = make.user(verified=True)

    answers = []
    for email in ("nobody@example.org", user.email):
        response = _ask_for_reset(client, email)
        page = text_of(english(client, "GET", response.location))
        [message] = re.findall(r'<div class="alert[^"]*">([^<]*)</div>', page)
        answers.append((response.status_code, response.location, message.replace(email, "EMAIL")))

    assert answers[0] == answers[1]
    status, location, message = answers[0]
    assert (status, location) == (302, "/login")
    assert "a link to choose a new password is on its way" in message
    assert [m["To"] for m in mailbox.received] == [user.email]


def test_user_can_reset_a_forgotten_password_with_the_link_once(client, make, mailbox):
    user = make.user(verified=True)
    _ask_for_reset(client, user.email)
    [mail] = mailbox.to(user.email)
    assert mail["Subject"] == "Reset your password"
    link = mailbox.link(user.email, "/reset-password/")

    form = english(client, "GET", link)
    assert form.status_code == 200 and "Choose a new password" in text_of(form)
    changed = english(client, "POST", link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                      follow_redirects=True)
    assert "Your password has been changed" in text_of(changed)

    old = english(client, "POST", "/login", data={"email": user.email, "password": PASSWORD})
    assert old.status_code == 200 and "not right" in text_of(old)
    new = english(client, "POST", "/login", data={"email": user.email, "password": NEW_PASSWORD})
    assert new.status_code == 302
    english(client, "POST", "/logout")

    again = english(client, "POST", link, data={"password": "yet another passphrase",
                                                 "confirm": "yet another passphrase"}, follow_redirects=True)
    assert "This link is not valid or has already been used." in text_of(again)
    assert english(client, "POST", "/login",
                   data={"email": user.email, "password": "yet another passphrase"}).status_code == 200


def test_a_reset_with_a_too_short_password_changes_nothing(client, make, mailbox):
    user = make.user(verified=True)
    _ask_for_reset(client, user.email)
    link = mailbox.link(user.email, "/reset-password/")

    response = english(client, "POST", link, data={"password": "short", "confirm": "short"})

    assert "Use between 10 and 128 characters." in text_of(response)
    assert english(client, "POST", "/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


# --- the account page and API tokens -------------------------------------------------------------------

def _create_token(client, name="Spreadsheet") -> str:
    response = english(client, "POST", "/account/tokens", data={"name": name})
    assert response.status_code == 200
    match = re.search(r'<code[^>]*id="new-token"[^>]*>\s*(mm_[\w-]+)\s*</code>', response.get_data(as_text=True))
    assert match, "the new token is shown on the page"
    return match.group(1)


def _me(client, raw_token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw_token}"})


def test_user_can_create_an_api_token_that_is_shown_only_once_and_works(client, make, login):
    user = make.user(verified=True)
    login(user)

    raw = _create_token(client)

    later = text_of(english(client, "GET", "/account"))
    assert "Spreadsheet" in later
    assert raw not in later
    # The token works on its own, without the browser session.
    api = _me(client.application.test_client(), raw)
    assert api.status_code == 200
    assert user.email in api.get_data(as_text=True)


def test_a_token_needs_a_name(client, make, login):
    login(make.user(verified=True))

    response = english(client, "POST", "/account/tokens", data={"name": "  "})

    assert response.status_code == 422
    assert "Give the token a name" in text_of(response)
    assert count(ApiToken) == 0


def test_user_can_revoke_a_token_which_then_stops_working(client, make, login):
    user = make.user(verified=True)
    login(user)
    raw = _create_token(client)
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))

    response = english(client, "POST", f"/account/tokens/{token.id}/revoke", follow_redirects=True)

    assert "has been revoked: it no longer works" in text_of(response)
    assert "You have no active tokens." in text_of(response)
    assert _me(client.application.test_client(), raw).status_code == 401


def test_another_user_cannot_revoke_my_token(client, app, make, login):
    owner, intruder = make.user(verified=True), make.user(verified=True)
    login(owner)
    raw = _create_token(client)
    token_id = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == owner.id))
    english(client, "POST", "/logout")
    login(intruder)

    response = english(client, "POST", f"/account/tokens/{token_id}/revoke")

    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(ApiToken, token_id).revoked_at is None
    assert _me(app.test_client(), raw).status_code == 200
    assert english(client, "POST", "/account/tokens/999999/revoke").status_code == 404


# --- language ------------------------------------------------------------------------------------------

def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_browser_asking_for_english_gets_english_pages(client):
    response = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})

    assert html_lang(response) == "en"
    assert "<h1 class=\"h2 mb-3\">Sign in</h1>" in response.get_data(as_text=True)


def test_italian_is_the_default_language(client):
    response = client.get("/login")

    assert html_lang(response) == "it"
    require_italian_catalogue()
    assert "<h1 class=\"h2 mb-3\">Sign in</h1>" not in response.get_data(as_text=True)


def test_visitor_can_switch_to_italian_and_the_choice_is_remembered(client):
    response = client.post("/language/it", data={"next": "/login"}, headers={"Accept-Language": "en"})

    assert response.status_code == 302 and response.location == "/login"
    with client.session_transaction() as session:
        assert session["language"] == "it"
    # The browser still prefers English, but the choice wins on every following page.
    assert html_lang(client.get("/login", headers={"Accept-Language": "en"})) == "it"
    assert html_lang(client.get("/register", headers={"Accept-Language": "en"})) == "it"
    back = client.post("/language/en", headers={"Accept-Language": "en"})
    assert back.location == "/"
    assert html_lang(client.get("/", headers={"Accept-Language": "it"})) == "en"


def test_signed_in_user_language_choice_is_saved_to_the_account(client, app, make, login):
    user = make.user(language=Language.EN, verified=True)
    login(user)

    client.post("/language/it", headers={"Accept-Language": "en"})

    db.session.refresh(user)
    assert user.preferred_language is Language.IT
    # On another device, signing in brings the choice back.
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"email": user.email, "password": PASSWORD})
    assert html_lang(elsewhere.get("/", headers={"Accept-Language": "en"})) == "it"


def test_language_switch_refuses_unknown_languages_and_external_redirects(client):
    assert client.post("/language/fr").status_code == 404

    response = client.post("/language/en", data={"next": "//evil.example/"})
    assert response.location == "/"
