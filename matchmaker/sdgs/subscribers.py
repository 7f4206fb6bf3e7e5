"""How the stored SDG suggestions follow the items: a saved challenge, offer or profile has its suggestions made
again from its new text (initiatives publish no event: the back-fill covers them)."""
from matchmaker.events import ChallengeChanged, OfferChanged, ProfileChanged
from matchmaker.sdgs.backfill import refresh_one


def challenge_changed(event: ChallengeChanged) -> None:
    refresh_one("challenge", event.challenge_id)


def offer_changed(event: OfferChanged) -> None:
    refresh_one("offer", event.offer_id)


def profile_changed(event: ProfileChanged) -> None:
    refresh_one("profile", event.user_id)
