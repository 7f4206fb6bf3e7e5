"""A visitor reads an initiative's impact case study and follows it to the lead's directory page; a coordinator
downloads its PDF. Axe on every page, on a laptop and on a phone."""
import pytest
from playwright.sync_api import expect

from matchmaker.academics.models import Publication
from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.reference.services import seed_reference_data
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit

pytestmark = pytest.mark.browser


def _energy_desk():
    make = factories.Factory()
    lead = make.academic("DENERG", verified=True, name="Francesca Ricci")
    make.profile(lead)
    initiative = make.initiative(lead, title="Energy help desk in Falchera", sdgs=(7, 11), departments=("DENERG",),
                                 summary="Students help families read their energy bills.",
                                 partner_story="It changed our winter.")
    db.session.add(Publication(user_id=lead.id, title="Energy poverty of families in Turin", year=2023,
                               venue="Energy Policy", url="https://doi.org/10.1000/energy-poverty"))
    seed_reference_data()
    reached = db.session.query(Indicator).filter_by(code="people_reached").one()
    volunteers = db.session.query(Indicator).filter_by(code="volunteers").one()
    db.session.add_all([
        IndicatorValue(initiative_id=initiative.id, indicator_id=reached.id, year=2025, value=340,
                       method="Visits register", measured_by="The desk's students", state=Verification.CONFIRMED,
                       state_by_name="Maria Bianchi", evidence_url="https://example.org/register.pdf"),
        IndicatorValue(initiative_id=initiative.id, indicator_id=volunteers.id, year=2025, value=777,
                       method="Estimate", measured_by="The desk's students", state=Verification.DISPUTED,
                       state_reason="Counted twice")])
    db.session.commit()
    return initiative.id, lead.id


@pytest.mark.parametrize("width", [1280, 390])
def test_visitor_reads_a_case_study_and_follows_it_to_the_lead(page, in_live_app, width):
    with in_live_app():
        initiative_id, lead_id = _energy_desk()
    page.set_viewport_size({"width": width, "height": 900})

    visit(page, f"/initiatives/{initiative_id}")
    page.get_by_role("link", name="Impact case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Energy help desk in Falchera")
    for number, name in enumerate(("Summary of the impact", "Underpinning research", "References to the research",
                                   "Details of the impact", "Sources to corroborate the impact"), start=1):
        expect(page.get_by_role("heading", level=2, name=f"{number}. {name}")).to_be_visible()
    expect(page.get_by_role("link", name="Download PDF")).to_have_count(0)
    expect(page.get_by_role("listitem").filter(has_text="777 people")).to_contain_text("Disputed")
    expect(page.get_by_text("Counted twice")).to_have_count(0)  # the reason is for the curators
    check_accessibility(page)
    screenshot(page, f"case-study-{width}")

    page.get_by_role("article").get_by_role("link", name="Francesca Ricci").click()
    expect(page).to_have_url(f"{page.url.split('/people')[0]}/people/{lead_id}")
    expect(page.get_by_role("link", name="Energy help desk in Falchera")).to_be_visible()
    check_accessibility(page)


@pytest.mark.parametrize("locale", ["it-IT"])
def test_coordinator_reads_the_case_study_in_italian_and_downloads_its_pdf(page, in_live_app, locale):
    with in_live_app():
        initiative_id, _lead_id = _energy_desk()
        coordinator = factories.Factory().coordinator(verified=True, name="Rita Coordinator",
                                                      language=Language.IT)
        email = coordinator.email

    visit(page, "/login")
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    visit(page, f"/initiatives/{initiative_id}/case-study")
    expect(page.get_by_role("heading", level=2, name="1. Sintesi dell'impatto")).to_be_visible()
    expect(page.get_by_text("Maria Bianchi")).to_be_visible()
    # The PDF is typeset on the request (several seconds on a busy two-core machine): its wait is longer than a click's.
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Scarica il PDF").click()
    assert download.value.suggested_filename == f"case-study-{initiative_id}-energy-help-desk-in-falchera.pdf"
    with open(download.value.path(), "rb") as document:
        assert document.read(5) == b"%PDF-"
    check_accessibility(page)


def test_coordinator_finds_the_download_button_on_the_english_case_study(page, in_live_app):
    with in_live_app():
        initiative_id, _lead_id = _energy_desk()
        coordinator = factories.Factory().coordinator(verified=True, name="Rita Coordinator")
        email = coordinator.email
    sign_in(page, email, "Rita Coordinator")
    visit(page, f"/initiatives/{initiative_id}/case-study")
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
