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
    return {"matching": {
        "academics": shown(services.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC, viewer=current_user)),
        "offers": shown(services.suggestions_for_challenge(challenge, MatchTarget.OFFER, viewer=current_user)),
        "team": services.team_for_challenge(challenge, current_user) if challenge.status.value == "open" else None,
        "may_dismiss": can(current_user, "match.dismiss", challenge),
    }}


def offer_panel(offer: Offer) -> dict:
    """The challenges that fit an offer, for its author and the coordinators."""
    if not can(current_user, "match.view", offer):
        return {"matching": None}
    return {"matching": {"challenges": shown(services.suggestions_for_offer(offer, current_user)),
                         "may_dismiss": can(current_user, "match.dismiss", offer)}}
