"""What integrations get from the matching endpoints of /api/v1, and who is refused."""
import pytest

from matchmaker.challenges.models import ChallengeStatus
from tests.functional.test_matching_pages import build_market
from tests.integration.test_matching_services import ENERGY

ITEM_KEYS = {"id", "type", "score", "components", "explanation"}


@pytest.fixture
def market(make):
    return build_market(make)


def get(client, make, user, url: str):
    headers = make.api_headers(client, user) if user is not None else {"Accept-Language": "en"}
    return client.get(url, headers=headers)


def test_a_member_gets_the_academics_that_fit_their_challenge_with_explanations(client, make, market):
    response = get(client, make, market["member"], f"/api/v1/challenges/{market['challenge'].id}/matches")

    assert response.status_code == 200, response.get_json()
    items = response.get_json()["items"]
    assert items[0]["id"] == market["expert"].id and items[0]["type"] == "academic"
    assert ITEM_KEYS <= set(items[0]) and items[0]["name"] == market["expert"].name
    explanation = items[0]["explanation"]
    assert set(explanation) == {"shared_terms", "shared_sdgs", "reasons"} and explanation["shared_terms"]
    assert {"code": "available", "value": "", "text": "Available this semester"} in explanation["reasons"]
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)


def test_a_member_gets_the_offers_that_fit_and_can_ask_for_fewer(client, make, market):
    url = f"/api/v1/challenges/{market['challenge'].id}/matches?type=offers&k=1"
    items = get(client, make, market["member"], url).get_json()["items"]
    assert [(i["id"], i["type"]) for i in items] == [(market["offer"].id, "offer")]
    assert ITEM_KEYS | {"title"} <= set(items[0])


@pytest.mark.parametrize("query", ["k=0", "k=51", "k=ten", "type=people"])
def test_bad_arguments_are_422_naming_the_argument(client, make, market, query):
    response = get(client, make, market["member"], f"/api/v1/challenges/{market['challenge'].id}/matches?{query}")
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {query.split("=")[0]}


def test_someone_outside_the_organisation_is_refused_the_matches_and_the_team(client, make, market):
    for url in (f"/api/v1/challenges/{market['challenge'].id}/matches",
                f"/api/v1/challenges/{market['challenge'].id}/team"):
        assert get(client, make, market["poet"], url).status_code == 403
        assert get(client, make, make.member(verified=True), url).status_code == 403
        assert get(client, make, None, url).status_code == 401


def test_an_unknown_or_invisible_challenge_is_404(client, make, market):
    draft = make.challenge(market["organisation"], status=ChallengeStatus.DRAFT)
    assert get(client, make, market["poet"], f"/api/v1/challenges/{draft.id}/matches").status_code == 404
    assert get(client, make, market["member"], "/api/v1/challenges/99999/matches").status_code == 404
    assert get(client, make, market["member"], "/api/v1/challenges/99999/team").status_code == 404


def test_a_coordinator_gets_any_challenges_matches_and_team(client, make, market):
    coordinator = make.coordinator(verified=True)
    assert get(client, make, coordinator, f"/api/v1/challenges/{market['challenge'].id}/matches").status_code == 200
    response = get(client, make, coordinator, f"/api/v1/challenges/{market['challenge'].id}/team")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "coverage", "best_single_coverage"}
    for member in body["items"]:
        assert ITEM_KEYS | {"name", "department", "brings"} <= set(member)


def test_an_academic_gets_their_challenges_and_nobody_else_does(client, make, market):
    url = f"/api/v1/academics/{market['expert'].id}/matches?k=5"
    items = get(client, make, market["expert"], url).get_json()["items"]
    assert [(i["id"], i["type"], i["title"]) for i in items] == [(market["challenge"].id, "challenge", ENERGY["title"])]
    assert ITEM_KEYS <= set(items[0])
    assert get(client, make, make.coordinator(verified=True), url).status_code == 200
    assert get(client, make, market["member"], url).status_code == 403
    assert get(client, make, market["expert"], f"/api/v1/academics/{market['member'].id}/matches").status_code == 404
    assert get(client, make, market["expert"], url.replace("k=5", "k=100")).status_code == 422


def test_an_offers_author_gets_the_challenges_that_fit_it_and_others_do_not(client, make, market):
    url = f"/api/v1/offers/{market['offer'].id}/matches"
    items = get(client, make, market["expert"], url).get_json()["items"]
    assert [i["id"] for i in items] == [market["challenge"].id]
    assert get(client, make, market["poet"], url).status_code == 403
    assert get(client, make, make.coordinator(verified=True), url).status_code == 200
    assert get(client, make, None, "/api/v1/offers/99999/matches").status_code == 404


def test_reasons_come_in_the_callers_language(client, make, market):
    headers = {**make.api_headers(client, market["member"]), "Accept-Language": "it"}
    items = client.get(f"/api/v1/challenges/{market['challenge'].id}/matches", headers=headers).get_json()["items"]
    texts = {r["code"]: r["text"] for r in items[0]["explanation"]["reasons"]}
    assert texts["available"] != "Available this semester"
