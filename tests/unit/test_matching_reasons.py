"""What a suggestion says it rests on: distinctive shared words only, a shared place as its own reason, teams
that cover the challenge's distinctive words, and scores in words."""
import pytest

from matchmaker.engine.analysis import Analyzer, is_stop_word
from matchmaker.engine.matcher import CHALLENGE, OFFER, PROFILE, Facts, Item, MatchingEngine
from matchmaker.engine.places import is_place_word, places_in, without_places


def challenge(n: int, title: str, body: str, **facts) -> Item:
    facts.setdefault("city", "Torino")
    return Item(f"challenge:{n}", CHALLENGE, {"title": title, "body": body}, Facts(**facts))


def offer(n: int, owner: int, title: str, body: str) -> Item:
    return Item(f"offer:{n}", OFFER, {"title": title, "body": body}, Facts(city="Torino"), owner=owner)


def profile(owner: int, keywords: str, body: str, department: str) -> Item:
    return Item(f"profile:{owner}", PROFILE, {"keywords": keywords, "body": body},
                Facts(city="Torino", department=department), owner=owner)


# An Italian challenge in Barriera di Milano, and an English offer whose author writes Italian place names.
GARDENS = challenge(
    1, "Orti condivisi in Barriera di Milano",
    "Ogni settimana poche persone usano gli orti condivisi del quartiere Barriera di Milano: servono compost, "
    "irrigazione a goccia e 15 nuove aiuole. Mettiamo a disposizione tempo e 2000 euro per il progetto.")
GARDEN_OFFER = offer(
    2, 11, "Compost and drip irrigation for community gardens",
    "Every week my students use compost and drip irrigation in the community gardens of Barriera di Milano "
    "and San Salvario: 15 raised beds, people of the neighbourhood, a project of two years.")
OTHER_OFFER = offer(3, 12, "Soil and compost analysis", "Compost quality, soil analysis and irrigation plans.")


@pytest.fixture(scope="module")
def engine() -> MatchingEngine:
    return MatchingEngine().build([GARDENS, GARDEN_OFFER, OTHER_OFFER])


def shared_words(engine: MatchingEngine, offer_key: str) -> list[str]:
    return next(s for s in engine.offers_for_challenge("challenge:1") if s.key == offer_key).shared_terms


def test_shared_words_are_never_stop_words_of_either_language(engine):
    words = shared_words(engine, "offer:2")

    assert words  # compost, irrigation… do carry the score
    assert not [word for word in words if is_stop_word(word)]
    assert "di" not in words  # "di" is no English stop word, but the English offer's "Barriera di Milano"


def test_shared_words_are_never_generic_words():
    analyzer = Analyzer()

    assert not [w for w in ("persone", "usare", "ogni", "poco", "tempo", "disposizione", "progetto", "people",
                            "use", "project", "progetti", "projects") if analyzer.is_distinctive(w)]
    assert all(analyzer.is_distinctive(w) for w in ("compost", "irrigazione", "solare", "casa", "barriere"))


def test_generic_words_are_left_out_of_what_a_pair_shares(engine):
    words = shared_words(engine, "offer:2")

    assert not {"settimana", "week", "persone", "people", "progetto", "project"} & set(words)
    assert {"compost", "irrigation"} & set(words) or {"compost", "irrigazione"} & set(words)


def test_shared_words_never_hold_a_digit(engine):
    assert not [word for word in shared_words(engine, "offer:2") if any(c.isdigit() for c in word)]


def test_words_of_a_place_name_are_not_shared_interests(engine):
    words = shared_words(engine, "offer:2")

    assert not [word for word in words if is_place_word(word)]
    assert not {"milano", "barriera", "salvario", "san"} & set(words)


def test_a_place_name_knocks_out_its_words_only_where_they_stand_as_that_place():
    text = "Barriere architettoniche in Barriera di Milano; un palazzo vicino a Porta Palazzo, in Val di Susa."

    assert places_in(text) == ["Barriera di Milano", "Porta Palazzo", "Val di Susa"]
    kept = without_places(text)
    assert "Barriere architettoniche" in kept and "un palazzo" in kept
    assert "Milano" not in kept and "Porta" not in kept and "Susa" not in kept
    assert len(kept) == len(text)


def test_a_shared_place_is_its_own_reason(engine):
    suggestion = next(s for s in engine.offers_for_challenge("challenge:1") if s.key == "offer:2")

    assert ("same_area", "Barriera di Milano") in suggestion.reasons


def test_the_city_everyone_works_in_is_no_shared_area():
    turin = challenge(5, "Compost a Torino", "Compost e irrigazione per gli orti di Torino.")
    turin_offer = offer(6, 13, "Compost in Turin", "Compost and irrigation for the gardens of Torino.")
    engine = MatchingEngine().build([turin, turin_offer])

    suggestion = engine.offers_for_challenge("challenge:5")[0]

    assert not [reason for reason in suggestion.reasons if reason[0] == "same_area"]


# --- teams ---------------------------------------------------------------------------------------------------

SOCIAL_GARDEN = challenge(
    10, "Orti condivisi e inclusione sociale in Barriera di Milano",
    "Gli orti condivisi di Barriera di Milano hanno bisogno di compost e irrigazione, e di laboratori di "
    "inclusione sociale per i migranti. Ogni settimana persone di tempo a disposizione.")
AGRONOMIST = profile(21, "compost, irrigazione, orti", "Compost e irrigazione degli orti urbani.", "DISAFA")
SOCIOLOGIST = profile(22, "inclusione sociale, migranti", "Laboratori di inclusione sociale con i migranti.",
                      "DIST")
LOCAL = profile(23, "Barriera di Milano", "Ogni settimana persone di Barriera di Milano con tempo a "
                "disposizione, per il progetto.", "DAD")


def test_team_members_bring_only_distinctive_words():
    engine = MatchingEngine().build([SOCIAL_GARDEN, AGRONOMIST, SOCIOLOGIST, LOCAL])

    team = engine.team_for_challenge("challenge:10")

    assert team is not None
    analyzer = engine.analyzer
    for member in team.members:
        assert all(analyzer.is_distinctive(word) for word in member.brings), member.brings


def test_someone_who_shares_only_a_place_and_generic_words_adds_nothing_to_a_team():
    engine = MatchingEngine().build([SOCIAL_GARDEN, AGRONOMIST, SOCIOLOGIST, LOCAL])

    team = engine.team_for_challenge("challenge:10")

    assert 23 not in {member.academic_id for member in team.members}


def test_no_team_when_the_second_member_adds_only_generic_words_and_the_place():
    engine = MatchingEngine().build([SOCIAL_GARDEN, AGRONOMIST, LOCAL])

    assert engine.team_for_challenge("challenge:10") is None
