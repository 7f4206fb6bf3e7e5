"""What a signed-in person can change on the account page, through the web pages: their name, their language,
their e-mail address (confirmed by a link sent to the new address) and their password; and what they cannot.

Links are read from the e-mails a real SMTP server in the test process received (the `mailbox` fixture)."""
import re

import pytest

from matchmaker.auth.models import Language, Role, User
from matchmaker.extensions import db
from tests.factories import PASSWORD
from tests.pages import assert_field_refused, text_of, without_csrf_tokens

NEW_PASSWORD = "a brand new passphrase"
CONFIRM_PREFIX = "/account/email/confirm/"


def english(client, method, url, **kwargs):
    kwargs.setdefault("headers", {"Accept-Language": "en"})
    return client.open(url, method=method, **kwargs)


def reloaded(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def ask_for_address(client, address, password=PASSWORD, **kwargs):
    return english(client, "POST", "/account/email",
                   data={"new_email": address, "email_current_password": password}, **kwargs)


def follow_the_link(client, path):
    """Open the link from the e-mail and press its button, as the owner of the new address does."""
    page = english(client, "GET", path)
    assert page.status_code == 200, text_of(page)
    return english(client, "POST", path, follow_redirects=True)


def account_page(client) -> str:
    return text_of(english(client, "GET", "/account"))


# --- the name ------------------------------------------------------------------------------------------

def test_a_person_can_change_their_name(client, make, login):
    user = make.user(verified=True, name="Giulia Rossi")
    login(user)

    response = english(client, "POST", "/account/name", data={"full_name": "  Giulia Rossi Bianchi "},
                       follow_redirects=True)

    assert "Your name is now Giulia Rossi Bianchi." in text_of(response)
    assert reloaded(user).name == "Giulia Rossi Bianchi"


def test_an_empty_name_is_refused_and_the_old_one_stays(client, make, login):
    user = make.user(verified=True, name="Giulia Rossi")
    login(user)

    response = english(client, "POST", "/account/name", data={"full_name": "   "})

    assert_field_refused(response, "full_name", "Your name", "Enter your name.")
    assert reloaded(user).name == "Giulia Rossi"


def test_a_too_long_name_is_refused_keeping_what_was_typed(client, make, login):
    user = make.user(verified=True, name="Giulia Rossi")
    login(user)
    typed = "G" * 121

    response = english(client, "POST", "/account/name", data={"full_name": typed})

    page = assert_field_refused(response, "full_name", "Your name", "Use at most 120 characters.")
    assert f'value="{typed}"' in page
    assert reloaded(user).name == "Giulia Rossi"


# --- the language --------------------------------------------------------------------------------------

def test_the_language_change_takes_effect_on_the_next_page_and_in_e_mails(client, make, login):
    user = make.user(verified=True, language=Language.EN)
    login(user)

    response = english(client, "POST", "/account/language", data={"language": "it"})
    assert response.status_code == 302
    next_page = english(client, "GET", response.location)

    page = text_of(next_page)
    assert '<html lang="it"' in page
    assert "Il tuo account" in page
    assert "La lingua è salvata: da ora pagine ed e-mail la usano." in page
    assert reloaded(user).preferred_language == Language.IT


def test_back_to_english_on_the_next_page(client, make, login):
    user = make.user(verified=True, language=Language.IT)
    login(user)

    response = client.post("/account/language", data={"language": "en"}, follow_redirects=True)

    assert "Your account" in text_of(response)
    assert reloaded(user).preferred_language == Language.EN


def test_an_unknown_language_is_refused_in_words(client, make, login):
    user = make.user(verified=True, language=Language.EN)
    login(user)

    response = english(client, "POST", "/account/language", data={"language": "xx"})

    assert_field_refused(response, "language", "Language for e-mails and pages", "Choose Italiano or English.")
    assert reloaded(user).preferred_language == Language.EN


# --- the password --------------------------------------------------------------------------------------

def test_a_person_can_change_their_password_giving_the_current_one(client, make, login):
    user = make.user(verified=True)
    login(user)

    response = english(client, "POST", "/account/password", data={
        "current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow_redirects=True)

    assert "Your password has been changed." in text_of(response)
    english(client, "POST", "/logout")
    assert english(client, "POST", "/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_wrong_current_password_does_not_change_the_password(client, make, login):
    user = make.user(verified=True)
    login(user)

    response = english(client, "POST", "/account/password", data={
        "current_password": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert_field_refused(response, "current_password", "Current password", "This is not your current password.")
    english(client, "POST", "/logout")
    assert english(client, "POST", "/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code == 200


# --- the e-mail address --------------------------------------------------------------------------------

def test_the_address_changes_only_when_the_link_sent_to_the_new_one_is_followed(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)

    response = ask_for_address(client, "Giulia.Rossi@Example.net", follow_redirects=True)

    page = text_of(response)
    assert ("We sent a link to giulia.rossi@example.net. Your address changes when you open it; until then you keep "
            "using giulia@example.org.") in page
    assert "Waiting for confirmation: giulia.rossi@example.net." in page
    assert reloaded(user).email == "giulia@example.org"
    link = mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX)

    confirmed = follow_the_link(client, link)

    assert "Your e-mail address is now giulia.rossi@example.net." in text_of(confirmed)
    assert reloaded(user).email == "giulia.rossi@example.net"
    assert reloaded(user).pending_email is None
    english(client, "POST", "/logout")
    assert english(client, "POST", "/login", data={"email": "giulia.rossi@example.net",
                                                   "password": PASSWORD}).status_code == 302


def test_the_old_address_is_told_that_a_change_was_requested(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)

    ask_for_address(client, "giulia.rossi@example.net")

    [notice] = mailbox.to("giulia@example.org")
    body = mailbox.body(notice)
    assert "from giulia@example.org to giulia.rossi@example.net" in body
    assert CONFIRM_PREFIX not in body  # the link goes to the new address only
    assert "http://localhost/account" in body


def test_opening_the_link_without_pressing_the_button_changes_nothing(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")

    page = english(client, "GET", mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX))

    assert "Use this address for my account" in text_of(page)
    assert reloaded(user).email == "giulia@example.org"


def test_the_link_works_only_once(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")
    link = mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX)
    follow_the_link(client, link)
    # Back to the first address, then the first link again: it must not move the account a second time.
    ask_for_address(client, "giulia@example.org")
    follow_the_link(client, mailbox.link("giulia@example.org", CONFIRM_PREFIX))
    assert reloaded(user).email == "giulia@example.org"

    again = english(client, "POST", link, follow_redirects=True)

    assert "This link is not valid: it was cancelled, replaced by a newer one or already used." in text_of(again)
    assert reloaded(user).email == "giulia@example.org"


def test_an_expired_link_is_refused_and_the_address_stays(client, app, make, login, mailbox):
    app.config["EMAIL_CHANGE_MAX_AGE"] = -1  # every link is already too old
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")

    response = follow_the_link(client, mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX))

    assert "This link has expired. Ask for the change again on your account page." in text_of(response)
    assert reloaded(user).email == "giulia@example.org"


def test_a_tampered_link_is_refused(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")
    link = mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX)

    response = follow_the_link(client, link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb"))

    assert "This link is not valid" in text_of(response)
    assert reloaded(user).email == "giulia@example.org"


def test_a_cancelled_change_leaves_a_link_that_no_longer_works(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")

    cancelled = english(client, "POST", "/account/email/cancel", follow_redirects=True)

    assert "The change of address is cancelled: the link we sent no longer works." in text_of(cancelled)
    assert "Waiting for confirmation" not in account_page(client)
    response = follow_the_link(client, mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX))
    assert "This link is not valid" in text_of(response)
    assert reloaded(user).email == "giulia@example.org"


def test_asking_again_makes_the_earlier_link_worthless(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")
    first_link = mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX)
    ask_for_address(client, "giulia.rossi@example.net")
    second_link = mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX)
    assert second_link != first_link

    refused = follow_the_link(client, first_link)

    assert "This link is not valid" in text_of(refused)
    follow_the_link(client, second_link)
    assert reloaded(user).email == "giulia.rossi@example.net"


def test_wrong_current_passwords_on_the_address_form_use_up_the_sign_in_budget(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    for attempt in range(5):
        assert ask_for_address(client, "giulia.rossi@example.net", password=f"wrong {attempt}").status_code == 422

    refused = ask_for_address(client, "giulia.rossi@example.net")

    assert refused.status_code == 429
    assert "Too many attempts." in text_of(refused)
    assert reloaded(user).pending_email is None
    # The same budget as signing in: the password form and the sign-in form refuse too.
    assert english(client, "POST", "/account/password", data={
        "current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 429
    english(client, "POST", "/logout")
    assert english(client, "POST", "/login", data={"email": user.email, "password": PASSWORD}).status_code == 429


def test_the_change_needs_the_current_password(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)

    response = ask_for_address(client, "giulia.rossi@example.net", password="not my password")

    page = assert_field_refused(response, "email_current_password", "Current password",
                                "This is not your current password.")
    assert 'value="giulia.rossi@example.net"' in page  # what was typed stays
    assert reloaded(user).pending_email is None
    assert mailbox.to("giulia.rossi@example.net") == [] and mailbox.to("giulia@example.org") == []


@pytest.mark.parametrize(("address", "message"), [
    ("", "Enter the new e-mail address."),
    ("not an address", "Enter a valid e-mail address, such as name@example.org."),
    ("GIULIA@example.org", "This is already your address. Type the new one."),
])
def test_a_wrong_new_address_is_refused_with_a_clear_message(client, make, login, mailbox, address, message):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)

    response = ask_for_address(client, address)

    assert_field_refused(response, "new_email", "New e-mail address", message)
    assert reloaded(user).pending_email is None


def test_an_academic_must_keep_a_university_address(client, make, login, mailbox):
    user = make.user(roles=(Role.ACADEMIC,), verified=True, email="marco.bianchi@polito.it")
    login(user)

    response = ask_for_address(client, "marco@gmail.com")

    assert_field_refused(response, "new_email", "New e-mail address",
                         "Academics use their university e-mail (@polito.it).")


def test_a_taken_address_gets_the_same_answer_as_a_free_one_and_its_owner_is_told(client, make, login, mailbox):
    owner = make.user(verified=True, email="taken@example.org")
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    account_page(client)  # past the welcome

    taken = ask_for_address(client, "taken@example.org")
    taken_page = english(client, "GET", taken.location)
    english(client, "POST", "/account/email/cancel", follow_redirects=True)
    free = ask_for_address(client, "free@example.org")
    free_page = english(client, "GET", free.location)

    assert taken.status_code == free.status_code == 302 and taken.location == free.location
    # The pages are the same but for the address, and the CSRF tokens (signed with the time of the request).
    assert (without_csrf_tokens(text_of(taken_page)).replace("taken@example.org", "ADDRESS")
            == without_csrf_tokens(text_of(free_page)).replace("free@example.org", "ADDRESS"))
    # The owner of the taken address hears of it, and receives no link that could move their address.
    [note] = mailbox.to("taken@example.org")
    assert "It already belongs to your account, so nothing changed" in mailbox.body(note)
    assert CONFIRM_PREFIX not in mailbox.body(note)
    assert reloaded(owner).email == "taken@example.org" and reloaded(user).email == "giulia@example.org"
    # The old address is told in both cases alike.
    assert len(mailbox.to("giulia@example.org")) == 2


def test_an_address_taken_after_the_link_was_sent_is_not_given_to_two_accounts(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    ask_for_address(client, "giulia.rossi@example.net")
    make.user(email="giulia.rossi@example.net")

    response = follow_the_link(client, mailbox.link("giulia.rossi@example.net", CONFIRM_PREFIX))

    assert "This address now belongs to another account" in text_of(response)
    assert reloaded(user).email == "giulia@example.org"


def test_following_the_link_also_confirms_an_unconfirmed_account(client, make, login, mailbox):
    user = make.user(verified=False, email="typo@exmaple.org")
    login(user)
    ask_for_address(client, "giulia@example.org")

    follow_the_link(client, mailbox.link("giulia@example.org", CONFIRM_PREFIX))

    assert reloaded(user).email == "giulia@example.org"
    assert reloaded(user).email_verified


def test_asking_for_many_address_changes_is_refused_with_a_clear_message(client, make, login, mailbox):
    user = make.user(verified=True, email="giulia@example.org")
    login(user)
    for n in range(3):
        assert ask_for_address(client, f"new{n}@example.net").status_code == 302

    response = ask_for_address(client, "new9@example.net")

    assert response.status_code == 429
    assert "You have asked to change your address several times already." in text_of(response)
    assert mailbox.to("new9@example.net") == []


def test_the_account_page_shows_the_token_panel_below_the_changes(client, make, login):
    login(make.user(verified=True))

    page = account_page(client)

    headings = re.findall(r'<h2 class="h5" id="([a-z]+)-title">', page)
    assert headings.index("tokens") > max(headings.index(name) for name in ("name", "language", "email",
                                                                            "password"))
