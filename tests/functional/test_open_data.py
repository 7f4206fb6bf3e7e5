"""Open data and its API: every file parses, with data and on an empty register; nothing that is not public,
nobody who did not opt in and no disputed value leaves through it; the API's summary equals the sums of the
published indicators file, computed here independently, with and without filters."""
import csv
import io
import json
from collections import defaultdict
from datetime import date

import pytest

from matchmaker.challenges.models import ChallengeStatus, Visibility
from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import InitiativePartner, InitiativePerson
from matchmaker.initiatives.table import COLUMN_NAMES
from matchmaker.opendata.records import CHALLENGE_FIELDS, INDICATOR_FIELDS
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.services import seed_reference_data
from matchmaker.types import utcnow

FILES = {"/opendata/initiatives.csv": COLUMN_NAMES,
         "/opendata/indicators.csv": tuple(field.name for field in INDICATOR_FIELDS),
         "/opendata/challenges.csv": tuple(field.name for field in CHALLENGE_FIELDS)}


@pytest.fixture
def indicators(app):
    seed_reference_data()  # the tests empty every table but departments and SDGs
    db.session.commit()
    return {indicator.code: indicator for indicator in db.session.scalars(db.select(Indicator))}


def record(initiative, indicator, year, value, state=Verification.DECLARED, **fields):
    db.session.add(IndicatorValue(
        initiative_id=initiative.id, indicator_id=indicator.id, year=year, value=value, state=state,
        method=fields.pop("method", "Sign-in sheets"), measured_by=fields.pop("measured_by", "The lead"),
        state_reason="The partner counted fewer." if state is Verification.DISPUTED else None, **fields))
    db.session.commit()


@pytest.fixture
def register(make, indicators):
    """Two public initiatives with values in every state, and one of each kind that must stay out."""
    lead = make.academic(verified=True, name="Giulia Listed", email="giulia.listed@polito.it")
    make.profile(lead, directory_opt_in=True)
    unlisted = make.academic(verified=True, name="Paolo Unlisted", email="paolo.unlisted@polito.it")
    make.profile(unlisted, directory_opt_in=False)
    gardens = make.initiative(lead, title="Shared gardens", sdgs=(2, 11), departments=("DIST", "DAD"),
                              starts_on=date(2023, 3, 1), ends_on=date(2024, 6, 30), place="Mirafiori, Torino",
                              partner_story='We said "yes", at once;\r\nthen we planted.\nÈ così.')
    gardens.people.append(InitiativePerson(user_id=unlisted.id, position=1))
    gardens.people.append(InitiativePerson(name="Nadia Nameonly", position=2))
    gardens.partners.append(InitiativePartner(name="Cooperativa Orto Comune"))
    db.session.commit()
    formula = make.initiative(title="=HYPERLINK(\"http://evil.example\")", summary="-2 is not a formula here",
                              sdgs=(4,), departments=("DAUIN",), starts_on=date(2024, 1, 1))
    pending = make.initiative(title="Pending initiative", approved=False, starts_on=date(2024, 1, 1))
    hidden = make.initiative(title="Hidden initiative", hidden_at=utcnow(), hidden_reason="Spam",
                             starts_on=date(2024, 1, 1))
    merged = make.initiative(title="Merged initiative", merged_into_id=gardens.id, starts_on=date(2024, 1, 1))
    record(gardens, indicators["people_reached"], 2023, 100, Verification.CONFIRMED,
           evidence_url="https://example.org/report.pdf")
    record(gardens, indicators["people_reached"], 2024, 50)
    record(gardens, indicators["events"], 2024, 3, Verification.CONFIRMED)
    record(gardens, indicators["volunteers"], 2024, 999, Verification.DISPUTED)
    record(formula, indicators["people_reached"], 2024, 20.5, method="=1+1", measured_by="@someone")
    record(formula, indicators["students_involved"], 2025, 7, Verification.CONFIRMED)
    for outsider in (pending, hidden, merged):
        record(outsider, indicators["people_reached"], 2024, 100_000)
    verified = make.organisation(name="Verified Cooperative", status=OrganisationStatus.VERIFIED)
    suspended = make.organisation(name="Suspended Cooperative", status=OrganisationStatus.SUSPENDED)
    author = make.member(verified, verified=True, email="author.private@example.org")
    challenges = {
        "open": make.challenge(verified, author=author, title="Heating for older tenants", deadline=date(2030, 1, 1)),
        "closed": make.challenge(verified, title="An old closed need", status=ChallengeStatus.CLOSED),
        "draft": make.challenge(verified, title="A draft need", status=ChallengeStatus.DRAFT),
        "hidden": make.challenge(verified, title="A hidden need", hidden_at=utcnow(), hidden_reason="Spam"),
        "academics": make.challenge(verified, title="For academics only", visibility=Visibility.ACADEMICS),
        "suspended": make.challenge(suspended, title="Of a suspended organisation"),
    }
    return {"gardens": gardens, "formula": formula, "outsiders": (pending, hidden, merged),
            "challenges": challenges}


