"""A visitor finds open data from the footer, reads the data dictionary and downloads a file, axe on every page,
in English, in Italian and at phone width."""
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import screenshot
from tests.e2e.test_market_journeys import visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale, names", [
    ("en-GB", {"link": "Open data", "dictionary": "Data dictionary: every field explained",
               "heading": "Data dictionary"}),
    ("it-IT", {"link": "Open data", "dictionary": "Dizionario dei dati: ogni campo spiegato",
               "heading": "Dizionario dei dati"})])
def test_visitor_finds_the_open_data_reads_the_dictionary_and_downloads_a_file(page, in_live_app, locale, names):
    with in_live_app():
        factories.Factory().initiative(title="Shared gardens in Mirafiori")

    visit(page, "/")
    page.get_by_role("contentinfo").get_by_role("link", name=names["link"], exact=True).click()
    visit(page, page.url)
    expect(page.get_by_role("heading", level=2)).to_have_count(4)  # three datasets, then the catalogue and API
    screenshot(page, f"opendata-{locale}")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"opendata-{locale}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    # The page shows the stable addresses on PUBLIC_URL (not this test server's port): fetch the one it names.
    address = page.get_by_role("link", name="/opendata/initiatives.csv").get_attribute("href")
    assert address.endswith("/opendata/initiatives.csv")
    download = page.request.get("/opendata/initiatives.csv")
    assert download.headers["content-disposition"] == 'attachment; filename="initiatives.csv"'
    assert "Shared gardens in Mirafiori" in download.text()
    page.get_by_role("link", name=names["dictionary"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(names["heading"])
    visit(page, page.url)
    screenshot(page, f"opendata-dictionary-{locale}")
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, page.url)
    screenshot(page, f"opendata-dictionary-{locale}-phone")
