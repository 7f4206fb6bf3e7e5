"""A person looks after their own account in a real browser, with an accessibility check on every page."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def sign_in(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome back")


def test_a_member_renames_themselves_asks_for_a_new_address_and_switches_to_italian(page, in_live_app):
    with in_live_app():
        factories.Factory().member(name="Marco Bianchi", email="marco@associazione.org", verified=True)
    sign_in(page, "marco@associazione.org")
    page.goto("/account")
    check_accessibility(page)

    name = page.get_by_role("region", name="Your name")
    name.get_by_label("Your name").fill("Marco Bianchi Verdi")
    name.get_by_role("button", name="Save the name").click()
    expect(page.get_by_role("status")).to_contain_text("Your name is now Marco Bianchi Verdi.")

    address = page.get_by_role("region", name="Change your e-mail address")
    address.get_by_label("New e-mail address").fill("marco.verdi@associazione.org")
    address.get_by_label("Current password").fill(factories.PASSWORD)
    address.get_by_role("button", name="Send the confirmation link").click()
    pending = page.get_by_role("region", name="Change your e-mail address")
    expect(pending).to_contain_text("Waiting for confirmation: marco.verdi@associazione.org.")
    expect(pending.get_by_role("button", name="Cancel the change")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "account-pending-address")

    language = page.get_by_role("region", name="Language")
    language.get_by_label("Language for e-mails and pages").select_option("it")
    language.get_by_role("button", name="Save the language").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Il tuo account")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    check_accessibility(page)
    page.get_by_role("region", name="Cambia il tuo indirizzo e-mail").get_by_role(
        "button", name="Annulla il cambio").click()
    expect(page.get_by_role("status")).to_contain_text("Il cambio di indirizzo è annullato")
    expect(page).to_have_url(re.compile(r"/account$"))
