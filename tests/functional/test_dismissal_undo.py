"""Changing one's mind about a dismissal: "Undo" right after it, the page of what one dismissed, "Show again"; only
for one's own side, never for a declined pair, and a second click says there is nothing left to undo."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Dismissal, MatchTarget
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.services import apply_transition
from matchmaker.workflow.stages import Stage
from tests import factories
from tests.functional.test_matching_pages import build_market, page

NEVER_USED = 987654


@pytest.fixture
def market(make):
    return build_market(make)


def dismissals() -> list[tuple]:
    return [(d.side.value, d.challenge_id, d.target_type.value, d.target_id)
            for d in db.session.scalars(sa.select(Dismissal).order_by(Dismissal.id))]


def suggested_academics(challenge) -> list[int]:
    return [m.academic_id for m in matching.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC)]


def undo_form(html: str) -> tuple[str, str]:
    """The action and the `next` of the "Undo" form the page after a dismissal shows."""
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*class="[^"]*undo[^"]*">(.*?)</form>', html, re.S)
    assert form, "no Undo form on the page"
    return form.group(1), re.search(r'name="next" value="([^"]*)"', form.group(2)).group(1).replace("&amp;", "&")


def dismiss_and_follow(client, url: str) -> str:
    response = client.post(url, headers={"Accept-Language": "en"}, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- undo right after dismissing ------------------------------------------------------------------------------

def test_a_member_can_undo_dismissing_an_academic_and_the_academic_is_suggested_again(client, login, market):
    challenge, expert = market["challenge"], market["expert"]
    login(market["member"])

    html = dismiss_and_follow(client, f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/dismiss")
    assert expert.id not in suggested_academics(challenge)
    action, back = undo_form(html)
    response = client.post(action, data={"next": back})

    assert response.status_code == 302 and response.headers["Location"].startswith(f"/challenges/{challenge.id}")
    assert dismissals() == []
    assert expert.id in suggested_academics(challenge)
    assert expert.name in page(client, f"/challenges/{challenge.id}").split('id="suggestions"', 1)[1]


def test_an_academic_can_undo_dismissing_a_challenge_for_them(client, login, market):
    login(market["expert"])

    html = dismiss_and_follow(client, f"/matching/for-you/{market['challenge'].id}/dismiss")
    assert market["challenge"].title not in html.split("<h1", 1)[1]
    action, back = undo_form(html)
    client.post(action, data={"next": back})

    assert dismissals() == []
    assert market["challenge"].title in page(client, "/matching/for-you")


def test_an_offer_author_can_undo_dismissing_a_challenge_for_their_offer(client, login, market):
    offer, challenge = market["offer"], market["challenge"]
    login(market["expert"])

    html = dismiss_and_follow(client, f"/offers/{offer.id}/suggestions/{challenge.id}/dismiss")
    action, back = undo_form(html)
    client.post(action, data={"next": back})

    assert dismissals() == []
    assert challenge.title in page(client, f"/offers/{offer.id}").split('id="suggestions"', 1)[1]


def test_undoing_twice_says_there_is_nothing_left_to_undo(client, login, market):
    login(market["member"])
    url = f"/challenges/{market['challenge'].id}/suggestions/academic/{market['expert'].id}"
    client.post(f"{url}/dismiss")

    first = client.post(f"{url}/restore", headers={"Accept-Language": "en"}, follow_redirects=True)
    second = client.post(f"{url}/restore", headers={"Accept-Language": "en"}, follow_redirects=True)

    assert "The suggestion is shown again." in first.get_data(as_text=True)
    assert second.status_code == 200
    assert "there is nothing to undo" in second.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", ""])
def test_after_showing_again_the_page_never_leads_to_another_site(client, login, market, target):
    login(market["member"])
    url = f"/challenges/{market['challenge'].id}/suggestions/academic/{market['expert'].id}"
    client.post(f"{url}/dismiss")

    response = client.post(f"{url}/restore", data={"next": target})

    assert response.status_code == 302 and response.headers["Location"] == "/matching/dismissed"


# --- the page of what one dismissed ---------------------------------------------------------------------------

def test_a_member_sees_what_their_organisation_dismissed_per_challenge_and_can_show_it_again(client, login, make,
                                                                                           market):
    challenge, expert, offer = market["challenge"], market["expert"], market["offer"]
    colleague = make.member(market["organisation"], verified=True)
    login(colleague)
    client.post(f"/challenges/{challenge.id}/suggestions/offer/{offer.id}/dismiss")
    client.post("/logout")
    login(market["member"])
    client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/dismiss")

    html = page(client, "/matching/dismissed")
    assert challenge.title in html and expert.name in html and offer.title in html
    assert html.count("Show again") == 2  # a colleague's dismissal is the organisation's: it can be undone too
    response = client.post(f"/challenges/{challenge.id}/suggestions/offer/{offer.id}/restore",
                           data={"next": "/matching/dismissed"})

    assert response.headers["Location"] == "/matching/dismissed"
    assert dismissals() == [("challenge", challenge.id, "academic", expert.id)]
    assert offer.title not in page(client, "/matching/dismissed")


def test_an_academic_sees_the_challenges_they_dismissed_for_themselves_and_for_their_offers(client, login, market):
    challenge, offer = market["challenge"], market["offer"]
    login(market["expert"])
    client.post(f"/matching/for-you/{challenge.id}/dismiss")
    client.post(f"/offers/{offer.id}/suggestions/{challenge.id}/dismiss")

    html = page(client, "/matching/dismissed").split('id="mine-title"', 1)[1]

    assert html.count(f">{challenge.title}</a>") == 2
    assert f"for your offer “{offer.title}”" in html
    assert f'action="/matching/for-you/{challenge.id}/restore"' in html
    assert f'action="/offers/{offer.id}/suggestions/{challenge.id}/restore"' in html


def test_the_page_of_dismissals_is_reached_from_the_account_and_the_suggestions(client, login, market):
    login(market["expert"])
    assert 'href="/matching/dismissed"' in page(client, "/account")
    assert 'href="/matching/dismissed"' in page(client, "/matching/for-you")
    assert 'href="/matching/dismissed"' in page(client, f"/offers/{market['offer'].id}")
    client.post("/logout")
    login(market["member"])
    assert 'href="/matching/dismissed"' in page(client, f"/challenges/{market['challenge'].id}")


def test_nobody_sees_another_side_s_dismissals(client, login, make, market):
    login(market["member"])
    client.post(f"/challenges/{market['challenge'].id}/suggestions/academic/{market['expert'].id}/dismiss")
    client.post("/logout")

    for someone in (make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True),
                    market["expert"], market["poet"]):
        login(someone)
        html = page(client, "/matching/dismissed")
        assert "You have not dismissed any suggestion." in html
        assert market["challenge"].title not in html
        client.post("/logout")


def test_the_page_of_dismissals_needs_signing_in(client):
    response = client.get("/matching/dismissed")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- others' dismissals and hostile ids -----------------------------------------------------------------------

def test_nobody_can_show_again_what_another_side_dismissed(client, login, make, market):
    challenge, expert, offer = market["challenge"], market["expert"], market["offer"]
    login(market["member"])
    client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/dismiss")
    client.post("/logout")
    login(expert)
    client.post(f"/matching/for-you/{challenge.id}/dismiss")
    client.post(f"/offers/{offer.id}/suggestions/{challenge.id}/dismiss")
    client.post("/logout")
    before = dismissals()

    login(make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True))
    assert client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/restore").status_code == 403
    client.post("/logout")
    login(market["poet"])
    assert client.post(f"/offers/{offer.id}/suggestions/{challenge.id}/restore").status_code == 403
    assert client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/restore").status_code == 403
    # "for you" is always the person signed in: the poet's own pair, never the expert's
    assert client.post(f"/matching/for-you/{challenge.id}/restore").status_code == 302
    client.post("/logout")
    login(make.coordinator(verified=True))
    assert client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/restore").status_code == 403
    client.post("/logout")
    # The expert cannot undo what the organisation dismissed, nor the organisation what the expert dismissed.
    login(expert)
    assert client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/restore").status_code == 403
    client.post("/logout")
    login(market["member"])
    assert client.post(f"/offers/{offer.id}/suggestions/{challenge.id}/restore").status_code == 403

    assert dismissals() == before


@pytest.mark.parametrize("url", [
    "/challenges/{never}/suggestions/academic/{expert}/restore",
    "/offers/{never}/suggestions/{challenge}/restore",
    "/offers/{offer}/suggestions/{never}/restore",
    "/matching/for-you/{never}/restore",
])
def test_ids_that_name_nothing_get_a_not_found_page(client, login, market, url):
    login(market["expert"] if "/challenges/" not in url else market["member"])
    address = url.format(never=NEVER_USED, expert=market["expert"].id, challenge=market["challenge"].id,
                         offer=market["offer"].id)
    response = client.post(address, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "does not exist" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", [
    "/challenges/1/suggestions/user/1/restore",
    "/challenges/-1/suggestions/academic/1/restore",
    "/challenges/99999999999999999999999/suggestions/academic/1/restore",
    "/offers/abc/suggestions/1/restore",
])
def test_malformed_addresses_get_a_not_found_page(client, login, market, url):
    login(market["member"])
    assert client.post(url).status_code == 404


def test_a_member_showing_again_a_pair_never_dismissed_is_told_there_is_nothing_to_undo(client, login, market):
    login(market["member"])
    response = client.post(f"/challenges/{market['challenge'].id}/suggestions/academic/{NEVER_USED}/restore",
                           headers={"Accept-Language": "en"}, follow_redirects=True)
    assert response.status_code == 200
    assert "there is nothing to undo" in response.get_data(as_text=True)


def test_showing_again_is_refused_to_a_get(client, login, market):
    login(market["expert"])
    assert client.get(f"/matching/for-you/{market['challenge'].id}/restore").status_code == 405


@pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": True}])
def test_showing_again_without_the_form_token_is_refused_and_with_it_works(client, market):
    token = re.search(r'name="csrf_token" value="([^"]+)"', page(client, "/login")).group(1)
    client.post("/login", data={"email": market["expert"].email, "password": factories.PASSWORD,
                                "csrf_token": token})
    client.post(f"/matching/for-you/{market['challenge'].id}/dismiss", data={"csrf_token": token})
    url = f"/matching/for-you/{market['challenge'].id}/restore"

    refused = client.post(url)
    assert refused.status_code == 400 and len(dismissals()) == 1
    assert f'action="{url}"' in page(client, "/matching/dismissed")
    accepted = client.post(url, data={"csrf_token": token, "next": "/matching/dismissed"})

    assert accepted.status_code == 302 and dismissals() == []


# --- a declined pair is an answer -----------------------------------------------------------------------------

def test_a_declined_pair_is_listed_as_declined_and_cannot_be_shown_again(client, login, make, market):
    challenge, expert = market["challenge"], market["expert"]
    proposal = make.proposal(challenge=challenge, member=market["member"], academic=expert)
    apply_transition(proposal, expert, Stage.DECLINED, {"reason_code": "no_capacity", "reason": "Full this term"})
    db.session.commit()
    before = dismissals()
    assert before  # the workflow keeps the declined pair apart as dismissals of both sides

    login(market["member"])
    html = page(client, "/matching/dismissed")
    assert "Declined" in html and expert.name in html
    assert "Show again" not in html
    refused = client.post(f"/challenges/{challenge.id}/suggestions/academic/{expert.id}/restore",
                          headers={"Accept-Language": "en"})
    assert refused.status_code == 409 and "declined or withdrawn" in refused.get_data(as_text=True)
    client.post("/logout")
    login(expert)
    assert "Show again" not in page(client, "/matching/dismissed")
    assert client.post(f"/matching/for-you/{challenge.id}/restore").status_code == 409
    assert client.post(f"/offers/{market['offer'].id}/suggestions/{challenge.id}/restore").status_code == 409

    assert dismissals() == before
