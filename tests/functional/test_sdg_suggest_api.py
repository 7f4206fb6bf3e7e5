"""POST /api/v1/sdgs/suggest: anyone may ask which goals a text addresses; the answer names the goals, their
targets, a confidence and reasons made of the text's own words; a text that is empty, too long or not a text is
refused with 422, never 500."""
import pytest

from tests.functional.test_sdg_pages import REFERENCE

ADDRESS = "/api/v1/sdgs/suggest"


@pytest.fixture
def loaded(load_sdgs):
    load_sdgs(REFERENCE)


def test_a_text_about_housing_gets_its_goal_and_target_with_its_own_words_as_reasons(client, loaded):
    text = "Families of the neighbourhood cannot find affordable housing near the station."
    answer = client.post(ADDRESS, json={"text": text, "language": "en"})
    assert answer.status_code == 200
    goals = answer.get_json()["sdgs"]
    assert goals and goals[0]["number"] == 11 and 0 < goals[0]["confidence"] <= 1
    assert "11.1" in goals[0]["targets"]
    words = {word.strip(".,").lower() for word in text.split()}
    assert any(word in words for reason in goals[0]["reasons"] for word in reason.lower().split())


def test_the_language_may_be_left_out(client, loaded):
    answer = client.post(ADDRESS, json={"text": "Affordable housing for young families"})
    assert answer.status_code == 200 and [goal["number"] for goal in answer.get_json()["sdgs"]][:1] == [11]


@pytest.mark.parametrize("body", [
    {"text": ""}, {"text": "   "}, {"text": "x" * 10_001}, {"text": 42}, {"text": ["housing"]}, {},
    {"text": "housing", "language": "fr"}, {"text": "housing", "colour": "red"}, {"text": "a\x07b"},
])
def test_an_empty_over_long_or_non_text_input_is_refused_with_422(client, loaded, body):
    answer = client.post(ADDRESS, json=body)
    assert answer.status_code == 422 and answer.get_json()["error"]["fields"]


def test_a_text_with_a_nul_character_is_refused_before_it_is_read(client, loaded):
    """The app refuses NUL in any request (matchmaker/hostile_input.py) before a view sees it."""
    assert client.post(ADDRESS, json={"text": "a\x00b"}).status_code == 400


def test_a_body_that_is_not_a_json_object_is_refused(client, loaded):
    assert client.post(ADDRESS, data="text=housing", content_type="text/plain").status_code in (400, 415, 422)
    assert client.post(ADDRESS, json=["housing"]).status_code in (400, 422)


@pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": True}])
def test_a_program_without_an_account_or_a_cookie_may_ask(client, loaded):
    """A suggestion changes nothing, so a caller without a session needs no CSRF token."""
    answer = client.post(ADDRESS, json={"text": "Affordable housing for young families"})
    assert answer.status_code == 200 and answer.get_json()["sdgs"]
