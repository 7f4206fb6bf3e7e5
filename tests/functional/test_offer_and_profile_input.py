"""What academics are told when an offer, their profile or a publication file is wrong, through the web pages and
the API: the field is named, what they typed is kept, and nothing is stored."""
import io
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile, Publication
from matchmaker.extensions import db
from matchmaker.offers.models import Offer, offer_sdgs
from tests.pages import assert_api_refused, assert_field_refused, bearer_for, field_error, summary_of, text_of

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

TODAY = date.today()
NEXT_MONTH = (TODAY + timedelta(days=30)).isoformat()
NEXT_YEAR = (TODAY + timedelta(days=365)).isoformat()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()

BIBTEX = rb"""
@comment{Exported from Zotero}
@article{rossi2021,
  title = {Energy {Poverty} in \emph{Turin}},
  journal = {Energy Research and Social Science},
  year = {2021},
}
@inproceedings{verdi2019,
  title = "Participatory mapping with schools",
  booktitle = "Urban Commons",
  year = 2019,
}
"""


# --- helpers --------------------------------------------------------------------------------------------


def count(table) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(table))


def stored_offers() -> tuple[int, int]:
    return count(Offer), count(offer_sdgs)


def offer_form(**overrides) -> dict:
    data = {"title": "Student projects on urban energy", "description": "Master's students can **map** a need.",
            "kind": "student_project", "sdgs": ["7", "11"], "keywords": "energy, mapping", "capacity": "2",
            "available_from": NEXT_MONTH, "available_until": NEXT_YEAR}
    data.update(overrides)
    return data


def offer_body(**overrides) -> dict:
    body = {"title": "Student projects on urban energy", "description": "Master's students can map a need.",
            "kind": "student_project", "sdgs": [7, 11], "keywords": ["energy"], "capacity": 2,
            "available_from": NEXT_MONTH, "available_until": NEXT_YEAR}
    body.update(overrides)
    return body


def stored_offer(offer_id: int) -> dict:
    db.session.expire_all()
    offer = db.session.get(Offer, offer_id)
    return {"title": offer.title, "description": offer.description, "kind": offer.kind, "capacity": offer.capacity,
            "sdgs": [s.number for s in offer.sdgs], "keywords": offer.keywords, "status": offer.status,
            "available_from": offer.available_from, "available_until": offer.available_until}


def stored_profile(user_id: int) -> dict:
    db.session.expire_all()
    profile = db.session.get(AcademicProfile, user_id)
    return {"department": profile.department.code, "biography": profile.biography, "expertise": profile.expertise,
            "sdgs": [s.number for s in profile.sdgs], "languages": profile.languages,
            "capacity": profile.capacity_per_semester, "opt_in": profile.directory_opt_in}


def publication_titles(user_id: int) -> list[str]:
    return sorted(db.session.scalars(sa.select(Publication.title).where(Publication.user_id == user_id)))


