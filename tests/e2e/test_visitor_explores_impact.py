"""A visitor explores the impact dashboard without an account: filters it by a goal, downloads a chart's numbers,
reads the annual report and opens an initiative from it; axe checks every page, the charts included."""
import csv
import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from matchmaker.impact.models import Verification
from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import visit

pytestmark = pytest.mark.browser


def test_visitor_filters_the_dashboard_downloads_a_csv_and_opens_an_initiative_from_the_report(page, in_live_app):
    with in_live_app():
        make = factories.Factory()
        energy = make.initiative(title="Energy help desk in Falchera", sdgs=(7, 11), departments=("DENERG",),
                                 starts_on=date(2024, 1, 15), ends_on=date(2024, 12, 20))
        gardens = make.initiative(title="Shared gardens in Mirafiori", sdgs=(2,), departments=("DIST",),
                                  starts_on=date(2024, 3, 1), ends_on=date(2024, 10, 1))
        factories.indicator_value(energy, "people_reached", year=2024, value=300, state=Verification.CONFIRMED)
        factories.indicator_value(gardens, "people_reached", year=2024, value=120)

    visit(page, "/initiatives/")
    page.get_by_role("link", name="See their impact on the dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact dashboard")
    expect(page.get_by_role("img", name="Initiatives by Sustainable Development Goal")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "impact-dashboard")

    filters = page.get_by_role("search", name="Filter the figures")
    filters.get_by_label("Goal (SDG)").select_option("7")
    filters.get_by_role("button", name="Show figures").click()
    expect(page).to_have_url(re.compile(r"[?&]sdg=7(&|$)"))
    totals = page.get_by_role("table", name=re.compile("^Totals by indicator"))
    expect(totals.get_by_role("row", name=re.compile("People reached"))).to_contain_text("300")
    check_accessibility(page)

    link = page.get_by_role("link", name=re.compile(r"^Download CSV\W+Totals by indicator$"))
    assert "sdg=7" in link.get_attribute("href")
    with page.expect_download() as download_info:
        link.click()
    rows = list(csv.reader(io.StringIO(open(download_info.value.path(), encoding="utf-8").read())))
    assert rows == [["key", "label", "value"], ["people_reached", "People reached (people)", "300"]]

    visit(page, "/impact/report/2024?lang=en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual impact report 2024")
    page.get_by_role("link", name="Leggi in italiano").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporto annuale di impatto 2024")
    check_accessibility(page)
    page.get_by_role("link", name="Shared gardens in Mirafiori").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shared gardens in Mirafiori")
    check_accessibility(page)


@pytest.mark.parametrize("path", ["/impact/?sdg=11", "/impact/report/2024?lang=it"])
def test_the_dashboard_and_the_report_fit_a_phone_and_stay_accessible(browser, live_url, in_live_app, path):
    with in_live_app():
        initiative = factories.Factory().initiative(
            title="Energy help desk in Falchera", sdgs=(7, 11), departments=("DIST", "DENERG"),
            starts_on=date(2024, 1, 15), place="Falchera")
        factories.indicator_value(initiative, "vulnerable_people_reached", year=2024, value=1250)
    context = browser.new_context(locale="it-IT", base_url=live_url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(5000)
    try:
        page = context.new_page()
        visit(page, path)
        expect(page.get_by_role("img").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
