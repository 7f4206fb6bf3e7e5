"""The matching engine answers the product's questions: ranked, explained suggestions in both directions,
teams, incremental updates. Small hand-written challenges, offers, profiles and publications; no app needed.
"""
import pickle
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from matchmaker.engine.matcher import (
    CHALLENGE,
    OFFER,
    PROFILE,
    PUBLICATION,
    Facts,
    Item,
    MatchingEngine,
    Suggestion,
    Team,
)
from matchmaker.engine.people import PairParts, pair_text_score
from matchmaker.engine.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def challenge(n: int, title: str, body: str, **facts) -> Item:
    facts.setdefault("city", "Torino")
    return Item(f"challenge:{n}", CHALLENGE, {"title": title, "body": body}, Facts(**facts))


def offer(n: int, owner: int, title: str, body: str, **facts) -> Item:
    facts.setdefault("city", "Torino")
    return Item(f"offer:{n}", OFFER, {"title": title, "body": body}, Facts(**facts), owner=owner)


def profile(owner: int, keywords: str, body: str, **facts) -> Item:
    facts.setdefault("city", "Torino")
    return Item(f"profile:{owner}", PROFILE, {"keywords": keywords, "body": body}, Facts(**facts), owner=owner)


def publication(n: int, owner: int, title: str, body: str = "") -> Item:
    return Item(f"publication:{n}", PUBLICATION, {"title": title, "body": body}, owner=owner)


ENERGY = challenge(
    1, "Povertà energetica nelle case popolari",
    "Molte famiglie nelle case popolari di Torino vivono in povertà energetica: edifici mal isolati, bollette "
    "del riscaldamento troppo alte, umidità e muffa. Cerchiamo chi ci aiuti a riqualificare gli alloggi.",
    sdgs=frozenset({7, 11}), kind="research")
ELDERLY = challenge(
    2, "Digital inclusion of older people",
    "Many elderly people in our neighbourhood cannot use smartphones, online banking or the health booking "
    "portal. We need training courses and simpler apps to fight the digital exclusion of older adults.",
    sdgs=frozenset({4, 10}), kind="training")
FOOD = challenge(
    3, "Spreco alimentare nelle mense scolastiche",
    "Nelle mense scolastiche si butta via quasi un terzo del cibo cucinato. Vogliamo misurare lo spreco "
    "alimentare, ridurlo e donare le eccedenze alimentari alle famiglie in difficoltà.",
    sdgs=frozenset({2, 12}), kind="research")
DROPOUT = challenge(
    4, "Preventing school drop-out",
    "In our district many teenagers leave school early. We want to understand the causes of early school "
    "leaving and design mentoring programmes that keep students in education.",
    sdgs=frozenset({4}), kind="consulting")
TRANSPORT = challenge(
    5, "Accessible public transport for wheelchair users",
    "Wheelchair users and blind people find buses, trams and stations hard to use. We want to map the "
    "barriers to public transport accessibility and propose accessible routes across the city.",
    sdgs=frozenset({10, 11}), kind="research")
CHALLENGES = [ENERGY, ELDERLY, FOOD, DROPOUT, TRANSPORT]

# Academics: 1 energy in buildings, 2 digital inclusion, 3 food science, 4 education, 5 accessibility.
SUPPLY = [
    profile(1, "riqualificazione energetica, povertà energetica, edifici",
            "Mi occupo di riqualificazione energetica degli edifici residenziali e di povertà energetica "
            "nelle case popolari: isolamento termico, riscaldamento efficiente, muffa e umidità.",
            department="DENERG"),
    offer(1, 1, "Audit energetico delle case popolari",
          "Un audit energetico degli alloggi popolari per ridurre le bollette del riscaldamento e la povertà "
          "energetica delle famiglie, con un piano per riqualificare gli edifici mal isolati.",
          sdgs=frozenset({7}), kind="research"),
    publication(1, 1, "Povertà energetica e riqualificazione degli edifici di edilizia popolare a Torino"),
    publication(2, 1, "Isolamento termico e muffa negli alloggi popolari"),
    profile(2, "digital inclusion, older adults, usability",
            "I study the digital inclusion of older adults: smartphone apps, online services and training "
            "courses that help elderly people use the health booking portal and online banking.",
            department="DAUIN"),
    offer(2, 2, "Digital skills courses for elderly people",
          "Training courses on smartphones, online banking and health portals for older adults, designed with "
          "them to reduce digital exclusion.",
          sdgs=frozenset({4, 10}), kind="training"),
    publication(3, 2, "Usability of health apps for older adults"),
    publication(4, 2, "Digital exclusion of the elderly and smartphone training"),
    profile(3, "spreco alimentare, mense, eccedenze",
            "Studio lo spreco alimentare nelle mense scolastiche e aziendali e il recupero delle eccedenze "
            "alimentari per le famiglie in difficoltà.",
            department="DISAT"),
    offer(3, 3, "Misurare lo spreco alimentare nelle mense",
          "Misuriamo il cibo buttato nelle mense scolastiche e progettiamo la donazione delle eccedenze.",
          sdgs=frozenset({2, 12}), kind="research"),
    profile(4, "early school leaving, mentoring, education",
            "My research is on early school leaving and school drop-out: the causes, and mentoring programmes "
            "that keep teenagers in education.",
            department="DIST"),
    offer(4, 4, "Mentoring programmes against school drop-out",
          "We design and evaluate mentoring programmes that keep students at school and prevent drop-out.",
          sdgs=frozenset({4}), kind="consulting"),
    profile(5, "accessibility, wheelchair, public transport",
            "I map the barriers to accessibility of public transport for wheelchair users and blind people: "
            "stations, buses and trams.",
            department="DIGEP"),
    offer(5, 5, "Accessibility audit of public transport",
          "An accessibility audit of stations, buses and trams for wheelchair users, with accessible routes.",
          sdgs=frozenset({10, 11}), kind="research"),
]
ITEMS = CHALLENGES + SUPPLY


@pytest.fixture(scope="module")
def engine():
    return MatchingEngine().build(ITEMS)


