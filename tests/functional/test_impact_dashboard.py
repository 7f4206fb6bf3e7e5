"""The impact dashboard and its CSV files through HTTP: what a visitor sees and downloads, that the tables say the
charts' numbers, that the figures are the sums of the published values, and that nothing unpublished is counted."""
import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from matchmaker.challenges.models import ChallengeStatus
from matchmaker.extensions import db
from matchmaker.impact import figures
from matchmaker.impact.figures import FigureFilters
from matchmaker.impact.models import Verification
from matchmaker.impact.overview import CHART_IDS
from matchmaker.initiatives.models import InitiativePartner, InterventionKind, ReviewState
from matchmaker.types import utcnow
from matchmaker.workflow.stages import Stage
from tests import factories

SVG = "{http://www.w3.org/2000/svg}"
EN = {"Accept-Language": "en"}  # the labels the assertions read


def sections(page: str) -> dict[str, str]:
    """{chart id: the markup of its section} of a dashboard or report page."""
    found = re.findall(r'<section class="impact-chart[^"]*" aria-labelledby="[^"]+" id="([^"]+)">(.*?)</section>',
                       page, re.S)
    return dict(found)


def chart_rows(section: str) -> list[tuple[str, str]]:
    """(label, value) as the SVG draws them."""
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", section, re.S).group(0))  # noqa: S314  (the app's own page)
    rows = []
    for group in svg.iter(f"{SVG}g"):
        texts = group.findall(f"{SVG}text")
        rows.append((next(t.text for t in texts if t.get("class") != "value"),
                     next(t.text for t in texts if t.get("class") == "value")))
    return rows


def table_rows(section: str) -> list[tuple[str, str]]:
    """(label, value) as the table under the chart says them."""
    return [(html.unescape(label), html.unescape(value)) for label, value in
            re.findall(r'<tr><th scope="row">(.*?)</th><td class="text-end">(.*?)</td></tr>', section, re.S)]


def csv_rows(client, chart: str, query: str = "") -> list[tuple[str, str]]:
    response = client.get(f"/impact/{chart}.csv{query}", headers=EN)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["key", "label", "value"]
    return [(label, value) for _key, label, value in rows[1:]]


@pytest.fixture
def register(make):
    """Three public initiatives with values in every state, plus a pending, a hidden and a merged one whose values
    must never count. Returns the public ones."""
    garden = make.initiative(title="Shared gardens <Mirafiori> & co", sdgs=(2, 11), departments=("DIST", "DAD"),
                             kind=InterventionKind.CO_DESIGN, starts_on=date(2023, 3, 1), ends_on=date(2024, 6, 30),
                             place="Mirafiori")
    db.session.add(InitiativePartner(initiative_id=garden.id, name="Cooperativa Orto Comune"))
    db.session.commit()
    energy = make.initiative(title="Energy help desk", sdgs=(7,), departments=("DENERG",),
                             kind=InterventionKind.SERVICE_LEARNING, starts_on=date(2024, 1, 10), place="Falchera")
    school = make.initiative(title="Air sensors at school", sdgs=(3, 11), departments=("DIST",),
                             kind=InterventionKind.CO_DESIGN, starts_on=None)
    factories.indicator_value(garden, "people_reached", year=2023, value=120, state=Verification.CONFIRMED)
    factories.indicator_value(garden, "people_reached", year=2024, value=80)
    factories.indicator_value(garden, "students_involved", year=2024, value=12, state=Verification.CONFIRMED)
    factories.indicator_value(energy, "people_reached", year=2024, value=300.5)
    factories.indicator_value(energy, "events", year=2024, value=9, state=Verification.DISPUTED)
    factories.indicator_value(school, "people_reached", year=2025, value=45, state=Verification.CONFIRMED)

    pending = make.initiative(title="Not yet reviewed", approved=False, sdgs=(7,))
    hidden = make.initiative(title="Hidden one", sdgs=(7,), hidden_at=utcnow(), hidden_reason="Spam")
    merged = make.initiative(title="Duplicate of the desk", sdgs=(7,), merged_into_id=energy.id)
    for unpublished in (pending, hidden, merged):
        factories.indicator_value(unpublished, "people_reached", year=2024, value=10_000)
    return garden, energy, school


