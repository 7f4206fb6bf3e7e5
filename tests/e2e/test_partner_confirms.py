"""A lead asks a partner to confirm a figure; the partner opens the link from the e-mail really delivered, without
an account, confirms it, and the initiative's page says "Confirmed". Axe on every page."""
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue
from matchmaker.initiatives.models import InitiativePartner
from matchmaker.reference.services import seed_reference_data
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit, visitor_page

pytestmark = pytest.mark.browser

PARTNER = "giulia.ferrero@ilponte.example"


@pytest.fixture
def delivered_mail(live_app, smtp_server):
    """The live app sends its e-mail by SMTP to the test's server, for this test only."""
    before = {key: live_app.config.get(key) for key in smtp_server.settings}
    smtp_server.clear()
    live_app.config.update(smtp_server.settings)
    yield smtp_server
    live_app.config.update(before)
    smtp_server.clear()


def test_a_partner_confirms_a_figure_from_the_emailed_link(page, in_live_app, delivered_mail):
    with in_live_app():
        make = factories.Factory()
        lead = make.academic("DENERG", verified=True, name="Francesca Ricci")
        initiative = make.initiative(lead, title="Energy help desk in Falchera")
        db.session.add(InitiativePartner(initiative_id=initiative.id, name="Cooperativa Il Ponte"))
        seed_reference_data()  # the catalogue: each browser test's clean-up removes it
        indicator = db.session.scalar(sa.select(Indicator).where(Indicator.code == "people_reached"))
        db.session.add(IndicatorValue(initiative_id=initiative.id, indicator=indicator, year=2025, value=340,
                                      method="Register of the desk", measured_by="The desk's volunteers"))
        db.session.commit()
        email, initiative_id = lead.email, initiative.id

    sign_in(page, email, "Francesca Ricci")
    visit(page, f"/initiatives/{initiative_id}")
    section = page.get_by_role("region", name="Impact indicators")
    expect(section).to_contain_text("Declared by the academic")
    section.get_by_role("link", name="Verify or manage: People reached, 2025").click()
    ask = page.get_by_role("region", name="Ask a partner to confirm")
    ask.get_by_label("The partner's e-mail address").fill(PARTNER)
    ask.get_by_label("Language of the e-mail").select_option("en")
    ask.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("status").first).to_contain_text("The link is on its way")
    check_accessibility(page)

    path = delivered_mail.link(PARTNER, "/impact/confirm/")
    with visitor_page(page) as partner:
        visit(partner, path)
        expect(partner.get_by_role("heading", level=1)).to_have_text("Confirm a figure")
        expect(partner.get_by_text("Energy help desk in Falchera")).to_be_visible()
        screenshot(partner, "partner-confirmation-page")
        right = partner.get_by_role("region", name="It is right")
        right.get_by_role("button", name="Confirm the value").click()
        expect(partner.get_by_role("alert")).to_contain_text("Your name")
        check_accessibility(partner)
        right = partner.get_by_role("region", name="It is right")
        right.get_by_label("Your name").fill("Giulia Ferrero")
        right.get_by_label("Your organisation").fill("Cooperativa Il Ponte")
        right.get_by_role("button", name="Confirm the value").click()
        expect(partner.get_by_role("heading", level=1)).to_have_text("Thank you")
        check_accessibility(partner)
        partner.get_by_role("link", name="See the initiative").click()
        expect(partner.get_by_role("region", name="Impact indicators")).to_contain_text(
            "Confirmed by Giulia Ferrero, Cooperativa Il Ponte on")
        expect(partner.get_by_role("main")).not_to_contain_text(PARTNER)
        check_accessibility(partner)
        screenshot(partner, "initiative-confirmed-value")
        partner.goto(path)
        expect(partner.get_by_role("heading", level=1)).to_contain_text("used already")
        check_accessibility(partner)
