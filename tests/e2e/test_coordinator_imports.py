"""A coordinator imports a register of initiatives through the pages: a file with a problem, its row and column
shown, the file fixed, the import, and the initiative in the register; axe on every page."""
import csv

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.conftest import check_accessibility, screenshot
from tests.e2e.test_market_journeys import sign_in, visit

pytestmark = pytest.mark.browser

HEADER = ["external_id", "title", "summary", "kind", "reach", "status", "starts_on", "ends_on", "sdgs",
          "departments"]


def write_register(path, starts_on: str):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerow(["REG-2024-017", "Orti condivisi a Mirafiori", "Community gardens with the residents.",
                         "co_design", "neighbourhood", "running", starts_on, "", "2;11", "DIST"])
        writer.writerow(["REG-2024-018", "Repair café in San Salvario", "Students and neighbours mend things.",
                         "volunteering", "neighbourhood", "running", "2024-05-01", "", "12", "DIMEAS"])
    return path


def test_coordinator_fixes_a_problem_in_the_file_and_imports_it(page, in_live_app, tmp_path):
    with in_live_app():
        coordinator = factories.Factory().coordinator(verified=True, name="Rita Coordinator")
        email = coordinator.email

    sign_in(page, email, "Rita Coordinator")
    visit(page, "/coordination/initiatives/import")
    screenshot(page, "import-upload")
    page.get_by_label("Spreadsheet (CSV or XLSX)").set_input_files(str(write_register(tmp_path / "r.csv",
                                                                                      "31/02/2024")))
    page.get_by_role("button", name="Check the file").click()
    problems = page.get_by_role("table", name="Every problem")
    expect(problems.get_by_role("row")).to_have_count(2)  # the header and one problem
    expect(problems.get_by_role("row").nth(1)).to_contain_text("2")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("starts_on")
    expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "import-dry-run-with-a-problem")

    visit(page, "/coordination/initiatives/import")
    page.get_by_label("Spreadsheet (CSV or XLSX)").set_input_files(str(write_register(tmp_path / "r.csv",
                                                                                      "2024-03-01")))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("No problems: every row can be imported.")).to_be_visible()
    expect(page.locator("#import-counts")).to_contain_text("New initiatives: 2")
    check_accessibility(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Imported: 2 new")
    check_accessibility(page)

    visit(page, "/initiatives/?q=Mirafiori")
    page.get_by_role("link", name="Orti condivisi a Mirafiori").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orti condivisi a Mirafiori")
    check_accessibility(page)