def keys(suggestions) -> list[str]:
    return [s.key if isinstance(s, Suggestion) else s[0] for s in suggestions]


def reason_codes(suggestion: Suggestion) -> set[str]:
    return {code for code, _ in suggestion.reasons}


# --- both directions ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("challenge_key", "offer_key"), [
    ("challenge:1", "offer:1"), ("challenge:2", "offer:2"), ("challenge:3", "offer:3"),
    ("challenge:4", "offer:4"), ("challenge:5", "offer:5"),
])
def test_the_fitting_offer_comes_first_for_a_challenge(engine, challenge_key, offer_key):
    suggestions = engine.offers_for_challenge(challenge_key)

    assert suggestions[0].key == offer_key
    assert all(s.key.startswith("offer:") for s in suggestions)


@pytest.mark.parametrize(("challenge_key", "academic"), [
    ("challenge:1", 1), ("challenge:2", 2), ("challenge:3", 3), ("challenge:4", 4), ("challenge:5", 5),
])
def test_the_fitting_academic_comes_first_for_a_challenge(engine, challenge_key, academic):
    suggestions = engine.academics_for_challenge(challenge_key)

    assert suggestions[0].key == f"academic:{academic}"
    assert all(s.key.startswith("academic:") for s in suggestions)
    assert len(set(keys(suggestions))) == len(suggestions)  # each academic once


@pytest.mark.parametrize(("offer_key", "challenge_key"), [
    ("offer:1", "challenge:1"), ("offer:2", "challenge:2"), ("offer:3", "challenge:3"),
    ("offer:4", "challenge:4"), ("offer:5", "challenge:5"),
])
def test_the_fitting_challenge_comes_first_for_an_offer(engine, offer_key, challenge_key):
    suggestions = engine.challenges_for_offer(offer_key)

    assert suggestions[0].key == challenge_key
    assert all(s.key.startswith("challenge:") for s in suggestions)


@pytest.mark.parametrize(("academic", "challenge_key"), [
    (1, "challenge:1"), (2, "challenge:2"), (3, "challenge:3"), (4, "challenge:4"), (5, "challenge:5"),
])
def test_the_fitting_challenge_comes_first_for_an_academic(engine, academic, challenge_key):
    suggestions = engine.challenges_for_academic(academic)

    assert suggestions[0].key == challenge_key


def test_suggestions_are_sorted_best_first_and_limited_to_k(engine):
    for suggestions in (engine.offers_for_challenge("challenge:2", k=3),
                        engine.academics_for_challenge("challenge:2", k=3),
                        engine.challenges_for_offer("offer:2", k=3),
                        engine.challenges_for_academic(2, k=3)):
        scores = [s.score for s in suggestions]
        assert 1 <= len(suggestions) <= 3
        assert scores == sorted(scores, reverse=True)


def test_an_academic_without_texts_gets_no_challenges(engine):
    assert engine.challenges_for_academic(99) == []


def test_an_academic_suggestion_names_the_texts_that_matched(engine):
    best = engine.academics_for_challenge("challenge:1")[0]

    assert best.supporting
    assert all(engine.items[key].owner == 1 for key in best.supporting)


# --- closed challenges and dismissals -------------------------------------------------------------------------

def _with_closed_energy_challenge() -> MatchingEngine:
    closed = replace(ENERGY, facts=replace(ENERGY.facts, available=False))
    return MatchingEngine().build([closed, *CHALLENGES[1:], *SUPPLY])


def test_a_closed_challenge_is_left_out_for_an_offer():
    engine = _with_closed_energy_challenge()

    assert "challenge:1" not in keys(engine.challenges_for_offer("offer:1"))


def test_a_closed_challenge_is_left_out_for_an_academic():
    engine = _with_closed_energy_challenge()

    assert "challenge:1" not in keys(engine.challenges_for_academic(1))


def test_a_challenge_closed_by_an_edit_is_left_out_at_once():
    engine = MatchingEngine().build(ITEMS)
    assert engine.challenges_for_offer("offer:1")[0].key == "challenge:1"

    engine.upsert(replace(ENERGY, facts=replace(ENERGY.facts, available=False)))

    assert "challenge:1" not in keys(engine.challenges_for_offer("offer:1"))
    assert "challenge:1" not in keys(engine.challenges_for_academic(1))


def test_open_challenges_are_found_even_when_many_closed_ones_match_better():
    closed = [replace(ENERGY, key=f"challenge:{100 + n}", facts=replace(ENERGY.facts, available=False))
              for n in range(4)]
    open_one = challenge(200, "Bollette del riscaldamento troppo alte",
                         "Famiglie che non riescono a pagare il riscaldamento.")
    engine = MatchingEngine().build([*closed, open_one, *CHALLENGES[1:], *SUPPLY])

    assert keys(engine.challenges_for_offer("offer:1", k=1)) == ["challenge:200"]
    assert keys(engine.challenges_for_academic(1, k=1)) == ["challenge:200"]


def test_a_dismissed_offer_is_not_suggested_again(engine):
    suggestions = engine.offers_for_challenge("challenge:1", exclude={"offer:1"})

    assert "offer:1" not in keys(suggestions)


def test_a_dismissed_academic_is_not_suggested_again(engine):
    suggestions = engine.academics_for_challenge("challenge:1", exclude={"academic:1"})

    assert "academic:1" not in keys(suggestions)
    assert suggestions  # the others are still there


def test_a_dismissed_challenge_is_not_suggested_again(engine):
    assert "challenge:1" not in keys(engine.challenges_for_offer("offer:1", exclude={"challenge:1"}))
    assert "challenge:1" not in keys(engine.challenges_for_academic(1, exclude={"challenge:1"}))


def test_dismissing_one_suggestion_keeps_the_others_in_order(engine):
    full = keys(engine.offers_for_challenge("challenge:5", k=10))
    dismissed = full[0]

    assert keys(engine.offers_for_challenge("challenge:5", k=10, exclude={dismissed})) == full[1:]