def csv_rows(client, path, **query) -> list[dict]:
    response = client.get(path, query_string=query)
    assert response.status_code == 200
    text = response.get_data().decode("utf-8")  # strictly UTF-8
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows = list(reader)
    assert tuple(reader.fieldnames) == FILES[path]
    assert all(None not in row and len(row) == len(FILES[path]) for row in rows)  # no ragged row
    return rows


def test_a_visitor_downloads_every_file_whole_with_its_name_dictionary_and_cache_headers(client, register):
    for path in (*FILES, "/opendata/initiatives.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Content-Type"].endswith("charset=utf-8")
        filename = path.rsplit("/", 1)[1]
        assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert '</opendata/dictionary>; rel="describedby"' in response.headers["Link"]
        assert response.headers["Cache-Control"].startswith("public, max-age=")
        assert response.headers["Last-Modified"] and response.headers["ETag"]
        again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
    assert len(csv_rows(client, "/opendata/initiatives.csv")) == 2
    assert len(json.loads(client.get("/opendata/initiatives.json").get_data(as_text=True))) == 2
    assert len(csv_rows(client, "/opendata/indicators.csv")) == 5
    assert len(csv_rows(client, "/opendata/challenges.csv")) == 2


def test_every_file_is_whole_on_an_empty_register(client, indicators):
    for path in FILES:
        assert csv_rows(client, path) == []
        assert client.get(path).get_data(as_text=True).endswith("\r\n")  # a header line, never an empty body
    assert json.loads(client.get("/opendata/initiatives.json").get_data(as_text=True)) == []
    assert client.get("/api/v1/impact/summary").get_json() == {"totals": {}, "by_year": {}, "by_sdg": {},
                                                               "by_department": {}}
    assert client.get("/api/v1/initiatives").get_json()["items"] == []


def test_commas_quotes_line_breaks_and_accents_survive_the_csv_exactly(client, register):
    row = next(row for row in csv_rows(client, "/opendata/initiatives.csv") if row["title"] == "Shared gardens")
    assert row["partner_story"] == 'We said "yes", at once;\r\nthen we planted.\nÈ così.'
    assert row["place"] == "Mirafiori, Torino" and row["sdgs"] == "2;11" and row["departments"] == "DAD;DIST"
    assert row["starts_on"] == "2023-03-01" and row["ends_on"] == "2024-06-30" and row["status"] == "running"


def test_open_data_names_only_people_who_opted_in_and_never_an_email(client, register):
    gardens = next(row for row in csv_rows(client, "/opendata/initiatives.csv") if row["title"] == "Shared gardens")
    assert gardens["people"] == "Giulia Listed"
    assert gardens["partners"] == "Cooperativa Orto Comune"
    records = json.loads(client.get("/opendata/initiatives.json").get_data(as_text=True))
    assert next(r for r in records if r["title"] == "Shared gardens")["people"] == ["Giulia Listed"]
    api = client.get(f"/api/v1/initiatives/{register['gardens'].id}").get_json()
    assert api["people"] == ["Giulia Listed"]
    everything = "".join(client.get(path).get_data(as_text=True) for path in (
        *FILES, "/opendata/initiatives.json", "/api/v1/initiatives", f"/api/v1/initiatives/{register['gardens'].id}",
        "/opendata/catalog.jsonld"))
    for secret in ("Paolo Unlisted", "Nadia Nameonly", "@polito.it", "@example.org", "author.private"):
        assert secret not in everything


