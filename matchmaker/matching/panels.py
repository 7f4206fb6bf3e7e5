"""What the challenge and offer pages show of matching: the stored suggestions with the sentences that say why.

Other features' views include these panels; they are not views themselves, so no feature's views import another's.
"""
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

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


@dataclass
class Listing:
    """The suggestions of one list, and what holds for every one of them, said once above the list."""

    items: list[Shown] = field(default_factory=list)
    common: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Shown]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def shown(matches: list[Match], said_on_card: Callable[[Match], set[str]] = lambda _match: set()) -> Listing:
    """The sentences of each suggestion of a list. A reason every suggestion of the list has (the challenge's
    own deadline, "works in Turin" when all do) sets none apart: it is said once for the list; `said_on_card`
    gives the reason codes a card already says otherwise (a badge), which its sentences leave out."""
    reasons = [[(code, value) for code, value in match.reasons or ()] for match in matches]
    everywhere = set.intersection(*(set(r) for r in reasons)) if len(matches) > 1 else set()
    common = explanation_sentences([], [], [reason for reason in reasons[0] if reason in everywhere]) if matches else []
    items = []
    for match, own in zip(matches, reasons, strict=True):
        skip = said_on_card(match)
        kept = [reason for reason in own if reason not in everywhere and reason[0] not in skip]
        sentences = explanation_sentences(match.shared_terms, match.shared_sdgs, kept)
        items.append(Shown(match, list(dict.fromkeys(sentences))))  # a sentence once, even if a reason repeats
    return Listing(items, list(dict.fromkeys(common)))


def _availability_badged(match: Match) -> set[str]:
    """An academic who is not available now has a badge saying so on their card: no sentence repeats it."""
    profile = match.academic.academic_profile if match.academic else None
    return {"available", "unavailable"} if profile is not None and not profile.available else set()


def challenge_panel(challenge: Challenge) -> dict:
    """What the challenge page shows of matching, for those who may see it (its organisation, coordinators)."""
    if not can(current_user, "match.view", challenge):
        return {"matching": None}
    academics = shown(services.suggestions_for_challenge(challenge, MatchTarget.ACADEMIC, viewer=current_user),
                      _availability_badged)
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
