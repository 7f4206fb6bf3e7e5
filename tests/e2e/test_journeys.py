"""What people do on matchmaker, end to end in a real browser, with an accessibility check on every page."""
import re
from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import expect

from matchmaker.orgs.models import OrganisationStatus
from tests import factories
from tests.e2e.conftest import check_accessibility, follow_menu_link, screenshot

pytestmark = pytest.mark.browser

TRANSLATIONS = Path(__file__).resolve().parents[2] / "matchmaker" / "translations"
ITALIAN_CATALOGUE = TRANSLATIONS / "it" / "LC_MESSAGES" / "messages.mo"


def visit(page, path: str):
    page.goto(path)
    check_accessibility(page)


def navbar(page):
    """The main navigation, found whatever the page's language."""
    return page.get_by_role("banner").get_by_role("navigation")


def test_visitor_registers_an_organisation_and_sees_it_waits_for_verification(page):
    visit(page, "/")
    navbar(page).get_by_role("link", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join matchmaker")
    check_accessibility(page)

    page.get_by_role("link", name="Register your organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register your organisation")
    check_accessibility(page)

    page.get_by_label("Your name").fill("Giulia Rossi")
    page.get_by_label("E-mail", exact=True).fill("giulia@coop-esempio.org")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat the password").fill("a long enough password")
    page.get_by_label("Language for e-mails and pages").select_option("en")
    page.get_by_label("Organisation name").fill("Cooperativa Esempio")
    page.get_by_label("Kind of organisation").select_option(label="Social cooperative")
    page.get_by_label("City").fill("Torino")
    page.get_by_label("What your organisation does").fill("Job placement for people with disabilities.")
    page.get_by_role("button", name="Create my account").click()

    # The same answer whether or not the address already had an account: check your inbox, then sign in.
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("status")).to_contain_text(
        "If giulia@coop-esempio.org can be used, we sent it a link to confirm the address.")
    check_accessibility(page)
    page.get_by_label("E-mail", exact=True).fill("giulia@coop-esempio.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    follow_menu_link(page, "Giulia Rossi", "Your account")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    organisations = page.get_by_role("region", name="Your organisations")
    expect(organisations).to_contain_text("Cooperativa Esempio — Waiting for verification")
    expect(organisations).to_contain_text("A coordinator will verify your organisation soon")
    expect(page.get_by_text("not confirmed yet")).to_be_visible()
    expect(navbar(page).get_by_role("button", name="Giulia Rossi")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "01-visitor-registers-an-organisation")


def test_registered_user_signs_in_and_signs_out(page, in_live_app):
    with in_live_app():
        user = factories.Factory().member(name="Marco Bianchi", email="marco@associazione.org", verified=True)
        email = user.email

    visit(page, "/")
    navbar(page).get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_accessibility(page)

    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("status")).to_contain_text("Welcome back, Marco Bianchi.")
    expect(navbar(page).get_by_role("button", name="Marco Bianchi")).to_be_visible()
    expect(navbar(page).get_by_role("link", name="Sign in")).to_have_count(0)
    check_accessibility(page)

    navbar(page).get_by_role("button", name="Marco Bianchi").click()
    navbar(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    expect(navbar(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(navbar(page).get_by_role("button", name="Marco Bianchi")).to_have_count(0)
    check_accessibility(page)

    # Signed out for real: the account page asks to sign in again.
    visit(page, "/account")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    screenshot(page, "02-user-signs-in-and-out")


def test_visitor_switches_the_language_and_it_is_remembered(page):
    italian = Translations.load(str(TRANSLATIONS), ["it"]) if ITALIAN_CATALOGUE.exists() else None
    headline = "Knowledge that works for the community"

    visit(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(headline)

    switch = navbar(page).get_by_role("button", name="Italiano")
    expect(switch).to_have_attribute("lang", "it")
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(navbar(page).get_by_role("button", name="English")).to_be_visible()
    expect(navbar(page).get_by_role("button", name="Italiano")).to_have_count(0)
    if italian is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text(italian.gettext(headline))
    check_accessibility(page)

    # The choice outlives the page: the next one is Italian too, although the browser asks for English.
    visit(page, "/register")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    if italian is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text(italian.gettext("Join matchmaker"))

    # And back to English, staying on the same page.
    navbar(page).get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/register$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join matchmaker")
    check_accessibility(page)
    screenshot(page, "03-visitor-switches-language")


def test_coordinator_verifies_one_organisation_and_must_give_a_reason_to_reject_another(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        coordinator = make.coordinator(name="Chiara Verdi", verified=True)
        coordinator_email = coordinator.email
        founder_a = make.user(name="Anna Neri", verified=True)
        founder_b = make.user(name="Luca Gialli", verified=True)
        to_verify = make.organisation(name="Cooperativa Arcobaleno", status=OrganisationStatus.PENDING,
                                      members=[founder_a])
        to_reject = make.organisation(name="Associazione Incompleta", status=OrganisationStatus.PENDING,
                                      members=[founder_b])
        reject_id = to_reject.id
        assert to_verify.id != reject_id

    visit(page, "/login")
    page.get_by_label("E-mail", exact=True).fill(coordinator_email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome back, Chiara Verdi.")
    check_accessibility(page)

    follow_menu_link(page, "Coordination", "Organisations to verify")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations to verify")
    expect(page.get_by_role("article", name="Cooperativa Arcobaleno")).to_contain_text("Anna Neri")
    check_accessibility(page)

    # A final decision waits for "I confirm": without it nothing happens and the box says why.
    page.get_by_role("button", name="Verify Cooperativa Arcobaleno").click()
    confirm = page.get_by_label("I confirm: verify Cooperativa Arcobaleno")
    expect(confirm).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("article", name="Cooperativa Arcobaleno")).to_contain_text("tick “I confirm”")
    check_accessibility(page)
    page.get_by_label("I confirm: verify Cooperativa Arcobaleno").check()
    page.get_by_role("button", name="Verify Cooperativa Arcobaleno").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Cooperativa Arcobaleno is now verified: its members can publish.")
    expect(page.get_by_role("article", name="Cooperativa Arcobaleno")).to_have_count(0)
    expect(page.get_by_role("table", name="Recent decisions")).to_contain_text("Cooperativa Arcobaleno")
    check_accessibility(page)

    # Rejecting without a reason is refused, with the message beside the field and the focus on it.
    page.get_by_label("I confirm: reject Associazione Incompleta").check()
    page.get_by_role("button", name="Reject Associazione Incompleta").click()
    reason = page.get_by_label("Reason for rejecting Associazione Incompleta")
    error = page.locator(f"#reason-{reject_id}-error")
    expect(error).to_have_text("Say why, so the organisation knows what to do next.")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_attribute("aria-describedby", f"reason-{reject_id}-error")
    expect(reason).to_be_focused()
    expect(page.get_by_role("article", name="Associazione Incompleta")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "04-coordinator-verifies-and-rejects")


def test_visitor_sees_form_errors_keeps_what_was_typed_and_the_focus_is_on_the_first_mistake(page):
    visit(page, "/register/organisation")
    page.get_by_label("Your name").fill("Paolo Blu")
    page.get_by_label("E-mail", exact=True).fill("paolo@scuola-esempio.it")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_label("Language for e-mails and pages").select_option("en")
    page.get_by_label("Organisation name").fill("Scuola Esempio")
    page.get_by_label("Kind of organisation").select_option(label="School")
    page.get_by_label("City").fill("Moncalieri")
    page.get_by_role("button", name="Create my account").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the highlighted fields.")
    expect(summary).to_contain_text("Password: Use between 10 and 128 characters.")
    password = page.get_by_label("Password", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#password-error")).to_have_text("Use between 10 and 128 characters.")
    expect(password).to_be_focused()
    # What was typed is kept, except the passwords.
    expect(page.get_by_label("Your name")).to_have_value("Paolo Blu")
    expect(page.get_by_label("E-mail", exact=True)).to_have_value("paolo@scuola-esempio.it")
    expect(page.get_by_label("Language for e-mails and pages")).to_have_value("en")
    expect(page.get_by_label("Organisation name")).to_have_value("Scuola Esempio")
    expect(page.get_by_label("Kind of organisation")).to_have_value("school")
    expect(page.get_by_label("City")).to_have_value("Moncalieri")
    expect(password).to_have_value("")
    expect(page.get_by_label("Repeat the password")).to_have_value("")
    check_accessibility(page)

    # The summary's link takes the keyboard to the field.
    summary.get_by_role("link", name="Password").click()
    expect(password).to_be_focused()
    screenshot(page, "05-form-errors-keep-input")