def test_open_data_leaves_out_pending_hidden_and_merged_initiatives(client, register):
    outsiders = {initiative.id for initiative in register["outsiders"]}
    public = {register["gardens"].id, register["formula"].id}
    assert {int(row["id"]) for row in csv_rows(client, "/opendata/initiatives.csv")} == public
    assert {r["id"] for r in json.loads(client.get("/opendata/initiatives.json").get_data(as_text=True))} == public
    assert {int(row["initiative_id"]) for row in csv_rows(client, "/opendata/indicators.csv")} == public
    assert {item["id"] for item in client.get("/api/v1/initiatives").get_json()["items"]} == public
    for initiative_id in outsiders:
        assert client.get(f"/api/v1/initiatives/{initiative_id}").status_code == 404
    assert 100_000 not in client.get("/api/v1/impact/summary").get_json()["totals"].values()


def test_open_data_lists_only_the_challenges_a_visitor_may_see_without_personal_data(client, register):
    rows = csv_rows(client, "/opendata/challenges.csv")
    challenges = register["challenges"]
    assert {int(row["id"]) for row in rows} == {challenges["open"].id, challenges["closed"].id}
    heating = next(row for row in rows if row["title"] == "Heating for older tenants")
    assert heating["organisation"] == "Verified Cooperative"
    assert heating["deadline"] == "2030-01-01" and heating["status"] == "open" and heating["sdgs"] == "11"
    assert heating["published_on"] == date.today().isoformat()


def test_disputed_values_are_left_out_of_the_indicators_file_and_every_row_says_so(client, register):
    rows = csv_rows(client, "/opendata/indicators.csv")
    assert {row["verification_state"] for row in rows} == {"declared", "confirmed"}
    assert "999" not in {row["value"] for row in rows}
    assert {row["disputed_values_excluded"] for row in rows} == {"true"}
    first = rows[0]
    assert first["indicator_code"] == "people_reached" and first["indicator_name"] == "People reached"
    assert first["value"] == "100" and first["evidence_url"] == "https://example.org/report.pdf"
    assert next(row for row in rows if row["value"] == "20.5")["unit"] == "people"
    italian = csv_rows(client, "/opendata/indicators.csv", lang="it")
    assert italian[0]["indicator_name"] == "Persone raggiunte" and italian[0]["unit"] == "persone"


def test_text_cells_that_a_spreadsheet_would_run_begin_with_an_apostrophe_in_csv_but_not_in_json(client, register):
    row = next(row for row in csv_rows(client, "/opendata/initiatives.csv") if row["id"] == str(
        register["formula"].id))
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["summary"] == "'-2 is not a formula here"
    value = next(row for row in csv_rows(client, "/opendata/indicators.csv") if row["value"] == "20.5")
    assert (value["method"], value["measured_by"]) == ("'=1+1", "'@someone")
    records = json.loads(client.get("/opendata/initiatives.json").get_data(as_text=True))
    assert next(r for r in records if r["id"] == register["formula"].id)["title"] == "=HYPERLINK(\"http://evil.example\")"


def _independent_sums(client, *, year=None, sdg=None, department=None, verified=False):
    """The summary computed from the two public files alone: the indicator rows, narrowed by their initiative's
    cells in initiatives.csv."""
    initiatives = {row["id"]: row for row in csv_rows(client, "/opendata/initiatives.csv")}
    totals, by_year, by_sdg, by_department = (defaultdict(float), defaultdict(lambda: defaultdict(float)),
                                              defaultdict(lambda: defaultdict(float)),
                                              defaultdict(lambda: defaultdict(float)))
    for row in csv_rows(client, "/opendata/indicators.csv"):
        initiative = initiatives[row["initiative_id"]]
        goals, departments = initiative["sdgs"].split(";"), initiative["departments"].split(";")
        if ((year is not None and row["year"] != str(year)) or (sdg is not None and str(sdg) not in goals)
                or (department is not None and department not in departments)
                or (verified and row["verification_state"] != "confirmed")):
            continue
        code, value = row["indicator_code"], float(row["value"])
        totals[code] += value
        by_year[row["year"]][code] += value
        for goal in goals:
            by_sdg[goal][code] += value
        for code_of_department in departments:
            by_department[code_of_department][code] += value
    nested = lambda sums: {key: dict(inner) for key, inner in sums.items()}  # noqa: E731
    return {"totals": dict(totals), "by_year": nested(by_year), "by_sdg": nested(by_sdg),
            "by_department": nested(by_department)}


