"""The main menu of a coordinator who is also an academic and a member, in a real browser: one row at 1280 pixels in
both languages, the Coordination group opened and followed with the keyboard, the folded menu on a phone, and the
groups still reachable without JavaScript; axe on every state it can run in, screenshots in test-artifacts/."""
import re

import pytest
from playwright.sync_api import expect

from matchmaker.auth.models import Language, Role, UserRole
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser

WORDS = {
    "it": {"sign_in": "Accedi", "coordination": "Coordinamento", "your_work": "Il tuo lavoro",
           "sdg_review": "Obiettivi SDG da rivedere", "menu": "Mostra o nascondi il menu"},
    "en": {"sign_in": "Sign in", "coordination": "Coordination", "your_work": "Your work",
           "sdg_review": "SDG tags to review", "menu": "Show or hide the menu"},
}
# Long enough to test that a name does not push the menu onto a second row.
NAME = "Maria Vittoria Castellani"


def coordinator_with_every_role(in_live_app, language: str) -> str:
    with in_live_app():
        make = factories.Factory()
        person = make.academic(name=NAME, verified=True, language=Language(language))
        person.role_rows += [UserRole(role=Role.COORDINATOR), UserRole(role=Role.ORGANISATION)]
        db.session.commit()
        make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.VERIFIED, members=[person])
        return person.email


def signed_in_page(browser, live_url, email: str, language: str, width: int, javascript: bool = True):
    context = browser.new_context(locale="it-IT" if language == "it" else "en-GB", base_url=live_url,
                                  viewport={"width": width, "height": 800}, java_script_enabled=javascript)
    context.set_default_timeout(5000)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.locator("main").get_by_role("button", name=WORDS[language]["sign_in"]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    return page


def menu(page):
    return page.get_by_role("banner").get_by_role("navigation")


def entries_of_the_bar(page) -> list[dict]:
    """The bounding box of every entry of the bar as seen at this width: brand, links, toggles, buttons, bell."""
    return page.locator("header nav .navbar-brand, header nav #bell, #main-nav > .navbar-nav > li").evaluate_all(
        "elements => elements.map(e => { const r = e.getBoundingClientRect();"
        " return {text: e.textContent.trim(), top: r.top, bottom: r.bottom, right: r.right}; })")


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_coordinator_s_menu_is_one_row_at_1280_pixels(browser, live_url, in_live_app, language):
    page = signed_in_page(browser, live_url, coordinator_with_every_role(in_live_app, language), language, 1280)
    check_accessibility(page)

    entries = entries_of_the_bar(page)
    links = menu(page).locator("#main-nav > .navbar-nav > li")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert len(entries) == 10, entries  # brand, bell, 4 public links, 2 groups, language, the person's name
    assert abs(first["y"] - last["y"]) < 2, entries
    # Every entry shares the row of the first link (the bell and the brand are centred on it, not top-aligned).
    assert all(e["top"] < first["y"] + first["height"] and e["bottom"] > first["y"] for e in entries), entries
    assert page.locator("header nav").bounding_box()["height"] < 2 * first["height"]
    assert max(e["right"] for e in entries) <= 1280
    screenshot(page, f"nav-coordinator-{language}-1280")
    page.context.close()


def test_the_coordination_group_opens_with_the_keyboard_and_leads_to_the_sdg_review(browser, live_url, in_live_app):
    words = WORDS["it"]
    page = signed_in_page(browser, live_url, coordinator_with_every_role(in_live_app, "it"), "it", 1280)
    toggle = menu(page).get_by_role("button", name=words["coordination"], exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")

    # Reached with Tab from the top of the page, like anyone without a mouse.
    for _ in range(20):
        page.keyboard.press("Tab")
        if toggle.evaluate("element => element === document.activeElement"):
            break
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    group = page.locator("#nav-coordination")
    expect(group).to_be_visible()
    check_accessibility(page)
    screenshot(page, "nav-coordination-open-it-1280")

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(group).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Space")  # a toggle is announced as a button, so Space opens it as well as Enter
    expect(group).to_be_visible()
    sdg_review = group.get_by_role("link", name=words["sdg_review"])
    for _ in range(group.get_by_role("link").count()):
        page.keyboard.press("ArrowDown")
        if sdg_review.evaluate("element => element === document.activeElement"):
            break
    expect(sdg_review).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/coordination/sdgs$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sdg_review"])
    expect(toggle).to_have_attribute("aria-current", "true")
    expect(page.locator("#nav-coordination a[aria-current='page']")).to_have_text(words["sdg_review"])
    expect(menu(page).get_by_role("button", name=words["your_work"])).not_to_have_attribute("aria-current", "true")
    check_accessibility(page)
    page.context.close()


@pytest.mark.parametrize("language", ["it", "en"])
def test_on_a_phone_the_folded_menu_opens_and_its_groups_lead_to_their_pages(browser, live_url, in_live_app,
                                                                              language):
    words = WORDS[language]
    page = signed_in_page(browser, live_url, coordinator_with_every_role(in_live_app, language), language, 390)
    coordination = menu(page).get_by_role("button", name=words["coordination"], exact=True)
    expect(coordination).to_be_hidden()

    menu(page).get_by_role("button", name=words["menu"]).click()
    expect(coordination).to_be_visible()
    coordination.click()
    expect(page.locator("#nav-coordination")).to_be_visible()
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    screenshot(page, f"nav-coordination-open-{language}-390")

    page.locator("#nav-coordination").get_by_role("link", name=words["sdg_review"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sdg_review"])
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_the_groups_of_the_menu_still_open(browser, live_url, in_live_app, width):
    words = WORDS["it"]
    page = signed_in_page(browser, live_url, coordinator_with_every_role(in_live_app, "it"), "it", width,
                          javascript=False)
    group = page.locator("#nav-coordination")
    expect(group).to_be_hidden()

    # On a phone the menu stays unfolded, since its button needs a script to fold and unfold it.
    menu(page).get_by_role("button", name=words["coordination"], exact=True).click()
    expect(group).to_be_visible()  # (axe is a script itself: the same markup is checked with scripts on)
    group.get_by_role("link", name=words["sdg_review"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sdg_review"])
    page.context.close()