def test_similar_challenges_respects_exclude(engine):
    fields = {"title": "Povertà energetica", "body": "Famiglie con bollette del riscaldamento troppo alte"}

    assert keys(engine.similar_challenges(fields))[0] == "challenge:1"
    assert "challenge:1" not in keys(engine.similar_challenges(fields, exclude={"challenge:1"}))


# --- academics are scored by their best texts ----------------------------------------------------------------

def test_an_academic_whose_publications_fit_ranks_above_one_whose_only_text_is_unrelated():
    fitting = [profile(1, "building physics", "Thermal comfort and indoor climate.", department="DENERG"),
               publication(1, 1, "Energy poverty in social housing: retrofit of poorly insulated homes"),
               publication(2, 1, "Heating bills and energy poverty of tenants in social housing")]
    unrelated = [profile(2, "medieval history", "Manuscripts of medieval monasteries and their social housing "
                         "of pilgrims", department="DSSG")]
    need = challenge(1, "Energy poverty in social housing",
                     "Tenants of social housing cannot pay their heating bills: the homes are poorly insulated.")
    engine = MatchingEngine().build([need, *fitting, *unrelated])

    ranked = keys(engine.academics_for_challenge("challenge:1"))

    assert ranked[:2] == ["academic:1", "academic:2"]  # both share "social housing", one fits


def test_one_lucky_text_is_not_expertise():
    need = challenge(1, "Energy poverty in social housing",
                     "Tenants of social housing cannot pay their heating bills: the homes are poorly insulated.")
    lucky = [publication(1, 1, "Energy poverty in social housing",
                         "Tenants of social housing cannot pay their heating bills: the homes are poorly "
                         "insulated.")]
    lucky += [publication(10 + n, 1, title) for n, title in enumerate([
        "Medieval manuscripts of northern Italy", "Gothic cathedrals and their builders",
        "Latin palaeography", "Monastic libraries in Piedmont"])]
    body_of_work = [publication(20 + n, 2, title) for n, title in enumerate([
        "Energy poverty of tenants", "Retrofit of poorly insulated homes", "Heating bills of low-income tenants",
        "Insulated homes and energy poverty", "Social housing retrofit and heating"])]
    engine = MatchingEngine().build([need, *lucky, *body_of_work])

    assert keys(engine.academics_for_challenge("challenge:1"))[0] == "academic:2"


def test_top_k_bounds_how_many_texts_count():
    top_k = DEFAULT_SETTINGS.people.top_k
    assert top_k >= 1

    assert pair_text_score(PairParts([0.9, 0.1], 2, 0.0), top_k) == pytest.approx(0.5)
    assert pair_text_score(PairParts([0.9], 5, 0.0), top_k) == pytest.approx(0.9 / 5)  # missing texts count as zero
    assert pair_text_score(PairParts([0.5] * 10, 10, 0.0), top_k) == pytest.approx(0.5)  # only the best k
    assert pair_text_score(PairParts([0.5], 1, 0.2), top_k) == pytest.approx(0.3)  # less the generality



def _generality_engine(discount: float) -> MatchingEngine:
    """Two challenges sharing the same words with academic 1; one of them shares them with everybody."""
    settings = replace(DEFAULT_SETTINGS, people=replace(DEFAULT_SETTINGS.people, generality_discount=discount))
    general = challenge(1, "Data for social services", "Data analysis for the social services of the city.")
    specific = challenge(2, "Data for the food bank", "Data analysis for the food bank of the city.")
    mine = [publication(1, 1, "Data analysis for social services"), publication(2, 1, "Social services of the city"),
            publication(3, 1, "Data for the food bank")]
    others = [publication(10 + n, 10 + n, f"Data analysis for social services, part {n}") for n in range(40)]
    return MatchingEngine(settings).build([general, specific, *mine, *others])


def test_a_challenge_everybody_matches_ranks_below_one_that_fits_this_academic_specifically():
    plain, discounted = _generality_engine(0.0), _generality_engine(0.5)

    plain_scores = plain.score_challenges_for_academic(1, ["challenge:1", "challenge:2"])
    scores = discounted.score_challenges_for_academic(1, ["challenge:1", "challenge:2"])

    assert plain_scores["challenge:1"] > plain_scores["challenge:2"]  # by words alone, the general one
    assert scores["challenge:2"] > scores["challenge:1"]  # but every academic works on social services data
    assert keys(discounted.challenges_for_academic(1))[0] == "challenge:2"


def test_a_challenges_generality_follows_new_academic_texts_without_a_rebuild():
    engine = _generality_engine(0.5)
    before = engine.generality_discounts(1)
    for n in range(6):
        engine.upsert(publication(200 + n, 200 + n, "Food bank data analysis"))
    rebuilt = MatchingEngine(engine.settings).build([*engine.items.values()])

    assert engine.generality_discounts(1) == pytest.approx(rebuilt.generality_discounts(1), abs=1e-6)
    assert engine.generality_discounts(1)["challenge:2"] > before["challenge:2"]


def test_a_pair_has_one_score_whichever_side_asks():
    engine = _generality_engine(0.5)
    engine.upsert(publication(300, 10, "Food bank volunteers and data"))  # a text added since the fit
    engine.upsert(offer(301, 1, "Data analysis help", "We analyse data for the food bank and social services."))
    for academic in (1, 10, 11):
        for_academic = {s.key: s for s in engine.challenges_for_academic(academic, k=50)}
        for challenge_key in ("challenge:1", "challenge:2"):
            from_challenge = {s.key: s for s in engine.academics_for_challenge(challenge_key, k=50)}
            mine, theirs = for_academic[challenge_key], from_challenge[f"academic:{academic}"]
            assert (mine.score, mine.text_score, mine.discount) == (theirs.score, theirs.text_score, theirs.discount)
            assert (mine.shared_terms, mine.supporting) == (theirs.shared_terms, theirs.supporting)
    by_offer = {s.key: s for s in engine.challenges_for_offer("offer:301", k=50)}["challenge:2"]
    by_challenge = {s.key: s for s in engine.offers_for_challenge("challenge:2")}["offer:301"]
    assert (by_offer.score, by_offer.text_score, by_offer.shared_terms) == (
        by_challenge.score, by_challenge.text_score, by_challenge.shared_terms)


