"""Academics write an offer, their profile and an initiative and see the suggested goals ticked with their reasons,
change them, and the saved item keeps their choice; a profile with confirmed goals is never ticked again; axe on
each form with the suggestions shown, one in Italian and one at phone width."""
import re

import pytest
from playwright.sync_api import expect

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.reference.models import SDG
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sdg_box, sign_in, visit
from tests.e2e.test_sdg_suggestions_journey import HOUSING, goals_loaded  # noqa: F401 (the fixture, used below)

# Every test runs with the journey's small reference of two goals loaded.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("goals_loaded")]

MORE_HOUSING = HOUSING + " More affordable housing, again affordable housing."
PHONE = {"width": 390, "height": 844}


def _academic(in_live_app, language=Language.EN):
    """A confirmed academic with an empty profile (who may post offers and register initiatives); their e-mail."""
    with in_live_app():
        return factories.Factory().academic(verified=True, name="Marco Verdi", language=language).email


def _sign_in_in_italian(page, email):
    """The Italian interface's sign-in, by the fields' names (the helper reads the English labels)."""
    page.goto("/login")
    page.locator("input[name='email']").fill(email)
    page.locator("input[name='password']").fill(factories.PASSWORD)
    page.locator("form button[type='submit']").last.click()
    expect(page.get_by_role("status")).to_contain_text("Marco Verdi")


def _expect_goal_11_suggested(page, heading="Suggested from your text:", name="Sustainable cities and communities",
                              tag="suggested"):
    """Goal 11 and its target read in the live region and tagged beside its checkbox; the live region."""
    suggestions = page.locator("#sdgs-suggestions")
    expect(suggestions).to_have_attribute("aria-live", "polite")
    expect(suggestions).to_contain_text(heading)
    expect(suggestions).to_contain_text(name)
    expect(suggestions).to_contain_text("11.1")
    expect(page.locator("label[for='sdgs-11'] .sdg-suggested-tag")).to_have_text(tag)
    return suggestions


def test_academic_writing_an_offer_sees_suggested_goals_and_the_offer_keeps_their_choice(page, in_live_app):
    email = _academic(in_live_app)
    sign_in(page, email, "Marco Verdi")
    visit(page, "/offers/new")
    page.get_by_label("Title").fill("Student projects on homes families can pay for")
    page.get_by_label("Description").fill(HOUSING)
    suggestions = _expect_goal_11_suggested(page)
    expect(suggestions).to_contain_text(re.compile(r"because of: .*(housing|affordable)", re.I))
    expect(suggestions).to_contain_text("The suggested goals are ticked for you")
    expect(sdg_box(page, 11)).to_be_checked()
    check_accessibility(page)
    screenshot(page, "forms-offer")

    sdg_box(page, 11).uncheck()
    sdg_box(page, 4).check()
    page.get_by_label("Description").fill(MORE_HOUSING)
    expect(suggestions).to_contain_text("Your choice is kept")  # the script answered after the change
    expect(sdg_box(page, 11)).not_to_be_checked()
    expect(sdg_box(page, 4)).to_be_checked()

    page.get_by_label("Kind of offer").select_option(label="Student project or thesis")
    page.get_by_role("button", name="Publish the offer").click()
    expect(page.get_by_role("status")).to_contain_text("Your offer is published.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Quality education")
    expect(main).not_to_contain_text("Sustainable cities and communities")


def test_academic_editing_their_profile_at_phone_width_sees_suggestions_and_the_profile_keeps_their_choice(
        page, in_live_app):
    email = _academic(in_live_app)
    page.set_viewport_size(PHONE)
    sign_in(page, email, "Marco Verdi")
    visit(page, "/profile")
    page.get_by_label("Short biography").fill(HOUSING)
    suggestions = _expect_goal_11_suggested(page)
    expect(suggestions).to_contain_text(re.compile(r"because of: .*(housing|affordable)", re.I))
    expect(sdg_box(page, 11)).to_be_checked()
    check_accessibility(page)
    screenshot(page, "forms-profile-phone")

    sdg_box(page, 11).uncheck()
    sdg_box(page, 4).check()
    page.get_by_label("Expertise keywords").fill("affordable housing, tenants")
    expect(suggestions).to_contain_text("Your choice is kept")
    expect(sdg_box(page, 11)).not_to_be_checked()
    page.get_by_role("button", name="Save the profile").click()

    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(suggestions).to_contain_text("Your choice is kept")  # the saved text is read again on opening
    expect(sdg_box(page, 4)).to_be_checked()
    expect(sdg_box(page, 11)).not_to_be_checked()
    page.get_by_role("link", name="See your public page").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Quality education")
    expect(main).not_to_contain_text("Sustainable cities and communities")


