"""A visitor browses the register of initiatives, filters it by goal and opens one, axe on every page."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from matchmaker.extensions import db
from matchmaker.initiatives.models import InitiativePartner, InitiativeStatus, Milestone
from matchmaker.reference.models import Scale
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit

pytestmark = pytest.mark.browser


def test_visitor_browses_the_initiatives_and_opens_one(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        lead = make.academic("DENERG", verified=True, name="Francesca Ricci")
        shown = make.initiative(lead, title="Energy help desk in Falchera", sdgs=(7, 11), departments=("DENERG",),
                                status=InitiativeStatus.CONCLUDED, reach=Scale.NEIGHBOURHOOD,
                                partner_story="It changed our winter.")
        db.session.add_all([InitiativePartner(initiative_id=shown.id, name="Comitato Falchera"),
                            Milestone(initiative_id=shown.id, title="First desk open",
                                      due_on=date(2024, 3, 1), done=True)])
        db.session.commit()
        make.initiative(title="Air sensors built at school", sdgs=(3, 4))
        make.initiative(title="Not yet reviewed initiative", approved=False, sdgs=(7,))

    visit(page, "/initiatives/")
    expect(page.get_by_role("article")).to_have_count(2)
    filters = page.get_by_role("search", name="Filter initiatives")
    filters.get_by_label("Goal (SDG)").select_option("7")
    filters.get_by_role("button", name="Show initiatives").click()
    expect(page).to_have_url(re.compile(r"[?&]sdg=7(&|$)"))
    expect(page.get_by_role("article")).to_have_count(1)
    visit(page, page.url)
    screenshot(page, "initiatives-list-filtered")

    page.get_by_role("link", name="Energy help desk in Falchera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Energy help desk in Falchera")
    about = page.get_by_role("complementary", name="About this initiative")
    expect(about).to_contain_text("Francesca Ricci")
    expect(about).to_contain_text("Comitato Falchera")
    expect(page.get_by_role("heading", name="Milestones")).to_be_visible()
    expect(page.get_by_text("It changed our winter.")).to_be_visible()
    visit(page, page.url)
    screenshot(page, "initiative-page")


def test_coordinator_reviews_a_pending_initiative_and_its_form_is_accessible(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        coordinator = make.coordinator(verified=True, name="Rita Coordinator")
        pending = make.initiative(title="Repair café with students", approved=False)
        email, pending_id = coordinator.email, pending.id

    sign_in(page, email, "Rita Coordinator")
    visit(page, f"/initiatives/{pending_id}")
    visit(page, f"/initiatives/{pending_id}/edit")
    page.get_by_label("End date").fill("2020-01-01")
    page.get_by_label("Start date").fill("2021-01-01")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("The end date must be the start date or later.")
    expect(page.get_by_label("Title")).to_have_value("Repair café with students")
    check_accessibility(page)
    page.goto(f"/initiatives/{pending_id}")
    page.get_by_role("button", name="Approve for the public").click()
    expect(page.get_by_role("status").first).to_contain_text("The initiative is approved")
    check_accessibility(page)