def test_an_offer_scores_the_same_in_a_challenge_s_list_and_alone():
    engine = MatchingEngine().build(ITEMS)
    for challenge_key in [item.key for item in ITEMS if item.kind == CHALLENGE]:
        listed = engine.offers_for_challenge(challenge_key, k=20)
        assert listed
        for suggestion in listed:
            alone = engine.offer_pair(challenge_key, suggestion.key)
            assert (alone.score, alone.text_score, alone.shared_terms) == (
                suggestion.score, suggestion.text_score, suggestion.shared_terms)


def test_a_challenge_published_after_the_fit_with_new_words_brings_a_refit_and_then_finds_its_academic():
    engine = MatchingEngine().build([ENERGY, publication(1, 1, "Beekeeping and pollinators in urban gardens"),
                                     publication(2, 2, "Energy poverty of social housing")])
    assert not engine.needs_refit
    engine.upsert(challenge(9, "Urban beekeeping", "Pollinators and beekeeping in the gardens of the city."))

    assert engine.needs_refit  # the challenges' vocabulary has never seen these words
    engine.refit()
    assert not engine.needs_refit
    assert keys(engine.academics_for_challenge("challenge:9"))[0] == "academic:1"


def test_an_academic_alone_on_the_platform_loses_nothing_for_generality():
    general = challenge(1, "Data for social services", "Data analysis for the social services of the city.")
    specific = challenge(2, "Data for the food bank", "Data analysis for the food bank of the city.")
    alone = MatchingEngine().build([general, specific, publication(1, 1, "Data analysis for social services")])

    assert alone.generality_discounts(1) == {}
    assert keys(alone.challenges_for_academic(1))[0] == "challenge:1"
    assert keys(alone.academics_for_challenge("challenge:1")) == ["academic:1"]


def test_the_generality_discount_grows_with_the_number_of_other_academics():
    few = _generality_engine(0.5)
    many = MatchingEngine(few.settings).build([*few.items.values(), *[
        publication(100 + n, 100 + n, f"Data analysis for social services, volume {n}") for n in range(30)]])

    assert many.generality_discounts(1)["challenge:1"] > few.generality_discounts(1)["challenge:1"]

# --- structured signals ----------------------------------------------------------------------------------------

TWIN_TEXT = ("Audit energetico delle case popolari",
             "Un audit energetico degli alloggi popolari per ridurre le bollette del riscaldamento e la "
             "povertà energetica delle famiglie, con un piano per riqualificare gli edifici mal isolati.")


def _twin_offers(first: Facts, second: Facts, need: Facts | None = None) -> tuple[Suggestion, Suggestion]:
    """Two offers with the same text, differing only by their facts: the suggestions for challenge 1."""
    need_item = replace(ENERGY, facts=need) if need is not None else ENERGY
    items = [need_item, *CHALLENGES[1:],
             offer(101, 11, *TWIN_TEXT, **vars(first)), offer(102, 12, *TWIN_TEXT, **vars(second)),
             *[item for item in SUPPLY if item.owner != 1]]
    by_key = {s.key: s for s in MatchingEngine().build(items).offers_for_challenge("challenge:1")}
    assert by_key["offer:101"].components["text"] == by_key["offer:102"].components["text"]
    return by_key["offer:101"], by_key["offer:102"]


def test_shared_sdgs_move_an_offer_up():
    sharing, other = _twin_offers(Facts(sdgs=frozenset({7, 11}), city="Torino"),
                                  Facts(sdgs=frozenset({3}), city="Torino"))

    assert sharing.score > other.score
    assert sharing.shared_sdgs == [7, 11] and other.shared_sdgs == []
    assert ("shared_sdgs", "7,11") in sharing.reasons


def test_more_shared_sdgs_move_an_offer_further_up():
    both, one = _twin_offers(Facts(sdgs=frozenset({7, 11}), city="Torino"),
                             Facts(sdgs=frozenset({7}), city="Torino"))

    assert both.score > one.score


def test_the_same_kind_of_help_moves_an_offer_up():
    same, different = _twin_offers(Facts(kind="research", city="Torino"), Facts(kind="training", city="Torino"))

    assert same.score > different.score
    assert ("same_kind", "research") in same.reasons
    assert "same_kind" not in reason_codes(different)


def test_the_same_city_moves_an_offer_up():
    same, elsewhere = _twin_offers(Facts(city="torino"), Facts(city="Milano"))

    assert same.score > elsewhere.score
    assert ("same_city", "Torino") in same.reasons


def test_a_challenge_wider_than_a_city_does_not_mind_the_city():
    wide = replace(ENERGY.facts, scale="region")
    same, elsewhere = _twin_offers(Facts(city="Torino"), Facts(city="Milano"), need=wide)

    assert same.score == elsewhere.score
    _, at_city_scale = _twin_offers(Facts(city="Torino"), Facts(city="Milano"))
    assert elsewhere.score > at_city_scale.score


def test_an_unavailable_offer_scores_lower_and_says_so():
    open_offer, closed = _twin_offers(Facts(city="Torino"), Facts(city="Torino", available=False))

    assert open_offer.score > closed.score
    assert "available" in reason_codes(open_offer)
    assert "unavailable" in reason_codes(closed)
    assert "available" not in reason_codes(closed)


def test_an_offer_without_capacity_scores_lower():
    room, full = _twin_offers(Facts(city="Torino"), Facts(city="Torino", capacity=0))

    assert room.score > full.score
    assert "unavailable" in reason_codes(full)


def test_an_unavailable_academic_scores_lower_and_says_so():
    def academic(owner: int, available: bool) -> Item:
        return profile(owner, "riqualificazione energetica, povertà energetica, edifici", SUPPLY[0].fields["body"],
                       department="DENERG", available=available)

    engine = MatchingEngine().build([*CHALLENGES, academic(1, True), academic(2, False)])
    by_key = {s.key: s for s in engine.academics_for_challenge("challenge:1")}

    assert by_key["academic:1"].score > by_key["academic:2"].score
    assert "unavailable" in reason_codes(by_key["academic:2"])
    assert "available" in reason_codes(by_key["academic:1"])
    assert keys(engine.academics_for_challenge("challenge:1"))[0] == "academic:1"


