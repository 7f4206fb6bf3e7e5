"""A member writes a challenge and sees the suggested goals ticked with their reasons, changes one, and the
script keeps their choice; axe on the form with the suggestions shown, in English, Italian and at phone width."""
import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from matchmaker.auth.models import Language
from matchmaker.engine.sdg_reference import GoalText, QueryPhrase, SdgReference, TargetText
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import SDG
from matchmaker.sdgs import suggesting
from matchmaker.sdgs.services import load_reference
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sdg_box, sign_in, visit

pytestmark = pytest.mark.browser

REFERENCE = SdgReference(
    goals=(GoalText(4, "Quality education", "Istruzione di qualità",
                    "Ensure inclusive and equitable quality education and promote lifelong learning",
                    "Fornire un'educazione di qualità, equa ed inclusiva, e opportunità di apprendimento per tutti"),
           GoalText(11, "Sustainable cities and communities", "Città e comunità sostenibili",
                    "Make cities and human settlements inclusive, safe, resilient and sustainable",
                    "Rendere le città e gli insediamenti umani inclusivi, sicuri, duraturi e sostenibili")),
    targets=(TargetText("4.1", 4, "By 2030, ensure that all girls and boys complete free primary and secondary "
                                  "schooling", "Entro il 2030, assicurarsi che tutti i ragazzi e le ragazze "
                                               "completino una scuola primaria e secondaria libera"),
             TargetText("11.1", 11, "By 2030, ensure access for all to adequate, safe and affordable housing",
                        "Entro il 2030, garantire a tutti l'accesso ad alloggi adeguati, sicuri e convenienti")),
    indicators=(),
    phrases=(QueryPhrase(11, "11.1", "affordable housing", "en"), QueryPhrase(11, "11.1", "alloggi", "it"),
             QueryPhrase(4, "4.1", "school", "en"), QueryPhrase(4, "4.1", "scuola", "it")),
)
HOUSING = ("Affordable housing for young families: rents in our neighbourhood have doubled and families "
           "leave. We want affordable housing that stays affordable.")


@pytest.fixture
def goals_loaded(in_live_app):
    """The small reference in the live app; afterwards the goals' statements (kept between tests) are put back."""
    with in_live_app():
        before = {sdg.number: (sdg.statement_en, sdg.statement_it) for sdg in db.session.scalars(sa.select(SDG))}
        load_reference(REFERENCE)
        db.session.commit()
        suggesting.forget()
    yield
    with in_live_app():
        for sdg in db.session.scalars(sa.select(SDG)):
            sdg.statement_en, sdg.statement_it = before[sdg.number]
        db.session.commit()
        suggesting.forget()


def _member(in_live_app, language):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(status=OrganisationStatus.VERIFIED, name="Casa Comune")
        member = make.member(organisation, verified=True, name="Anna Bianchi", language=language)
        return member.email


def test_member_sees_suggested_goals_ticked_and_keeps_their_own_choice(page, in_live_app, goals_loaded):
    email = _member(in_live_app, Language.EN)
    sign_in(page, email, "Anna Bianchi")
    visit(page, "/challenges/new")
    page.get_by_label("Title").fill("Homes young families can pay for")
    page.get_by_label("Summary").fill(HOUSING)
    suggestions = page.locator("#sdgs-suggestions")
    expect(suggestions).to_have_attribute("aria-live", "polite")
    expect(suggestions).to_contain_text("Suggested from your text:")
    expect(suggestions).to_contain_text("Sustainable cities and communities")
    expect(suggestions).to_contain_text(re.compile(r"housing|affordable", re.I))
    expect(suggestions).to_contain_text("11.1")
    expect(sdg_box(page, 11)).to_be_checked()
    expect(page.locator("label[for='sdgs-11'] .sdg-suggested-tag")).to_have_text("suggested")
    check_accessibility(page)
    screenshot(page, "sdg-suggestions-en")

    sdg_box(page, 11).uncheck()
    sdg_box(page, 4).check()
    page.get_by_label("Description").fill(HOUSING + " More affordable housing, again affordable housing.")
    expect(suggestions).to_contain_text("Your choice is kept")  # the script answered after the change
    expect(sdg_box(page, 11)).not_to_be_checked()
    expect(sdg_box(page, 4)).to_be_checked()

    page.get_by_label("Kind of help sought").select_option(label="Student project or thesis")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Homes young families can pay for")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Quality education")
    expect(main).not_to_contain_text("Sustainable cities and communities")


@pytest.mark.parametrize("locale", ["it-IT"])
def test_an_italian_member_reads_the_suggestions_in_italian_at_phone_width(page, in_live_app, goals_loaded):
    email = _member(in_live_app, Language.IT)
    page.goto("/login")
    page.locator("input[name='email']").fill(email)
    page.locator("input[name='password']").fill(factories.PASSWORD)
    page.locator("form button[type='submit']").last.click()
    page.set_viewport_size({"width": 390, "height": 900})
    visit(page, "/challenges/new")
    page.locator("#title").fill("Case per le giovani famiglie")
    page.locator("#summary").fill("Cerchiamo alloggi a prezzi accessibili per le giovani famiglie del quartiere: "
                                  "gli affitti sono raddoppiati e gli alloggi mancano.")
    suggestions = page.locator("#sdgs-suggestions")
    expect(suggestions).to_contain_text("Suggeriti dal tuo testo:")
    expect(suggestions).to_contain_text("Città e comunità sostenibili")
    expect(suggestions).to_contain_text("alloggi")
    expect(page.locator("label[for='sdgs-11'] .sdg-suggested-tag")).to_have_text("suggerito")
    check_accessibility(page)
    screenshot(page, "sdg-suggestions-it-phone")


def test_when_the_suggester_refuses_the_member_reads_a_short_note_and_still_saves(page, in_live_app, goals_loaded):
    email = _member(in_live_app, Language.EN)
    sign_in(page, email, "Anna Bianchi")
    page.route("**/api/v1/sdgs/suggest", lambda route: route.fulfill(status=429, body="{}",
                                                                      content_type="application/json"))
    visit(page, "/challenges/new")
    page.get_by_label("Title").fill("Homes young families can pay for")
    page.get_by_label("Summary").fill(HOUSING)
    expect(page.locator("#sdgs-suggestions")).to_contain_text("Suggestions are not available just now")
    expect(sdg_box(page, 11)).not_to_be_checked()
    sdg_box(page, 11).check()
    page.get_by_label("Kind of help sought").select_option(label="Student project or thesis")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("main")).to_contain_text("Sustainable cities and communities")