def test_a_profile_with_confirmed_goals_is_never_ticked_by_the_suggestions(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        academic = make.academic(verified=True, name="Marco Verdi")
        make.profile(academic, biography="I teach engineering to first-year students and study how they learn.",
                     sdgs=[db.session.get(SDG, 4)])
        email = academic.email
    sign_in(page, email, "Marco Verdi")
    visit(page, "/profile")
    expect(sdg_box(page, 4)).to_be_checked()
    page.get_by_label("Short biography").fill(HOUSING)
    suggestions = _expect_goal_11_suggested(page)
    expect(suggestions).to_contain_text("Your choice is kept")
    expect(sdg_box(page, 11)).not_to_be_checked()
    expect(sdg_box(page, 4)).to_be_checked()
    check_accessibility(page)
    screenshot(page, "forms-profile-confirmed")

    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(suggestions).to_contain_text("Your choice is kept")  # the saved biography is read again on opening
    expect(sdg_box(page, 4)).to_be_checked()
    expect(sdg_box(page, 11)).not_to_be_checked()


@pytest.mark.parametrize("locale", ["it-IT"])
def test_an_italian_academic_registering_an_initiative_sees_suggestions_and_keeps_their_choice(
        page, in_live_app):
    email = _academic(in_live_app, Language.IT)
    _sign_in_in_italian(page, email)
    visit(page, "/initiatives/new")
    page.locator("#title").fill("Alloggi per le giovani famiglie")
    page.locator("#summary").fill("Con gli inquilini del quartiere cerchiamo alloggi a prezzi accessibili: gli "
                                  "affitti sono raddoppiati e gli alloggi mancano.")
    suggestions = _expect_goal_11_suggested(page, heading="Suggeriti dal tuo testo:",
                                            name="Città e comunità sostenibili", tag="suggerito")
    expect(suggestions).to_contain_text("alloggi")
    expect(page.locator("#sdgs-11")).to_be_checked()
    check_accessibility(page)
    screenshot(page, "forms-initiative-it")

    page.locator("#sdgs-11").uncheck()
    page.locator("#sdgs-4").check()
    page.locator("#description").fill("Una scuola di quartiere per chi cerca alloggi: incontri con gli inquilini.")
    expect(suggestions).to_contain_text("La tua scelta")
    expect(page.locator("#sdgs-11")).not_to_be_checked()
    page.locator("#kind").select_option(label="Ricerca-azione")
    page.get_by_role("button", name="Registra l’iniziativa").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Alloggi per le giovani famiglie")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Istruzione di qualità")
    expect(main).not_to_contain_text("Città e comunità sostenibili")


def test_an_academic_sent_back_for_a_missing_field_does_not_find_the_goals_they_unticked_ticked_again(
        page, in_live_app):
    email = _academic(in_live_app)
    sign_in(page, email, "Marco Verdi")
    visit(page, "/offers/new")
    page.get_by_label("Title").fill("Student projects on homes families can pay for")
    page.get_by_label("Description").fill(HOUSING)
    _expect_goal_11_suggested(page)
    expect(sdg_box(page, 11)).to_be_checked()
    sdg_box(page, 11).uncheck()  # no goal at all is their choice too
    page.get_by_role("button", name="Publish the offer").click()

    expect(page.get_by_role("alert")).to_contain_text("Kind of offer")
    suggestions = _expect_goal_11_suggested(page)  # the form sent back reads its text again
    expect(suggestions).to_contain_text("Your choice is kept")
    expect(sdg_box(page, 11)).not_to_be_checked()
    check_accessibility(page)
    page.get_by_label("Kind of offer").select_option(label="Student project or thesis")
    page.get_by_role("button", name="Publish the offer").click()
    expect(page.get_by_role("status")).to_contain_text("Your offer is published.")
    expect(page.get_by_role("main")).not_to_contain_text("Sustainable cities and communities")