def test_a_deadline_is_given_as_a_reason():
    from datetime import date

    first, _ = _twin_offers(Facts(city="Torino"), Facts(city="Torino"),
                            need=replace(ENERGY.facts, deadline=date(2030, 6, 30)))

    assert ("deadline", "2030-06-30") in first.reasons


def test_scores_stay_within_0_and_100(engine):
    suggestions = [s for key in ("challenge:1", "challenge:2", "challenge:5")
                   for s in engine.offers_for_challenge(key) + engine.academics_for_challenge(key)]
    suggestions += [s for n in range(1, 6) for s in engine.challenges_for_offer(f"offer:{n}")]
    suggestions += [s for n in range(1, 6) for s in engine.challenges_for_academic(n)]

    assert suggestions
    for suggestion in suggestions:
        assert 0 <= suggestion.score <= 100
        assert all(0 <= value <= 1 for value in suggestion.components.values())


def test_a_perfect_match_scores_at_most_100():
    text = {"title": ENERGY.fields["title"], "body": ENERGY.fields["body"]}
    perfect = Item("offer:1", OFFER, text, replace(ENERGY.facts), owner=1)
    engine = MatchingEngine().build([ENERGY, *CHALLENGES[1:], perfect])

    best = engine.offers_for_challenge("challenge:1")[0]

    assert best.key == "offer:1"
    assert 90 <= best.score <= 100


def test_the_blend_weights_sum_to_one():
    weights = DEFAULT_SETTINGS.blend

    assert weights.text + weights.sdgs + weights.kind + weights.place + weights.availability == pytest.approx(1)


# --- explanations ------------------------------------------------------------------------------------------------

def _words(engine: MatchingEngine, *items: Item) -> set[str]:
    return {word for item in items for text in item.fields.values() for word in engine.analyzer.tokens(text)}


def _terms(engine: MatchingEngine, item: Item) -> set[str]:
    return {term for text in item.fields.values() for term in engine.analyzer.terms(text)}


@pytest.mark.parametrize(("challenge_item", "offer_key"), [(ENERGY, "offer:1"), (ELDERLY, "offer:2")])
def test_explanations_name_words_both_texts_share(engine, challenge_item, offer_key):
    offer_item = engine.items[offer_key]
    best = next(s for s in engine.offers_for_challenge(challenge_item.key) if s.key == offer_key)

    assert best.shared_terms
    words = _words(engine, challenge_item, offer_item)
    for shared in best.shared_terms:
        assert shared in words  # a real word, not a stem
        terms = set(engine.analyzer.terms(shared))
        assert terms & _terms(engine, challenge_item) and terms & _terms(engine, offer_item)


def test_explanations_name_the_words_that_matter():
    engine = MatchingEngine().build(ITEMS)
    best = next(s for s in engine.offers_for_challenge("challenge:1") if s.key == "offer:1")

    assert {"povertà", "riscaldamento", "bollette"} & set(best.shared_terms)
    assert len(best.shared_terms) <= DEFAULT_SETTINGS.explanation_terms


def test_explanations_of_an_academic_name_shared_words(engine):
    best = engine.academics_for_challenge("challenge:2")[0]
    texts = [engine.items[key] for key in best.supporting]

    assert best.shared_terms
    assert set(best.shared_terms) <= _words(engine, ELDERLY, *texts)


def test_explanations_of_challenges_for_an_academic_name_shared_words(engine):
    best = engine.challenges_for_academic(5)[0]
    own = [item for item in SUPPLY if item.owner == 5]

    assert best.key == "challenge:5"
    assert best.shared_terms
    assert set(best.shared_terms) <= _words(engine, TRANSPORT, *own)
    assert {"wheelchair", "accessibility", "transport"} & set(best.shared_terms)


def test_explanations_of_short_texts_name_words_not_stems():
    """A short text is analysed in both languages: the explanation still shows each word someone wrote, once."""
    need = challenge(1, "Energy poverty", "Cold homes and high heating bills.")
    help_ = offer(1, 1, "Energy poverty audits", "Insulating cold homes to cut heating bills.")
    engine = MatchingEngine().build([need, help_, challenge(2, "School drop-out", "Teenagers leaving school.")])

    best = engine.offers_for_challenge("challenge:1")[0]

    assert best.shared_terms
    assert set(best.shared_terms) <= _words(engine, need, help_)
    assert len(set(best.shared_terms)) == len(best.shared_terms)


def test_explanations_name_the_shared_sdgs(engine):
    best = next(s for s in engine.offers_for_challenge("challenge:5") if s.key == "offer:5")

    assert best.shared_sdgs == [10, 11]
    assert ("shared_sdgs", "10,11") in best.reasons


def test_explanations_in_the_reverse_direction_name_the_shared_sdgs(engine):
    best = engine.challenges_for_offer("offer:2")[0]

    assert best.key == "challenge:2"
    assert best.shared_sdgs == [4, 10]


# --- teams -----------------------------------------------------------------------------------------------------

TEAM_CHALLENGE = challenge(
    10, "Energy retrofit and digital inclusion for elderly tenants",
    "Our elderly tenants live in poorly insulated flats with high heating bills, and cannot use the smartphone "
    "app that controls the new smart thermostats. We need a thermal retrofit of the buildings and digital "
    "training courses for older adults.",
    sdgs=frozenset({7, 10}), kind="research")
TEAM_SUPPLY = [
    profile(21, "thermal retrofit, insulation, heating",
            "Thermal retrofit of poorly insulated residential buildings, heating systems and heating bills.",
            department="DENERG"),
    publication(21, 21, "Thermal retrofit of poorly insulated flats and their heating bills"),
    profile(22, "digital inclusion, older adults, smartphone",
            "Digital training courses that help older adults and elderly people use a smartphone app.",
            department="DAUIN"),
    publication(22, 22, "Smartphone app training courses for older adults"),
    profile(23, "school drop-out, mentoring",
            "Mentoring teenagers to prevent early school leaving.", department="DIST"),
    profile(24, "food waste, canteens", "Food waste in school canteens.", department="DISAT"),
]


