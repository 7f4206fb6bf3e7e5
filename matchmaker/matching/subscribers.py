"""How matching follows the other features: each event, once committed, enqueues the refresh of what it touched."""
from matchmaker.events import AcademicJoined, ChallengeChanged, OfferChanged, OrganisationStatusChanged, ProfileChanged
from matchmaker.matching import services


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