def test_every_chart_s_table_says_the_chart_s_numbers(client, register):
    page = client.get("/impact/", headers=EN).get_data(as_text=True)
    found = sections(page)
    assert set(found) == set(CHART_IDS)
    for chart_id, section in found.items():
        if chart_id == "totals":  # units differ: a table, no chart
            assert "<svg" not in section and table_rows(section)
            continue
        assert chart_rows(section) == table_rows(section), chart_id
    assert chart_rows(found["initiatives-by-sdg"])[0] == ("11. Sustainable cities and communities", "2")
    assert ("Shared gardens <Mirafiori> & co" not in page) or "&lt;Mirafiori&gt;" in page


def test_the_figures_are_the_sums_of_the_published_undisputed_values(client, register):
    expected = {"people_reached": 120 + 80 + 300.5 + 45, "students_involved": 12}
    assert figures.totals() == expected
    assert figures.totals(FigureFilters(year=2024)) == {"people_reached": 380.5, "students_involved": 12}
    assert figures.totals(FigureFilters(sdg=11)) == {"people_reached": 245, "students_involved": 12}
    assert figures.totals(FigureFilters(department="DIST", verified=True)) == {"people_reached": 165,
                                                                            "students_involved": 12}
    assert figures.confirmed_share()["people_reached"] == pytest.approx(165 / 545.5)
    assert dict(csv_rows(client, "totals")) == {"People reached (people)": "545.5",
                                                "Students involved (students)": "12"}
    page = client.get("/impact/", headers=EN).get_data(as_text=True)
    assert "30% confirmed" in page  # 165 of 545.5 people reached
    assert "100% confirmed" in page
    assert "5 of 6 values" not in page and "4 of 6" not in page  # the disputed value is not one of the counted
    assert "3 of 5 values (60%)" in page
    assert "1 of 3 (33%)" in page  # initiatives with an outside partner


def test_unpublished_initiatives_and_disputed_values_are_never_counted(client, register):
    page = client.get("/impact/", headers=EN).get_data(as_text=True)
    for name in ("Not yet reviewed", "Hidden one", "Duplicate of the desk", "10000"):
        assert name not in page
    assert "events" not in figures.totals()
    assert dict(csv_rows(client, "initiatives-by-sdg"))["7. Affordable and clean energy"] == "1"
    assert sum(int(value) for _label, value in csv_rows(client, "initiatives-by-kind")) == 3


def test_initiatives_count_in_the_years_they_were_active(client, register):
    # The garden ran 2023-2024, the desk from 2024 on (open-ended: until this year), the school only reported 2025.
    by_year = dict(csv_rows(client, "initiatives-by-year"))
    this_year = date.today().year
    assert by_year["2023"] == "1" and by_year["2024"] == "2" and by_year["2025"] == "2"
    assert by_year[str(this_year)] == ("2" if this_year == 2025 else "1")
    assert dict(csv_rows(client, "initiatives-by-year", "?year=2023")) == {"2023": "1"}


def test_filters_stay_in_the_address_the_form_and_the_csv_links(client, register):
    response = client.get("/impact/?sdg=11&year=2024&department=dist&kind=co_design", headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<option value="11" selected>' in page and '<option value="2024" selected>' in page
    assert '<option value="DIST" selected>' in page and '<option value="co_design" selected>' in page
    link = re.search(r'href="(/impact/totals\.csv\?[^"]+)"', page).group(1)
    assert all(part in html.unescape(link) for part in ("sdg=11", "year=2024", "department=DIST", "kind=co_design"))
    section = sections(page)["totals"]
    assert table_rows(section) == csv_rows(client, "totals", "?" + html.unescape(link).split("?", 1)[1])
    assert table_rows(section) == [("People reached (people)", "80"), ("Students involved (students)", "12")]


def test_every_csv_parses_with_or_without_data(client, register):
    for chart in CHART_IDS:
        rows = csv_rows(client, chart, "?sdg=17")
        assert all(len(row) == 2 for row in rows)
        assert csv_rows(client, chart)  # with data, none of them is empty


@pytest.mark.one_database
@pytest.mark.parametrize("query, message", [
    ("year=abc", "The year must be a number"), ("year=1800", "The year must be a number"),
    ("sdg=99", "one of the 17 SDGs"), ("sdg=-1", "one of the 17 SDGs"), ("department=NOPE", "no department"),
    ("kind=%3Cscript%3E", "no kind of intervention"), ("indicator=nothing", "no indicator"),
    ("year=" + "9" * 5000, "The year must be a number"),
])
def test_a_bad_filter_is_explained_and_never_breaks_the_page(client, query, message):
    response = client.get(f"/impact/?{query}", headers=EN)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)
    assert "Headline figures" in response.get_data(as_text=True)
    csv_response = client.get(f"/impact/pipeline.csv?{query}", headers=EN)
    assert csv_response.status_code == 400 and message in csv_response.get_data(as_text=True)