def _team_engine(*extra: Item) -> MatchingEngine:
    return MatchingEngine().build([TEAM_CHALLENGE, *CHALLENGES, *TEAM_SUPPLY, *extra])


def test_a_challenge_spanning_two_fields_gets_a_team_from_different_departments():
    engine = _team_engine()

    team = engine.team_for_challenge("challenge:10")

    assert isinstance(team, Team)
    assert 2 <= len(team.members) <= DEFAULT_SETTINGS.team_max_size
    assert {21, 22} <= {member.academic_id for member in team.members}
    departments = [member.department for member in team.members]
    assert len(set(departments)) == len(departments)


def test_a_team_covers_the_challenge_better_than_its_best_member():
    team = _team_engine().team_for_challenge("challenge:10")

    assert team.coverage > team.best_single_coverage
    assert team.coverage - team.best_single_coverage >= DEFAULT_SETTINGS.team_min_gain
    assert 0 < team.best_single_coverage < team.coverage <= 1


def test_each_team_member_brings_the_words_of_their_side():
    team = _team_engine().team_for_challenge("challenge:10")
    brings = {member.academic_id: set(member.brings) for member in team.members}

    assert brings[21] & {"thermal", "retrofit", "insulated", "heating", "bills"}
    assert brings[22] & {"digital", "training", "courses", "older", "adults", "smartphone", "app"}
    assert not brings[21] & {"digital", "smartphone", "older"}
    assert not brings[22] & {"thermal", "retrofit", "heating"}


def test_no_two_team_members_come_from_the_same_department():
    colleague = profile(25, "digital inclusion, elderly",
                        "Digital training courses and smartphone apps for elderly people and older adults.",
                        department="DENERG")  # the energy academic's department, on the other side
    team = _team_engine(colleague).team_for_challenge("challenge:10")

    departments = [member.department for member in team.members]
    assert len(set(departments)) == len(departments)


def test_a_challenge_one_academic_covers_alone_gets_no_team():
    engine = MatchingEngine().build(ITEMS)

    team = engine.team_for_challenge("challenge:4")  # school drop-out: only academic 4 knows it

    # The rule (team_for_challenge, EngineSettings.team_min_gain): a team is suggested only when it covers
    # the challenge at least team_min_gain better than its best member; here nobody adds anything.
    assert team is None


def test_a_challenge_nobody_covers_gets_no_team():
    lonely = challenge(30, "Beekeeping on rooftops", "Urban bees, honey and pollinators on the roofs.")
    engine = MatchingEngine().build([lonely, *SUPPLY])

    assert engine.team_for_challenge("challenge:30") is None


# --- incremental updates -------------------------------------------------------------------------------------

EDITED_FOOD_OFFER = offer(
    3, 3, "Audit energetico e spreco alimentare",
    "Misuriamo il riscaldamento degli alloggi popolari e lo spreco alimentare nelle mense, per ridurre le "
    "bollette delle famiglie.", sdgs=frozenset({7, 12}), kind="research")
NEW_ENERGY_OFFER = offer(
    6, 1, "Bollette del riscaldamento",
    "Aiutiamo le famiglie delle case popolari a capire le bollette del riscaldamento e la povertà energetica.",
    sdgs=frozenset({7}), kind="consulting")


def _final_items() -> list[Item]:
    return [EDITED_FOOD_OFFER if item.key == "offer:3" else item for item in ITEMS] + [NEW_ENERGY_OFFER]


def _updated_engine() -> MatchingEngine:
    engine = MatchingEngine().build(ITEMS)
    engine.upsert(EDITED_FOOD_OFFER)
    engine.upsert(NEW_ENERGY_OFFER)
    return engine


def test_an_upsert_is_searchable_at_once():
    engine = _updated_engine()

    assert "offer:6" in keys(engine.offers_for_challenge("challenge:1"))
    assert keys(engine.search("bollette riscaldamento", (OFFER,)))


def test_an_incremental_update_gives_the_same_ranking_as_a_rebuild():
    updated, rebuilt = _updated_engine(), MatchingEngine().build(_final_items())

    for challenge_key in ("challenge:1", "challenge:3"):
        assert (keys(updated.offers_for_challenge(challenge_key))
                == keys(rebuilt.offers_for_challenge(challenge_key)))
        assert (keys(updated.academics_for_challenge(challenge_key))
                == keys(rebuilt.academics_for_challenge(challenge_key)))
    for offer_key in ("offer:3", "offer:6"):
        assert keys(updated.challenges_for_offer(offer_key)) == keys(rebuilt.challenges_for_offer(offer_key))
    for academic in (3, 4):
        assert keys(updated.challenges_for_academic(academic)) == keys(rebuilt.challenges_for_academic(academic))


def test_an_edited_text_replaces_its_earlier_version():
    engine = _updated_engine()

    assert len(engine.supply) == len([item for item in _final_items() if item.kind != CHALLENGE])
    offers = engine.offers_for_challenge("challenge:1")
    assert keys(offers).count("offer:3") == 1


def test_after_a_refit_the_scores_equal_a_rebuild():
    updated, rebuilt = _updated_engine(), MatchingEngine().build(_final_items())
    updated.refit()

    for challenge_key in ("challenge:1", "challenge:2", "challenge:3"):
        mine = {s.key: s.score for s in updated.offers_for_challenge(challenge_key)}
        fresh = {s.key: s.score for s in rebuilt.offers_for_challenge(challenge_key)}
        assert list(mine) == list(fresh)
        assert mine == {key: pytest.approx(score, abs=0.11) for key, score in fresh.items()}
    assert not updated.needs_refit


