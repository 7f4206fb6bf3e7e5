"""How matching follows the other features: each event, once committed, enqueues the refresh of what it touched;
a declined or withdrawn proposal also ends the suggestion of its pairs."""
from matchmaker.events import (
    AcademicJoined,
    ChallengeChanged,
    OfferChanged,
    OrganisationStatusChanged,
    ProfileChanged,
    ProposalMoved,
)
from matchmaker.matching import services
from matchmaker.workflow import insights


def challenge_changed(event: ChallengeChanged) -> None:
    services.item_changed("challenge", event.challenge_id)


def offer_changed(event: OfferChanged) -> None:
    services.item_changed("offer", event.offer_id)


def profile_changed(event: ProfileChanged) -> None:
    services.item_changed("profile", event.user_id)


def academic_joined(event: AcademicJoined) -> None:
    services.academic_changed(event.user_id)


def organisation_status_changed(event: OrganisationStatusChanged) -> None:
    services.organisation_changed(event.organisation_id)


def proposal_moved(event: ProposalMoved) -> None:
    """A declined or withdrawn proposal: its pairs leave both sides' suggestions for good."""
    ending = insights.ending_of(event.event_id)
    if ending is None:
        return
    challenge_id, academic_ids, offer_ids = insights.ended_pairs(event.proposal_id)
    if challenge_id:
        services.exclude_pairs(ending.actor_id, challenge_id, academic_ids, offer_ids)
