"""The dashboards in a real browser, with axe on every page: each person lands on theirs after signing in, and a
coordinator reviews a proposal and keeps a private note."""
import re

import pytest
from playwright.sync_api import expect

from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.stages import Stage
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit

pytestmark = pytest.mark.browser


def test_a_member_lands_on_the_dashboard_and_is_told_the_organisation_waits_for_verification(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        organisation = make.organisation(name="Cooperativa In Attesa")
        member = make.member(organisation, name="Lia Conti", verified=True)
        email = member.email

    sign_in(page, email, "Lia Conti")
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    expect(page.get_by_role("main")).to_contain_text("Cooperativa In Attesa is waiting for verification")
    screenshot(page, "dash-member")


def test_a_coordinator_reviews_a_queued_proposal_and_keeps_a_private_note(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        proposal = make.proposal(Stage.UNDER_REVIEW)
        title = proposal.challenge.title
        coordinator = make.coordinator(name="Chiara Verdi", verified=True)
        make.organisation(name="Associazione Da Verificare", status=OrganisationStatus.PENDING)
        email = coordinator.email

    sign_in(page, email, "Chiara Verdi")
    queue = page.get_by_role("region", name="Coordination")
    expect(queue).to_contain_text("Associazione Da Verificare")
    queue.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review: {title}")
    check_accessibility(page)
    page.get_by_label("Private note (only coordinators read it)").fill("Ask about the meeting room.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("status")).to_contain_text("Only coordinators can read it.")
    expect(page.get_by_role("region", name="Coordinators' notes")).to_contain_text("Ask about the meeting room.")
    check_accessibility(page)

    visit(page, "/dashboard/pipeline")
    expect(page.get_by_role("table")).to_contain_text("Under review")
    check_accessibility(page)
    screenshot(page, "dash-pipeline")