def test_an_edited_challenge_is_matched_by_its_new_text():
    engine = MatchingEngine().build(ITEMS)
    engine.upsert(replace(DROPOUT, fields={"title": "Accessible trams for wheelchair users",
                                           "body": "Barriers in stations and trams for wheelchair users."}))

    assert "challenge:4" in keys(engine.challenges_for_offer("offer:5"))
    assert "challenge:4" not in keys(engine.challenges_for_offer("offer:4"))


def test_a_removed_item_never_comes_back():
    engine = MatchingEngine().build(ITEMS)
    engine.remove("offer:1")
    engine.remove("challenge:1")

    assert "offer:1" not in keys(engine.search("audit energetico", (OFFER,)))
    assert "challenge:1" not in keys(engine.challenges_for_offer("offer:2"))
    assert "challenge:1" not in keys(engine.challenges_for_academic(1))
    assert "challenge:1" not in keys(engine.similar_challenges({"title": "Povertà energetica nelle case popolari"}))
    assert "challenge:1" not in keys(engine.search("povertà energetica", (CHALLENGE,)))

    for _ in range(2):  # neither an upsert of another item nor a refit brings them back
        engine.upsert(NEW_ENERGY_OFFER)
        energy = challenge(7, "Povertà energetica", "Bollette del riscaldamento e case popolari mal isolate.")
        engine.upsert(energy)
        assert "offer:1" not in keys(engine.offers_for_challenge("challenge:7"))
        assert "offer:6" in keys(engine.offers_for_challenge("challenge:7"))
        assert "challenge:1" not in keys(engine.challenges_for_offer("offer:6"))
        assert "challenge:1" not in keys(engine.challenges_for_academic(1))
        engine.refit()


def test_a_removed_publication_no_longer_supports_its_academic():
    engine = MatchingEngine().build(ITEMS)
    for key in ("profile:1", "offer:1", "publication:1", "publication:2"):
        engine.remove(key)

    assert "academic:1" not in keys(engine.academics_for_challenge("challenge:1"))
    assert engine.challenges_for_academic(1) == []


def test_removing_an_unknown_item_does_nothing():
    engine = MatchingEngine().build(ITEMS)
    engine.remove("offer:999")

    assert keys(engine.offers_for_challenge("challenge:1"))[0] == "offer:1"


def test_needs_refit_after_many_upserts():
    engine = MatchingEngine().build(ITEMS)
    assert not engine.needs_refit

    for n in range(10):
        engine.upsert(offer(300 + n, 1, f"Energy audit number {n}", "Energy audits of social housing."))

    assert engine.needs_refit
    engine.refit()
    assert not engine.needs_refit


def test_one_upsert_of_a_known_text_does_not_need_a_refit():
    items = ITEMS + [offer(400 + n, 5, f"Accessibility audit {n}", "Accessibility of stations for wheelchair "
                           "users.") for n in range(10)]
    engine = MatchingEngine().build(items)

    engine.upsert(replace(SUPPLY[1], fields=dict(SUPPLY[1].fields)))

    assert not engine.needs_refit


# --- saving ------------------------------------------------------------------------------------------------------

def test_save_and_load_give_the_same_results(tmp_path):
    engine = _updated_engine()  # with a side segment and a removed base row
    engine.save(tmp_path / "index")

    loaded = MatchingEngine.load(tmp_path / "index")

    for challenge_key in ("challenge:1", "challenge:2", "challenge:5"):
        assert loaded.offers_for_challenge(challenge_key) == engine.offers_for_challenge(challenge_key)
        assert loaded.academics_for_challenge(challenge_key) == engine.academics_for_challenge(challenge_key)
    assert loaded.challenges_for_offer("offer:6") == engine.challenges_for_offer("offer:6")
    assert loaded.challenges_for_academic(2) == engine.challenges_for_academic(2)
    assert loaded.search("povertà energetica", (OFFER,)) == engine.search("povertà energetica", (OFFER,))
    assert loaded.search("wheelchair", (CHALLENGE,)) == engine.search("wheelchair", (CHALLENGE,))
    assert "offer:3" in keys(loaded.offers_for_challenge("challenge:1"))  # the edited version, once
    assert len(loaded.supply) == len(engine.supply)


def test_a_saved_index_is_data_only_and_loads_every_item_back(tmp_path):
    engine = _updated_engine()
    engine.upsert(replace(CHALLENGES[0], facts=replace(CHALLENGES[0].facts, deadline=date(2027, 3, 31))))
    engine.save(tmp_path / "index")

    saved = sorted(path.name for path in (tmp_path / "index").rglob("*") if path.is_file())
    assert not [name for name in saved if name.endswith((".pickle", ".pkl"))]
    for path in (tmp_path / "index").rglob("*.np[yz]"):
        np.load(path, allow_pickle=False)  # arrays only: numpy refuses to unpickle anything here
    loaded = MatchingEngine.load(tmp_path / "index")
    assert loaded.items == engine.items
    assert loaded.surface == engine.surface
    assert loaded.texts_of == engine.texts_of


def test_loading_an_index_saved_as_a_pickle_never_runs_it(tmp_path):
    """Indexes saved by earlier versions kept their items in a pickle, which runs code when read."""
    folder = tmp_path / "index"
    MatchingEngine().build(ITEMS).save(folder)
    (folder / "items.json").unlink(missing_ok=True)
    marker = tmp_path / "the-pickle-ran"
    (folder / "items.pickle").write_bytes(pickle.dumps(_CodeOnUnpickling(str(marker))))

    with pytest.raises(FileNotFoundError):
        MatchingEngine.load(folder)

    assert not marker.exists()