@pytest.mark.parametrize("filters", [{}, {"year": 2024}, {"year": 2023}, {"sdg": 11}, {"sdg": 4}, {"sdg": 17},
                                     {"department": "DAD"}, {"department": "DAUIN"}, {"verified": True},
                                     {"year": 2024, "sdg": 2, "department": "DIST", "verified": True}])
def test_the_impact_summary_equals_the_sums_of_the_published_indicators_file(client, register, filters):
    query = {name: str(value).lower() for name, value in filters.items()}
    answer = client.get("/api/v1/impact/summary", query_string=query)
    assert answer.status_code == 200
    assert answer.get_json() == _independent_sums(client, **filters)


def test_the_unfiltered_summary_is_exactly_the_column_sums(client, register):
    assert client.get("/api/v1/impact/summary").get_json()["totals"] == {
        "events": 3.0, "people_reached": 170.5, "students_involved": 7.0}
    assert client.get("/api/v1/impact/summary?verified=true").get_json()["totals"] == {
        "events": 3.0, "people_reached": 100.0, "students_involved": 7.0}


def test_the_api_lists_public_initiatives_by_page_and_filter(client, register):
    gardens, formula = register["gardens"].id, register["formula"].id

    def ids(**query):
        answer = client.get("/api/v1/initiatives", query_string=query)
        assert answer.status_code == 200, answer.get_json()
        return [item["id"] for item in answer.get_json()["items"]]

    assert ids() == [gardens, formula]
    assert ids(sdg=11) == [gardens] and ids(sdg=4) == [formula] and ids(sdg=17) == []
    assert ids(department="dauin") == [formula]
    assert ids(year=2023) == [gardens] and ids(year=2024) == [gardens, formula] and ids(year=2025) == [formula]
    page = client.get("/api/v1/initiatives?per_page=1&page=2").get_json()
    assert (page["items"][0]["id"], page["total"], page["pages"], page["per_page"]) == (formula, 2, 2, 1)


def test_one_initiative_in_the_api_is_its_list_item_plus_its_counted_values(client, register):
    listed = client.get("/api/v1/initiatives").get_json()["items"][0]
    detail = client.get(f"/api/v1/initiatives/{listed['id']}").get_json()
    values = detail.pop("values")
    assert detail == listed
    assert listed["sdgs"] == [2, 11] and listed["departments"] == ["DAD", "DIST"]
    assert [(v["indicator_code"], v["year"], v["value"], v["verification_state"]) for v in values] == [
        ("people_reached", 2023, 100.0, "confirmed"), ("people_reached", 2024, 50.0, "declared"),
        ("events", 2024, 3.0, "confirmed")]


HOSTILE_FILTERS = [
    {"year": "9" * 5000}, {"year": "-1"}, {"year": "twenty"}, {"year": "2024.5"}, {"year": "1e3"},
    {"sdg": "0"}, {"sdg": "18"}, {"sdg": "1 OR 1=1"}, {"department": "DIST'; DROP TABLE initiatives;--"},
    {"department": "NOPE"}, {"department": "x" * 10_000}]


@pytest.mark.parametrize("path, query", [("/api/v1/impact/summary", query) for query in HOSTILE_FILTERS]
                         + [("/api/v1/impact/summary", {"verified": "maybe"})]
                         + [("/api/v1/initiatives", query) for query in HOSTILE_FILTERS]
                         + [("/api/v1/initiatives", {"page": "0"}), ("/api/v1/initiatives", {"per_page": "1000"}),
                            ("/api/v1/initiatives", {"page": "9" * 40})])
def test_hostile_filters_are_refused_with_a_message_naming_them_never_a_server_error(client, register, path, query):
    answer = client.get(path, query_string=query)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"][next(iter(query))]


def test_a_nul_character_in_a_filter_is_refused_as_unreadable(client, register):
    for path in ("/api/v1/impact/summary", "/api/v1/initiatives", "/opendata/indicators.csv"):
        assert client.get(path, query_string={"year": "\x00", "lang": "\x00"}).status_code == 400


def test_an_unknown_language_for_the_indicators_file_is_refused_clearly(client, indicators):
    answer = client.get("/opendata/indicators.csv?lang=xx", headers={"Accept": "application/json"})
    assert answer.status_code == 422
    assert "en, it" in answer.get_json()["error"]["fields"]["lang"][0]
