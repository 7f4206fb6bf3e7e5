"""What the challenge and offer pages show of matching: the stored suggestions with the sentences that say why.

Other features' views include these panels; they are not views themselves, so no feature's views import another's.
"""
from dataclasses import dataclass

from flask_login import current_user

from matchmaker.challenges.models import Challenge
from matchmaker.labels import explanation_sentences
from matchmaker.matching import services
from matchmaker.matching.models import Match, MatchTarget
from matchmaker.offers.models import Offer
from matchmaker.permissions import can
from matchmaker.workflow import insights


@dataclass
class Shown:
    """One stored suggestion and the sentences that say why."""

    match: Match
    reasons: list[str]


def shown(matches: list[Match]) -> list[Shown]:
    return [Shown(m, explanation_sentences(m.shared_terms, m.shared_sdgs, m.reasons)) for m in matches]


def challenge_panel(challenge: Challenge) -> dict:
    """What the challenge page shows of matching, for those who may see it (its organisation, coordinators)."""
    if not can(current_user, "match.view", challenge):
        return {"matching": None}
    academics = shown(services.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC, viewer=current_user))
    offers = shown(services.suggestions_for_challenge(challenge, MatchTarget.OFFER, viewer=current_user))
    people = {s.match.academic_id for s in academics} | {s.match.offer.academic_id for s in offers}
    return {"matching": {
        "academics": academics,
        "offers": offers,
        "team": services.team_for_challenge(challenge, current_user) if challenge.status.value == "open" else None,
        "may_dismiss": can(current_user, "match.dismiss", challenge),
        # Acting on a suggestion: invite (members of the challenge's organisation), and what is said beside it.
        "may_invite": can(current_user, "proposal.start", challenge),
        "at_capacity": insights.at_capacity(people),
        "offers_at_capacity": insights.offers_at_capacity(s.match.offer for s in offers),
        "under_way": {academic: proposal for (_c, academic), proposal in
                      insights.under_way({challenge.id}, people).items()},
    }}


def offer_panel(offer: Offer) -> dict:
    """The challenges that fit an offer, for its author and the coordinators."""
    if not can(current_user, "match.view", offer):
        return {"matching": None}
    challenges = shown(services.suggestions_for_offer(offer, current_user))
    return {"matching": {"challenges": challenges, "may_dismiss": can(current_user, "match.dismiss", offer),
                         "under_way": under_way_for(challenges, offer.academic_id)}}


def under_way_for(suggestions: list[Shown], academic_id: int) -> dict[int, int]:
    """For an academic's suggested challenges: challenge → the proposal already under way between them."""
    found = insights.under_way({s.match.challenge_id for s in suggestions}, {academic_id})
    return {challenge_id: proposal_id for (challenge_id, _a), proposal_id in found.items()}