class _CodeOnUnpickling:
    """What an attacker who can write the index folder would leave: unpickling it creates a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return open, (self.path, "w")


def test_save_and_load_keep_teams_and_later_updates(tmp_path):
    engine = _team_engine()
    engine.save(tmp_path / "index")
    loaded = MatchingEngine.load(tmp_path / "index")

    assert loaded.team_for_challenge("challenge:10") == engine.team_for_challenge("challenge:10")

    loaded.upsert(NEW_ENERGY_OFFER)
    engine.upsert(NEW_ENERGY_OFFER)
    assert loaded.offers_for_challenge("challenge:1") == engine.offers_for_challenge("challenge:1")


# --- search box ----------------------------------------------------------------------------------------------

def test_a_search_ranks_the_text_with_the_rare_word_first():
    texts = [offer(n, n, "Energy audits", f"Energy audits of social housing number {n}.") for n in range(1, 6)]
    texts.append(offer(6, 6, "Energy audits", "Energy audits with thermography of social housing."))
    engine = MatchingEngine().build([*CHALLENGES, *texts])

    hits = engine.search("energy thermography", (OFFER,))

    assert hits[0][0] == "offer:6"
    assert len(hits) == 6
    assert hits[0][1] > hits[1][1]


def test_a_search_finds_challenges_in_either_language(engine):
    assert keys(engine.search("povertà energetica", (CHALLENGE,)))[0] == "challenge:1"
    assert keys(engine.search("wheelchair", (CHALLENGE,)))[0] == "challenge:5"
    assert keys(engine.search("spreco alimentare", (CHALLENGE,)))[0] == "challenge:3"


def test_a_search_returns_only_the_kinds_asked_for(engine):
    assert all(key.startswith("offer:") for key in keys(engine.search("smartphone", (OFFER,))))
    assert all(key.startswith(("profile:", "publication:"))
               for key in keys(engine.search("smartphone", (PROFILE, PUBLICATION))))


def test_offers_are_found_even_when_many_publications_match_better():
    publications = [publication(n, 1, "Povertà energetica nelle case popolari",
                                ENERGY.fields["body"]) for n in range(1, 6)]
    weak = offer(1, 2, "Bollette", "Bollette del riscaldamento.")
    engine = MatchingEngine().build([*CHALLENGES, *publications, weak])

    assert keys(engine.offers_for_challenge("challenge:1", k=1)) == ["offer:1"]
    assert keys(engine.search("povertà energetica bollette", (OFFER,), k=1)) == ["offer:1"]


def test_a_search_of_only_stop_words_finds_nothing(engine):
    assert engine.search("the of della", (OFFER,)) == []


def test_similar_challenges_to_a_draft(engine):
    draft = {"title": "Barriere per le persone in carrozzina?", "body": "Wheelchair users and blind people in trams"}

    assert keys(engine.similar_challenges(draft))[0] == "challenge:5"


# --- purity ----------------------------------------------------------------------------------------------------

NO_FLASK = ("import sys, matchmaker.engine.matcher, matchmaker.engine.evaluation; "
            "assert not any(m == 'flask' or m.startswith('flask.') or m.startswith('flask_') for m in sys.modules)")
# The engine's own modules, loaded without running the package's __init__.
NO_FLASK_IN_ENGINE = ("import sys, types; package = types.ModuleType('matchmaker'); "
                      f"package.__path__ = [{str(ROOT / 'matchmaker')!r}]; sys.modules['matchmaker'] = package; "
                      + NO_FLASK)


@pytest.fixture(scope="module")
def imports():
    """Both import checks, run side by side in fresh interpreters (each takes a couple of seconds)."""
    processes = {name: subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                 for name, code in (("package", NO_FLASK), ("engine", NO_FLASK_IN_ENGINE))}
    results = {}
    for name, process in processes.items():
        _, stderr = process.communicate(timeout=60)
        results[name] = (process.returncode, stderr)
    return results


def test_the_engine_modules_import_no_flask(imports):
    returncode, stderr = imports["engine"]

    assert returncode == 0, stderr


def test_importing_the_engine_imports_no_flask(imports):
    returncode, stderr = imports["package"]

    assert returncode == 0, stderr


# --- the search box's second look at words as written ------------------------------------------------------------

BRIDGES = [offer(n, n, title, body) for n, (title, body) in enumerate([
    ("Il ponte di ferro", "Il ponte di ferro sul fiume fu costruito nel 1900 dagli ingegneri della città."),
    ("Il ponte di pietra", "Il ponte di pietra sul fiume fu chiuso nel 1900 dagli ingegneri della città."),
], start=1)]
BRIDGE_QUESTION = "Quando è stata completata la costruzione del ponte sul fiume?"


def _search_engine(word_form_weight: float) -> MatchingEngine:
    settings = replace(DEFAULT_SETTINGS, search=replace(DEFAULT_SETTINGS.search, word_form_weight=word_form_weight))
    return MatchingEngine(settings).build(BRIDGES)


def test_an_italian_question_finds_the_text_with_another_form_of_its_words():
    # Snowball stems "costruzione" to "costruzion" and "costruito" to "costru": only the second look joins them.
    plain = dict(_search_engine(0.0).search(BRIDGE_QUESTION, (OFFER,)))
    hits = _search_engine(DEFAULT_SETTINGS.search.word_form_weight).search(BRIDGE_QUESTION, (OFFER,))

    assert plain["offer:1"] == pytest.approx(plain["offer:2"])
    assert keys(hits) == ["offer:1", "offer:2"]
    assert hits[0][1] > hits[1][1]


def test_a_few_words_of_no_clear_language_are_searched_by_stems_alone():
    # "ferro ponte" could be a query in either language: the second look is measured on clear ones only.
    plain = _search_engine(0.0).search("ferro ponte", (OFFER,))
    hits = _search_engine(DEFAULT_SETTINGS.search.word_form_weight).search("ferro ponte", (OFFER,))

    assert hits == plain


def test_the_second_look_forgets_a_text_once_it_is_edited():
    engine = _search_engine(DEFAULT_SETTINGS.search.word_form_weight)
    assert keys(engine.search(BRIDGE_QUESTION, (OFFER,)))[0] == "offer:1"

    engine.upsert(replace(BRIDGES[1], fields={"title": "Il ponte di pietra",
                                              "body": "Il ponte di pietra sul fiume fu costruito e poi "
                                                      "ricostruito dopo la costruzione della diga."}))

    assert keys(engine.search(BRIDGE_QUESTION, (OFFER,)))[0] == "offer:2"