@pytest.mark.one_database
def test_an_unknown_chart_has_no_csv(client):
    assert client.get("/impact/nothing.csv", headers=EN).status_code == 404
    assert client.get("/impact/..%2Fsecret.csv", headers=EN).status_code == 404


def test_the_pipeline_counts_published_challenges_and_never_drafts_hidden_or_withdrawn(client, make):
    completed = make.proposal(Stage.COMPLETED)
    make.proposal(Stage.FRAMING)  # accepted, still going
    make.proposal(Stage.PROPOSED)  # not accepted yet
    make.proposal(Stage.WITHDRAWN)  # its challenge is published, but the proposal was withdrawn
    make.challenge(status=ChallengeStatus.DRAFT)
    make.challenge(hidden_at=utcnow(), hidden_reason="Spam")
    make.challenge()
    assert completed.challenge.status is not ChallengeStatus.DRAFT
    assert dict(csv_rows(client, "pipeline")) == {"Published challenges": "5", "Challenges with a proposal": "3",
                                                  "Proposals accepted": "2", "Partnerships completed": "1"}
    assert dict(csv_rows(client, "pipeline", "?sdg=3"))["Published challenges"] == "0"


def test_a_visitor_sees_no_coordination_and_a_coordinator_sees_what_waits(client, make, login, register):
    garden, energy, _school = register
    visitor_page = client.get("/impact/", headers=EN).get_data(as_text=True)
    assert "For coordinators" not in visitor_page and "Counted twice" not in visitor_page
    assert "@" not in re.sub(r"<(script|link)[^>]*>", "", visitor_page.split("<footer", 1)[0]).replace("@media", "")
    login(make.coordinator(verified=True))
    page = client.get("/impact/", headers=EN).get_data(as_text=True)
    assert "For coordinators" in page
    assert "Not yet reviewed" in page  # waiting for review
    assert "Counted twice" in page and f'/initiatives/{energy.id}"' in page  # the disputed value, with its link
    assert f'/initiatives/{garden.id}"' in page  # declared, not yet confirmed
    assert "Hidden one" not in page.split("Initiatives waiting for review", 1)[1].split("<h3", 1)[0]


def test_the_register_of_initiatives_and_every_page_link_to_the_dashboard(client):
    assert 'href="/impact/"' in client.get("/initiatives/", headers=EN).get_data(as_text=True)
    assert 'href="/impact/"' in client.get("/", headers=EN).get_data(as_text=True)


def test_only_approved_initiatives_make_the_pending_queue_public_figures(client, make):
    initiative = make.initiative(approved=False)
    factories.indicator_value(initiative, value=7, state=Verification.CONFIRMED)
    assert figures.totals() == {}
    initiative.review = ReviewState.APPROVED
    db.session.commit()
    assert figures.totals() == {"people_reached": 7}
    assert dict(csv_rows(client, "totals")) == {"People reached (people)": "7"}


@pytest.mark.parametrize("language, shown", [("en", "12,345.5"), ("it", "12.345,5")])
def test_large_figures_read_in_the_visitor_s_language_in_charts_and_tables_alike(client, make, language, shown):
    factories.indicator_value(make.initiative(), "people_reached", year=2024, value=12345.5)
    page = client.get("/impact/?indicator=people_reached", headers={"Accept-Language": language}).get_data(
        as_text=True)
    by_year = sections(page)["indicator-by-year"]
    assert chart_rows(by_year) == table_rows(by_year) == [("2024", shown)]
    assert shown in page  # the headline figure too
    csv_file = client.get("/impact/indicator-by-year.csv?indicator=people_reached").get_data(as_text=True)
    assert csv_file.splitlines()[1].endswith(",12345.5")  # files stay as machines read them