def upload(client, filename: str, content: bytes):
    return client.post("/profile/publications/upload", data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


@pytest.fixture
def academic(make):
    return make.academic(name="Marco Bianchi", verified=True)


@pytest.fixture
def signed_in_academic(academic, login):
    login(academic)
    return academic


# --- offers through the web form ---------------------------------------------------------------------------

WEB_OFFER_CASES = [
    pytest.param({"title": "T" * 151}, "title", "Title", "Use at most 150 characters (now 151).", id="title-too-long"),
    pytest.param({"description": "D" * 10_001}, "description", "Description",
                 "Use at most 10000 characters (now 10001).", id="description-too-long"),
    pytest.param({"title": ""}, "title", "Title", "This field is required.", id="title-missing"),
    pytest.param({"description": " "}, "description", "Description", "This field is required.",
                 id="description-missing"),
    pytest.param({"kind": ""}, "kind", "Kind of offer", "Choose one of the options", id="kind-missing"),
    pytest.param({"sdgs": ["18"]}, "sdgs", "Sustainable Development Goals", "18 is not a Sustainable Development Goal",
                 id="sdg-18"),
    pytest.param({"keywords": ", ".join(f"k{n}" for n in range(16))}, "keywords", "Keywords",
                 "Use at most 15 keywords.", id="sixteen-keywords"),
    pytest.param({"capacity": "many"}, "capacity", "How many collaborations at once", "Not a valid integer value",
                 id="capacity-a-word"),
    pytest.param({"capacity": "0"}, "capacity", "How many collaborations at once", "Give a number from 1 to 100.",
                 id="capacity-zero"),
    pytest.param({"available_from": NEXT_YEAR, "available_until": NEXT_MONTH}, "available_until", "Available until",
                 "The end of availability must come after its start.", id="until-before-from"),
    pytest.param({"available_until": YESTERDAY, "available_from": ""}, "available_until", "Available until",
                 "This date is in the past", id="until-in-the-past"),
]


@pytest.mark.parametrize(("overrides", "field_id", "label", "message"), WEB_OFFER_CASES)
def test_academic_posting_a_wrong_offer_is_told_which_field_and_nothing_is_saved(
        client, signed_in_academic, overrides, field_id, label, message):
    before = stored_offers()

    response = client.post("/offers/new", data=offer_form(**overrides))

    assert_field_refused(response, field_id, label, message)
    assert stored_offers() == before


def test_academic_whose_availability_ends_before_it_starts_keeps_what_they_typed(client, signed_in_academic):
    before = stored_offers()

    response = client.post("/offers/new", data=offer_form(available_from=NEXT_YEAR, available_until=NEXT_MONTH,
                                                          kind="training", sdgs=["4", "10"], capacity="3"))

    page = assert_field_refused(response, "available_until", "Available until",
                                "The end of availability must come after its start.")
    assert 'value="Student projects on urban energy"' in page
    assert "\nMaster's students can **map** a need.</textarea>" in page
    assert re.search(r'<option[^>]*selected[^>]*value="training"|<option[^>]*value="training"[^>]*selected', page)
    for number in ("4", "10"):
        assert re.search(rf'<input[^>]*id="sdgs-{number}"[^>]*checked', page)
    assert not re.search(r'<input[^>]*id="sdgs-7"[^>]*checked', page)
    assert 'value="energy, mapping"' in page and 'value="3"' in page
    assert f'value="{NEXT_YEAR}"' in page and f'value="{NEXT_MONTH}"' in page
    assert stored_offers() == before


def test_academic_editing_an_offer_wrongly_is_told_and_the_offer_is_unchanged(client, make, signed_in_academic):
    offer = make.offer(signed_in_academic, title="Original offer", sdgs=(4,), keywords=("schools",), capacity=2,
                       available_from=TODAY + timedelta(days=10))
    before = stored_offer(offer.id)

    response = client.post(f"/offers/{offer.id}/edit",
                           data=offer_form(title="Changed", sdgs=["0"], available_from=NEXT_MONTH,
                                           available_until=(TODAY + timedelta(days=5)).isoformat()))

    page = text_of(response)
    assert response.status_code == 422
    assert "0 is not a Sustainable Development Goal" in field_error(page, "sdgs")
    assert 'value="Changed"' in page
    assert stored_offer(offer.id) == before


# --- offers through the API --------------------------------------------------------------------------------

API_OFFER_CASES = [
    pytest.param({"title": "T" * 151}, "title", "Use at most 150 characters", id="title-too-long"),
    pytest.param({"description": "D" * 10_001}, "description", "Use at most 10000 characters",
                 id="description-too-long"),
    pytest.param({"title": None}, "title", "This field is required.", id="title-null"),
    pytest.param({"kind": "magic"}, "kind", "Choose one of the options", id="kind-unknown"),
    pytest.param({"sdgs": "7"}, "sdgs", "Give the goals as a list", id="sdgs-a-string"),
    pytest.param({"sdgs": [0, 7]}, "sdgs", "0 is not a Sustainable Development Goal", id="sdg-0"),
    pytest.param({"sdgs": ["x"]}, "sdgs", "x is not a Sustainable Development Goal", id="sdg-x"),
    pytest.param({"keywords": 7}, "keywords", "Give the keywords as a list of texts.", id="keywords-a-number"),
    pytest.param({"keywords": [f"k{n}" for n in range(16)]}, "keywords", "Use at most 15 keywords.",
                 id="sixteen-keywords"),
    pytest.param({"capacity": "many"}, "capacity", "Give a whole number.", id="capacity-a-word"),
    pytest.param({"capacity": 2.5}, "capacity", "Give a whole number.", id="capacity-a-fraction"),
    pytest.param({"capacity": True}, "capacity", "Give a whole number.", id="capacity-true"),
    pytest.param({"capacity": 101}, "capacity", "Give a number from 1 to 100.", id="capacity-too-big"),
    pytest.param({"available_from": 12}, "available_from", "Give a date as YYYY-MM-DD", id="from-a-number"),
    pytest.param({"available_until": YESTERDAY, "available_from": None}, "available_until",
                 "This date is in the past", id="until-in-the-past"),
    pytest.param({"available_from": NEXT_YEAR, "available_until": NEXT_MONTH}, "available_until",
                 "The end of availability must come after its start.", id="until-before-from"),
    pytest.param({"colour": "red"}, "colour", "This field does not exist", id="unknown-field"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), API_OFFER_CASES)
def test_integration_posting_a_wrong_offer_gets_422_naming_the_field_and_nothing_is_saved(
        client, academic, overrides, field, message):
    headers = bearer_for(client, academic)
    before = stored_offers()

    response = client.post("/api/v1/offers", json=offer_body(**overrides), headers=headers)

    assert_api_refused(response, field, message)
    assert stored_offers() == before


def test_the_same_well_formed_offer_is_accepted_by_the_api(client, academic):
    response = client.post("/api/v1/offers", json=offer_body(), headers=bearer_for(client, academic))

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["available_until"] == NEXT_YEAR


@pytest.mark.parametrize(("patch", "field"), [
    pytest.param({"capacity": "many"}, "capacity", id="capacity-a-word"),
    pytest.param({"available_until": (TODAY + timedelta(days=5)).isoformat()}, "available_until",
                 id="until-before-the-stored-start"),
    pytest.param({"title": "A fine title", "colour": "red"}, "colour", id="unknown-field"),
    pytest.param({"title": "A fine title", "status": "archived"}, "status", id="unknown-status"),
])
def test_integration_patching_an_offer_wrongly_leaves_it_unchanged(client, make, academic, patch, field):
    offer = make.offer(academic, title="Original offer", capacity=2, available_from=TODAY + timedelta(days=10))
    before = stored_offer(offer.id)

    response = client.patch(f"/api/v1/offers/{offer.id}", json=patch, headers=bearer_for(client, academic))

    assert_api_refused(response, field)
    assert stored_offer(offer.id) == before


def test_html_and_script_in_an_offer_description_are_shown_harmlessly(client, make, academic):
    offer = make.offer(academic, description=(
        "## What we do\n\n<script>alert('x')</script>We map needs.\n\n"
        '<img src=x onerror="alert(1)">A photo\n\n[Our lab](javascript:alert(1))'))

    page = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    listing = client.get("/offers/").get_data(as_text=True)

    for html in (page, listing):
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "javascript:" not in html.lower()
        assert "We map needs." in html
    assert "<h4>What we do</h4>" in page and "Our lab</a>" in page


# --- the profile --------------------------------------------------------------------------------------------

def profile_form(**overrides) -> dict:
    data = {"department": "DIST", "academic_role": "researcher", "biography": "I study **energy** poverty.",
            "expertise": "energy poverty, housing", "sdgs": ["7", "11"], "languages": ["it", "en"],
            "capacity_per_semester": "2", "available": "y", "directory_opt_in": "y"}
    data.update(overrides)
    return data


PROFILE_CASES = [
    pytest.param({"biography": "B" * 3001}, "biography", "Short biography", "Use at most 3000 characters (now 3001).",
                 id="biography-too-long"),
    pytest.param({"department": "NOPE"}, "department", "Department", "Choose one of the options: ",
                 id="unknown-department"),
    pytest.param({"expertise": ", ".join(f"e{n}" for n in range(26))}, "expertise", "Expertise keywords",
                 "Use at most 25 keywords.", id="twenty-six-expertise-keywords"),
    pytest.param({"sdgs": ["18"]}, "sdgs", "Sustainable Development Goals", "18 is not a Sustainable Development Goal",
                 id="sdg-18"),
    pytest.param({"languages": ["klingon"]}, "languages", "Languages you work in", "Choose languages from the list.",
                 id="unknown-language"),
    pytest.param({"capacity_per_semester": "51"}, "capacity_per_semester",
                 "New collaborations you can take each semester", "Give a number from 0 to 50.", id="capacity-51"),
    pytest.param({"capacity_per_semester": "lots"}, "capacity_per_semester",
                 "New collaborations you can take each semester", "Not a valid integer value", id="capacity-a-word"),
]


@pytest.mark.parametrize(("overrides", "field_id", "label", "message"), PROFILE_CASES)
def test_academic_saving_a_wrong_profile_is_told_which_field_and_the_profile_is_unchanged(
        client, signed_in_academic, overrides, field_id, label, message):
    before = stored_profile(signed_in_academic.id)

    response = client.post("/profile", data=profile_form(**overrides))

    assert_field_refused(response, field_id, label, message)
    assert stored_profile(signed_in_academic.id) == before


def test_a_failed_profile_form_keeps_what_the_academic_typed(client, signed_in_academic):
    response = client.post("/profile", data=profile_form(biography="B" * 3001, department="DENERG",
                                                         sdgs=["3", "13"], expertise="climate, buildings"))

    page = text_of(response)
    assert response.status_code == 422
    assert "\n" + "B" * 3001 + "</textarea>" in page
    assert re.search(r'<option[^>]*selected[^>]*value="DENERG"|<option[^>]*value="DENERG"[^>]*selected', page)
    for number in ("3", "13"):
        assert re.search(rf'<input[^>]*id="sdgs-{number}"[^>]*checked', page)
    assert 'value="climate, buildings"' in page


# --- publication files -----------------------------------------------------------------------------------------

def test_academic_can_upload_a_bibtex_file_and_a_second_upload_skips_titles_already_there(
        client, signed_in_academic):
    first = upload(client, "zotero.bib", BIBTEX)

    assert first.status_code == 302
    assert publication_titles(signed_in_academic.id) == [
        "Energy Poverty in Turin", "Participatory mapping with schools"]
    assert "2 publications added." in text_of(client.get("/profile"))

    again = upload(client, "zotero.bib", BIBTEX.replace(b"Participatory", b"PARTICIPATORY")
                   + b"@misc{new, title={A third paper}}")

    assert again.status_code == 302
    assert publication_titles(signed_in_academic.id) == [
        "A third paper", "Energy Poverty in Turin", "Participatory mapping with schools"]
    assert "1 publication added." in text_of(client.get("/profile"))


def test_academic_can_upload_a_csv_export_with_semicolons(client, signed_in_academic):
    response = upload(client, "iris.csv", b"Title;Year;Venue\nCo-housing for the elderly;2022;Urban Studies\n")

    assert response.status_code == 302
    assert publication_titles(signed_in_academic.id) == ["Co-housing for the elderly"]


@pytest.mark.parametrize(("filename", "content", "reason"), [
    pytest.param("broken.bib", b"@article{ok, title={Fine paper}}\n\n@article{broken,\n  title = {Never closed\n",
                 "entry at line 3: a brace is never closed", id="unclosed-brace"),
    pytest.param("nothing.bib", b"% just a comment\n", "no publication with a title was found in the file",
                 id="no-entries"),
    pytest.param("export.csv", b"name;year\nA paper;2020\n", "the first line must name the columns, including",
                 id="csv-without-title-column"),
    pytest.param("notes.txt", b"title\nA paper\n", "use a .bib (BibTeX) or .csv file", id="txt-file"),
])
def test_academic_uploading_a_file_that_cannot_be_read_is_told_why_and_nothing_is_added(
        client, signed_in_academic, filename, content, reason):
    before = count(Publication)

    response = upload(client, filename, content)

    page = text_of(response)
    assert response.status_code == 422
    message = field_error(page, "file")
    assert "The file could not be read:" in message and reason in message
    assert '<a href="#file">' in summary_of(page)
    assert count(Publication) == before


def test_academic_who_sends_the_upload_form_without_a_file_is_asked_to_choose_one(client, signed_in_academic):
    before = count(Publication)

    response = client.post("/profile/publications/upload", data={}, content_type="multipart/form-data")

    assert response.status_code == 422
    assert "Choose a file to upload." in field_error(text_of(response), "file")
    assert count(Publication) == before
