"""Acting on a match: inviting a suggested academic or offer, "I can help", asking for an offer, the card of an
academic outside the directory, academics at capacity, and a declined pair that is not suggested again."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Language
from matchmaker.challenges.models import ChallengeStatus
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.models import Proposal, ProposalMessage
from matchmaker.workflow.services import apply_transition
from matchmaker.workflow.stages import Stage
from tests.functional.test_matching_pages import build_market, page
from tests.integration.test_matching_services import ENERGY


@pytest.fixture
def market(make):
    return build_market(make)


def suggestions_of(html: str) -> str:
    return html.split('id="suggestions"', 1)[1]


def mails_to(user) -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == user.email)))


def start_links(html: str, challenge_id: int) -> list[str]:
    return re.findall(rf'href="(/challenges/{challenge_id}/propose[^"]*)"', html)


# --- the buttons: who gets them ------------------------------------------------------------------------------

def test_a_member_gets_invite_on_every_suggested_academic_and_offer(client, login, market):
    login(market["member"])
    challenge = market["challenge"]
    links = start_links(suggestions_of(page(client, f"/challenges/{challenge.id}")), challenge.id)

    assert f"/challenges/{challenge.id}/propose?academic={market['expert'].id}" in links
    assert f"/challenges/{challenge.id}/propose?offer={market['offer'].id}" in links


@pytest.mark.parametrize("who", ["coordinator", "unverified_member"])
def test_who_sees_the_suggestions_but_may_not_invite_gets_no_invite_button(client, login, make, market, who):
    challenge = market["challenge"]
    if who == "coordinator":
        login(make.coordinator(verified=True))
    else:
        market["organisation"].status = OrganisationStatus.PENDING
        db.session.commit()
        login(market["member"])
    html = page(client, f"/challenges/{challenge.id}")

    assert market["expert"].name in suggestions_of(html)
    assert not start_links(html, challenge.id)


def test_an_academic_gets_i_can_help_on_suggested_challenges_and_on_the_challenge_page(client, login, market):
    login(market["expert"])
    challenge = market["challenge"]

    assert f"/challenges/{challenge.id}/propose" in start_links(page(client, "/matching/for-you"), challenge.id)
    offer_page = page(client, f"/offers/{market['offer'].id}")
    assert f"/challenges/{challenge.id}/propose?offer={market['offer'].id}" in start_links(offer_page, challenge.id)
    challenge_page = page(client, f"/challenges/{challenge.id}")
    assert "I can help" in challenge_page and start_links(challenge_page, challenge.id)


@pytest.mark.parametrize("who", ["other_member", "unconfirmed_academic"])
def test_people_who_may_not_start_a_proposal_get_no_i_can_help(client, login, make, market, who):
    person = (make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
              if who == "other_member" else make.academic(verified=False))
    login(person)
    html = page(client, f"/challenges/{market['challenge'].id}")

    assert "I can help" not in html and not start_links(html, market["challenge"].id)


def test_a_visitor_is_asked_to_sign_in_to_respond(client, market):
    challenge_page = page(client, f"/challenges/{market['challenge'].id}")
    offer_page = page(client, f"/offers/{market['offer'].id}")

    for html, path in ((challenge_page, f"/challenges/{market['challenge'].id}"),
                       (offer_page, f"/offers/{market['offer'].id}")):
        assert "Sign in to respond" in html
        assert f'href="/login?next={path}"' in html
        assert not start_links(html, market["challenge"].id)


def test_a_member_asks_for_an_offer_choosing_among_their_open_challenges(client, login, make, market):
    second = make.challenge(market["organisation"], author=market["member"], title="Heating in the old school")
    draft = make.challenge(market["organisation"], author=market["member"], status=ChallengeStatus.DRAFT)
    login(market["member"])
    html = page(client, f"/offers/{market['offer'].id}")

    assert "Ask for this offer" in html
    links = set(start_links(html, market["challenge"].id)) | set(start_links(html, second.id))
    assert not start_links(html, draft.id)
    assert links == {f"/challenges/{market['challenge'].id}/propose?offer={market['offer'].id}",
                     f"/challenges/{second.id}/propose?offer={market['offer'].id}"}


def test_academics_do_not_get_ask_for_this_offer(client, login, make, market):
    login(make.academic(verified=True))
    assert "Ask for this offer" not in page(client, f"/offers/{market['offer'].id}")


# --- starting: the proposal, its message, the invited side told ----------------------------------------------

def test_inviting_a_suggested_academic_starts_a_proposal_with_the_message_and_tells_them(client, login, market):
    challenge, expert = market["challenge"], market["expert"]
    login(market["member"])
    form = client.get(f"/challenges/{challenge.id}/propose?academic={expert.id}").get_data(as_text=True)
    assert f'value="{expert.id}" checked' in form

    response = client.post(f"/challenges/{challenge.id}/propose?academic={expert.id}",
                           data={"academic_ids": [expert.id], "message": "Could your students audit our flats?"})

    assert response.status_code == 302
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.academic_ids == {expert.id} and proposal.stage is Stage.PROPOSED
    assert db.session.scalar(sa.select(ProposalMessage.body)) == "Could your students audit our flats?"
    mail = mails_to(expert)
    assert len(mail) == 1 and "Could your students audit our flats?" in mail[0].body
    assert f"/proposals/{proposal.id}" in mail[0].body and expert.email == mail[0].recipient
    assert market["member"].email not in mail[0].body


def test_the_invitation_reaches_the_academic_in_their_own_language(client, login, make, market):
    market["expert"].preferred_language = Language.IT
    db.session.commit()
    login(market["member"])
    client.post(f"/challenges/{market['challenge'].id}/propose",
                data={"academic_ids": [market["expert"].id], "message": "Ci aiutate?"})

    (mail,) = mails_to(market["expert"])
    assert mail.body.startswith(f"Gentile {market['expert'].name},") and "ha avviato una proposta" in mail.body
    assert "Ci aiutate?" in mail.subject and "/proposals/" in mail.body


def test_i_can_help_starts_a_proposal_and_tells_the_organisation(client, login, market):
    login(market["expert"])
    response = client.post(f"/challenges/{market['challenge'].id}/propose?offer={market['offer'].id}",
                           data={"offer": market["offer"].id, "message": "My students can measure it."})

    assert response.status_code == 302
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.proposer_side == "academic" and proposal.academics[0].offer_id == market["offer"].id
    (mail,) = mails_to(market["member"])
    assert "My students can measure it." in mail.body and market["expert"].email not in mail.body
    assert not mails_to(market["expert"])


def test_asking_for_an_offer_invites_its_author_with_the_offer(client, login, market):
    login(market["member"])
    client.post(f"/challenges/{market['challenge'].id}/propose?offer={market['offer'].id}",
                data={"offer": market["offer"].id, "academic_ids": [market["expert"].id],
                      "message": "We need exactly this."})

    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.academics[0].offer_id == market["offer"].id
    assert len(mails_to(market["expert"])) == 1


def test_once_a_proposal_is_under_way_the_button_leads_to_it(client, login, make, market):
    proposal = make.proposal(challenge=market["challenge"], member=market["member"], academic=market["expert"])
    login(market["member"])
    html = suggestions_of(page(client, f"/challenges/{market['challenge'].id}"))

    assert f"/proposals/{proposal.id}" in html and "Proposal under way" in html
    assert f"propose?academic={market['expert'].id}" not in html


# --- the card of an academic outside the directory ----------------------------------------------------------

def test_a_suggested_academic_outside_the_directory_gets_a_card_without_their_address(client, login, make, market):
    make.profile(market["expert"], directory_opt_in=False)
    login(market["member"])
    html = suggestions_of(page(client, f"/challenges/{market['challenge'].id}"))
    assert f'href="/people/{market["expert"].id}/card"' in html
    assert client.get(f"/people/{market['expert'].id}").status_code == 404

    card = page(client, f"/people/{market['expert'].id}/card")
    assert market["expert"].name in card and "energy poverty" in card and "Available for new collaborations" in card
    assert market["expert"].email not in card


# --- capacity -----------------------------------------------------------------------------------------------

def test_an_academic_at_capacity_is_shown_so_and_can_still_be_invited(client, login, make, market):
    make.profile(market["expert"], capacity_per_semester=1)
    other = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED), **ENERGY)
    make.proposal(Stage.ACCEPTED, challenge=other, academic=market["expert"])
    login(market["member"])
    html = suggestions_of(page(client, f"/challenges/{market['challenge'].id}"))

    expert_card = html.split(market["expert"].name, 1)[1].split("</div></li>", 1)[0]
    assert "At capacity" in expert_card
    assert f"propose?academic={market['expert'].id}" in expert_card


def test_a_proposal_only_proposed_does_not_count_against_capacity(client, login, make, market):
    make.profile(market["expert"], capacity_per_semester=1)
    other = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED), **ENERGY)
    make.proposal(Stage.PROPOSED, challenge=other, academic=market["expert"])
    login(market["member"])
    html = suggestions_of(page(client, f"/challenges/{market['challenge'].id}"))

    assert "At capacity" not in html.split(market["expert"].name, 1)[1].split("</div></li>", 1)[0]


# --- a declined pair ----------------------------------------------------------------------------------------

def test_a_declined_pair_leaves_both_sides_suggestions_and_feeds_the_coordinators_counts(client, login, make, market):
    challenge, expert = market["challenge"], market["expert"]
    login(expert)
    assert challenge.title in page(client, "/matching/for-you")
    client.post("/logout")
    proposal = make.proposal(challenge=challenge, member=market["member"], academic=expert)
    apply_transition(proposal, expert, Stage.DECLINED, {"reason_code": "no_capacity", "reason": "Full this term"})
    db.session.commit()

    login(market["member"])
    html = suggestions_of(page(client, f"/challenges/{challenge.id}"))
    assert expert.name not in html and market["offer"].title not in html
    client.post("/logout")
    login(expert)
    assert challenge.title not in page(client, "/matching/for-you")
    assert challenge.title not in page(client, f"/offers/{market['offer'].id}").split('id="suggestions"', 1)[1]
    matching.recompute_all()  # a full recomputation keeps them apart too
    db.session.commit()
    assert challenge.title not in page(client, "/matching/for-you")
    client.post("/logout")

    login(make.coordinator(verified=True))
    desk = page(client, "/coordination/matching").split('id="why-pairs-end"', 1)[1]
    declined = desk.split('id="why-declined"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"No capacity at the moment</td><td[^>]*>1<", declined)
    assert "None in this period." in desk.split('id="why-withdrawn"', 1)[1]


def test_a_withdrawn_pair_is_counted_and_not_suggested_again(client, login, make, market):
    challenge, expert = market["challenge"], market["expert"]
    make.proposal(Stage.WITHDRAWN, challenge=challenge, member=market["member"], academic=expert)
    login(market["member"])
    assert expert.name not in suggestions_of(page(client, f"/challenges/{challenge.id}"))
    client.post("/logout")
    login(make.coordinator(verified=True))
    withdrawn = page(client, "/coordination/matching").split('id="why-withdrawn"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"Other \(explain below\)</td><td[^>]*>1<", withdrawn)


def test_a_rejected_proposal_does_not_end_the_pair(client, login, make, market):
    make.proposal(Stage.REJECTED, challenge=market["challenge"], member=market["member"], academic=market["expert"])
    login(market["member"])
    assert market["expert"].name in suggestions_of(page(client, f"/challenges/{market['challenge'].id}"))
