"""What organisation members are told when a challenge they post or edit is wrong, through the web form and the
API alike: the field is named, what they typed is kept, and nothing is stored."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.challenges.models import Challenge, ChallengeStatus, challenge_sdgs
from matchmaker.extensions import db
from tests.pages import assert_api_refused, assert_field_refused, bearer_for, field_error, summary_of, text_of

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

TOMORROW = (date.today() + timedelta(days=1)).isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
SIXTEEN_KEYWORDS = ", ".join(f"keyword {n}" for n in range(16))


# --- helpers --------------------------------------------------------------------------------------------


def stored_rows() -> tuple[int, int]:
    """How many challenges and challenge-SDG links the database holds."""
    return (db.session.scalar(sa.select(sa.func.count()).select_from(Challenge)),
            db.session.scalar(sa.select(sa.func.count()).select_from(challenge_sdgs)))


def web_form(**overrides) -> dict:
    data = {
        "title": "Energy poverty in Barriera di Milano", "summary": "Families cannot heat their homes.",
        "description": "We run a help desk and see **many** families in trouble.", "kind": "research_action",
        "sdgs": ["7", "11"], "keywords": "energy poverty, housing", "place": "Barriera di Milano, Torino",
        "scale": "neighbourhood", "resources": "A room and our volunteers.", "deadline": TOMORROW,
        "visibility": "public",
    }
    data.update(overrides)
    return data


def api_body(**overrides) -> dict:
    body = {"title": "Energy poverty in Barriera di Milano", "summary": "Families cannot heat their homes.",
            "kind": "research_action", "sdgs": [7, 11], "keywords": ["energy poverty", "housing"],
            "deadline": TOMORROW}
    body.update(overrides)
    return body


@pytest.fixture
def member(make):
    return make.member(make.organisation(name="Cooperativa Il Ponte"), verified=True)


@pytest.fixture
def signed_in_member(member, login):
    login(member)
    return member


def stored_challenge(challenge_id: int) -> dict:
    db.session.expire_all()
    challenge = db.session.get(Challenge, challenge_id)
    return {"title": challenge.title, "summary": challenge.summary, "description": challenge.description,
            "kind": challenge.kind, "sdgs": [s.number for s in challenge.sdgs], "keywords": challenge.keywords,
            "deadline": challenge.deadline, "status": challenge.status}


# --- through the web form: each wrong field is named and nothing is stored --------------------------------

WEB_CASES = [
    pytest.param({"title": "T" * 151}, "title", "Title", "Use at most 150 characters (now 151).", id="title-too-long"),
    pytest.param({"summary": "S" * 601}, "summary", "Summary", "Use at most 600 characters (now 601).",
                 id="summary-too-long"),
    pytest.param({"description": "D" * 10_001}, "description", "Description",
                 "Use at most 10000 characters (now 10001).", id="description-too-long"),
    pytest.param({"title": "   "}, "title", "Title", "This field is required.", id="title-missing"),
    pytest.param({"summary": ""}, "summary", "Summary", "This field is required.", id="summary-missing"),
    pytest.param({"kind": ""}, "kind", "Kind of help sought", "Choose one of the options", id="kind-missing"),
    pytest.param({"kind": "magic"}, "kind", "Kind of help sought", "Choose one of the options: Research-action,",
                 id="kind-unknown"),
    pytest.param({"sdgs": ["0"]}, "sdgs", "Sustainable Development Goals", "0 is not a Sustainable Development Goal",
                 id="sdg-0"),
    pytest.param({"sdgs": ["7", "18"]}, "sdgs", "Sustainable Development Goals",
                 "18 is not a Sustainable Development Goal", id="sdg-18"),
    pytest.param({"sdgs": ["x"]}, "sdgs", "Sustainable Development Goals", "x is not a Sustainable Development Goal",
                 id="sdg-x"),
    pytest.param({"deadline": YESTERDAY}, "deadline", "Deadline", "This date is in the past", id="past-deadline"),
    pytest.param({"deadline": "12"}, "deadline", "Deadline", "Not a valid date value", id="deadline-not-a-date"),
    pytest.param({"keywords": SIXTEEN_KEYWORDS}, "keywords", "Keywords", "Use at most 15 keywords.",
                 id="sixteen-keywords"),
    pytest.param({"keywords": "k" * 41}, "keywords", "Keywords", "Keep each keyword within 40 characters",
                 id="keyword-too-long"),
]


@pytest.mark.parametrize(("overrides", "field_id", "label", "message"), WEB_CASES)
def test_member_posting_a_wrong_challenge_is_told_which_field_and_nothing_is_saved(
        client, signed_in_member, overrides, field_id, label, message):
    before = stored_rows()

    response = client.post("/challenges/new", data=web_form(**overrides))

    assert_field_refused(response, field_id, label, message)
    assert stored_rows() == before


def test_member_who_types_a_past_deadline_is_told_and_nothing_is_saved(client, signed_in_member):
    before = stored_rows()

    response = client.post("/challenges/new", data=web_form(deadline=YESTERDAY))

    page = assert_field_refused(response, "deadline", "Deadline",
                                "This date is in the past: choose today or a later day.")
    assert 'aria-invalid="true"' in page
    assert stored_rows() == before


def test_a_failed_challenge_form_keeps_everything_the_member_typed(client, signed_in_member):
    typed = web_form(title="T" * 151, summary="Families cannot heat their homes & need help.",
                     description="Line one\n<b>raw</b> and *markdown*", kind="training", sdgs=["3", "7", "18"],
                     keywords="energy, housing, elderly", place="Borgo Vittoria", scale="region",
                     resources="Two volunteers", deadline=TOMORROW, visibility="academics")

    response = client.post("/challenges/new", data=typed)

    page = text_of(response)
    assert response.status_code == 422
    assert f'value="{"T" * 151}"' in page
    assert "\nFamilies cannot heat their homes & need help.</textarea>" in page
    assert "Line one\n<b>raw</b> and *markdown*</textarea>" in page
    assert re.search(r'<option[^>]*selected[^>]*value="training"|<option[^>]*value="training"[^>]*selected', page)
    assert re.search(r'<option[^>]*selected[^>]*value="region"|<option[^>]*value="region"[^>]*selected', page)
    for number in ("3", "7"):
        assert re.search(rf'<input[^>]*id="sdgs-{number}"[^>]*checked', page), f"SDG {number} lost its tick"
    for number in ("1", "11", "17"):
        assert not re.search(rf'<input[^>]*id="sdgs-{number}"[^>]*checked', page)
    assert 'value="energy, housing, elderly"' in page
    assert 'value="Borgo Vittoria"' in page
    assert "\nTwo volunteers</textarea>" in page
    assert f'value="{TOMORROW}"' in page
    assert re.search(r'<input[^>]*checked[^>]*value="academics"|<input[^>]*value="academics"[^>]*checked', page)


def test_member_sees_every_wrong_field_at_once(client, signed_in_member):
    response = client.post("/challenges/new",
                           data=web_form(title="", summary="", kind="", sdgs=["99"], deadline=YESTERDAY))

    page = text_of(response)
    assert response.status_code == 422
    for field_id in ("title", "summary", "kind", "sdgs", "deadline"):
        assert field_error(page, field_id), f"no message under {field_id}"
        assert f'<a href="#{field_id}">' in summary_of(page)


def test_member_editing_a_challenge_wrongly_is_told_and_the_challenge_is_unchanged(client, make, signed_in_member):
    organisation = signed_in_member.memberships[0].organisation
    challenge = make.challenge(organisation, title="Original title", summary="Original summary", sdgs=(11,),
                               keywords=("housing",), status=ChallengeStatus.DRAFT)
    before = stored_challenge(challenge.id)

    response = client.post(f"/challenges/{challenge.id}/edit",
                           data=web_form(title="New title", summary="S" * 601, sdgs=["3", "17"],
                                         keywords=SIXTEEN_KEYWORDS))

    page = text_of(response)
    assert response.status_code == 422
    assert "Use at most 600 characters (now 601)." in field_error(page, "summary")
    assert "Use at most 15 keywords." in field_error(page, "keywords")
    assert 'value="New title"' in page
    assert stored_challenge(challenge.id) == before


def test_member_can_keep_an_old_deadline_when_editing_but_not_move_it_into_the_past(client, make, signed_in_member):
    organisation = signed_in_member.memberships[0].organisation
    old = date.today() - timedelta(days=30)
    challenge = make.challenge(organisation, deadline=old, status=ChallengeStatus.DRAFT)

    kept = client.post(f"/challenges/{challenge.id}/edit",
                       data=web_form(title="Still a draft", deadline=old.isoformat()))
    assert kept.status_code == 302
    moved = client.post(f"/challenges/{challenge.id}/edit",
                        data=web_form(title="Moved", deadline=(old - timedelta(days=1)).isoformat()))

    assert_field_refused(moved, "deadline", "Deadline", "This date is in the past")
    assert stored_challenge(challenge.id)["title"] == "Still a draft"
    assert stored_challenge(challenge.id)["deadline"] == old


# --- through the API: 422 naming the field, nothing stored ------------------------------------------------

API_CASES = [
    pytest.param({"title": "T" * 151}, "title", "Use at most 150 characters", id="title-too-long"),
    pytest.param({"summary": "S" * 601}, "summary", "Use at most 600 characters", id="summary-too-long"),
    pytest.param({"description": "D" * 10_001}, "description", "Use at most 10000 characters",
                 id="description-too-long"),
    pytest.param({"title": None}, "title", "This field is required.", id="title-null"),
    pytest.param({"summary": "  "}, "summary", "This field is required.", id="summary-blank"),
    pytest.param({"kind": None}, "kind", "Choose one of the options", id="kind-null"),
    pytest.param({"title": 42}, "title", "This must be a text.", id="title-a-number"),
    pytest.param({"sdgs": "7, 11"}, "sdgs", "Give the goals as a list", id="sdgs-a-string"),
    pytest.param({"sdgs": [0]}, "sdgs", "0 is not a Sustainable Development Goal", id="sdg-0"),
    pytest.param({"sdgs": [18]}, "sdgs", "18 is not a Sustainable Development Goal", id="sdg-18"),
    pytest.param({"sdgs": ["x"]}, "sdgs", "x is not a Sustainable Development Goal", id="sdg-x"),
    pytest.param({"sdgs": [True]}, "sdgs", "is not a Sustainable Development Goal", id="sdg-true"),
    pytest.param({"keywords": 12}, "keywords", "Give the keywords as a list of texts.", id="keywords-a-number"),
    pytest.param({"keywords": ["ok", 3]}, "keywords", "Give the keywords as a list of texts.",
                 id="keywords-with-a-number"),
    pytest.param({"keywords": [f"k{n}" for n in range(16)]}, "keywords", "Use at most 15 keywords.",
                 id="sixteen-keywords"),
    pytest.param({"deadline": 12}, "deadline", "Give a date as YYYY-MM-DD", id="deadline-a-number"),
    pytest.param({"deadline": "31/12/2030"}, "deadline", "Give a date as YYYY-MM-DD", id="deadline-other-format"),
    pytest.param({"deadline": YESTERDAY}, "deadline", "This date is in the past", id="past-deadline"),
    pytest.param({"colour": "red"}, "colour", "This field does not exist", id="unknown-field"),
    pytest.param({"status": "open"}, "status", "This field does not exist", id="status-on-create"),
    pytest.param({"scale": "planet"}, "scale", "Choose one of the options", id="scale-unknown"),
    pytest.param({"visibility": ["public"]}, "visibility", "Choose one of the options", id="visibility-a-list"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), API_CASES)
def test_integration_posting_a_wrong_challenge_gets_422_naming_the_field_and_nothing_is_saved(
        client, member, overrides, field, message):
    headers = bearer_for(client, member)
    before = stored_rows()

    response = client.post("/api/v1/challenges", json=api_body(**overrides), headers=headers)

    assert_api_refused(response, field, message)
    assert stored_rows() == before


def test_integration_missing_title_summary_and_kind_are_all_named(client, member):
    headers = bearer_for(client, member)
    before = stored_rows()

    response = client.post("/api/v1/challenges", json={"sdgs": [3]}, headers=headers)

    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"title", "summary", "kind"} <= set(fields)
    assert stored_rows() == before


def test_the_same_well_formed_challenge_is_accepted_by_the_api(client, member):
    """The refusals above are about the fields named, not the rest of the body."""
    headers = bearer_for(client, member)

    response = client.post("/api/v1/challenges", json=api_body(), headers=headers)

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["sdgs"] == [7, 11]


@pytest.mark.parametrize(("patch", "field"), [
    pytest.param({"title": "T" * 151}, "title", id="title-too-long"),
    pytest.param({"sdgs": "7"}, "sdgs", id="sdgs-a-string"),
    pytest.param({"deadline": 12}, "deadline", id="deadline-a-number"),
    pytest.param({"colour": "red"}, "colour", id="unknown-field"),
    pytest.param({"title": "A fine new title", "sdgs": [18]}, "sdgs", id="good-title-bad-sdg"),
])
def test_integration_patching_a_challenge_wrongly_leaves_it_unchanged(client, make, member, patch, field):
    challenge = make.challenge(member.memberships[0].organisation, title="Original title", sdgs=(11,),
                               status=ChallengeStatus.DRAFT)
    before = stored_challenge(challenge.id)
    headers = bearer_for(client, member)

    response = client.patch(f"/api/v1/challenges/{challenge.id}", json=patch, headers=headers)

    assert_api_refused(response, field)
    assert stored_challenge(challenge.id) == before


def test_integration_patching_with_a_wrong_status_changes_neither_fields_nor_status(client, make, member):
    challenge = make.challenge(member.memberships[0].organisation, title="Original title",
                               status=ChallengeStatus.DRAFT)
    before = stored_challenge(challenge.id)
    headers = bearer_for(client, member)

    response = client.patch(f"/api/v1/challenges/{challenge.id}", json={"title": "Changed title", "status": "finished"},
                            headers=headers)

    assert_api_refused(response, "status", "Choose one of the options")
    assert stored_challenge(challenge.id) == before


# --- what people write is shown harmlessly -----------------------------------------------------------------

def test_html_and_script_in_a_challenge_description_are_shown_harmlessly(client, make, member):
    description = ("# Our need\n\nWe need help <script>alert('stolen')</script>with heating.\n\n"
                   '<img src="x" onerror="alert(1)">Photo of the building\n\n'
                   "[Read the report](javascript:alert(document.cookie)) and "
                   "[our website](https://ponte.example.org).\n\n"
                   '<a href="javascript:alert(2)" onclick="alert(3)">Click here</a>')
    challenge = make.challenge(member.memberships[0].organisation, description=description,
                               resources="<iframe src=https://evil.example.org></iframe>Two volunteers")

    response = client.get(f"/challenges/{challenge.id}")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    user_text = page[page.index('<div class="user-text mt-3">'):]
    assert "<script>alert" not in user_text
    assert "onerror" not in user_text and "onclick" not in user_text
    assert "javascript:" not in user_text.lower()
    assert "<iframe" not in user_text
    for words in ("Our need", "We need help", "with heating.", "Photo of the building", "Read the report",
                  "Click here", "Two volunteers"):
        assert words in user_text
    assert '<a href="https://ponte.example.org" rel="nofollow noopener noreferrer">our website</a>' in user_text
    assert "<h1>Our need" not in user_text and "<h3>Our need</h3>" in user_text


def test_html_in_a_challenge_title_and_summary_is_shown_as_text(client, make, member):
    challenge = make.challenge(member.memberships[0].organisation, title="<b>Bold</b> <script>x()</script>",
                               summary='<img src=x onerror="alert(1)">')

    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    listing = client.get("/challenges/").get_data(as_text=True)

    for html in (page, listing):
        assert "<script>x()</script>" not in html
        assert "&lt;script&gt;x()&lt;/script&gt;" in html
        assert '<img src=x onerror="alert(1)">' not in html
