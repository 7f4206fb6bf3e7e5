"""How a list of suggestions says its reasons: what all of them share once above the list, what sets each apart
on its card, and each score in words."""
import pytest
from flask_babel import refresh

from matchmaker.labels import GOOD_FIT, STRONG_FIT, fit_label, fit_level
from matchmaker.matching.models import Match
from matchmaker.matching.panels import shown

DEADLINE = ("deadline", "2027-03-31")
TURIN = ("same_city", "Torino")


def match(*reasons, terms=("compost",)) -> Match:
    return Match(score=50.0, shared_terms=list(terms), shared_sdgs=[], reasons=[list(r) for r in reasons])


@pytest.fixture
def english(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()  # the test's application context may hold another page language
        yield


def test_a_reason_every_suggestion_has_is_said_once_above_the_list(english):
    listing = shown([match(TURIN, DEADLINE, ("available", "")), match(TURIN, DEADLINE, ("available", ""))])

    assert listing.common == ["Works in Torino", "Deadline: Mar 31, 2027", "Available this semester"]
    for item in listing:
        assert item.reasons == ["You share: compost"]


def test_the_city_is_said_on_the_cards_when_not_everyone_works_there(english):
    listing = shown([match(TURIN, DEADLINE), match(DEADLINE)])

    assert listing.common == ["Deadline: Mar 31, 2027"]
    assert "Works in Torino" in listing.items[0].reasons
    assert "Works in Torino" not in listing.items[1].reasons


def test_a_shared_area_sets_a_candidate_apart_on_their_card(english):
    listing = shown([match(TURIN, ("same_area", "San Salvario")), match(TURIN)])

    assert listing.common == ["Works in Torino"]
    assert listing.items[0].reasons == ["You share: compost", "Works in the same area: San Salvario"]


def test_a_single_suggestion_keeps_all_its_reasons_on_its_card(english):
    listing = shown([match(TURIN, DEADLINE)])

    assert listing.common == []
    assert listing.items[0].reasons == ["You share: compost", "Works in Torino", "Deadline: Mar 31, 2027"]


def test_a_card_says_not_available_once_even_if_the_reason_repeats(english):
    listing = shown([match(("unavailable", ""), ("unavailable", "")), match(TURIN)])

    assert listing.items[0].reasons.count("Not available at the moment") == 1


def test_a_card_whose_badge_says_not_available_gives_no_sentence_repeating_it(english):
    away, here = match(("unavailable", "")), match(("available", ""))

    listing = shown([away, here], lambda m: {"available", "unavailable"} if m is away else set())

    assert "Not available at the moment" not in listing.items[0].reasons
    assert "Available this semester" in listing.items[1].reasons


@pytest.mark.parametrize(("score", "level"), [(STRONG_FIT, "strong"), (STRONG_FIT - 0.4, "strong"),
                                              (STRONG_FIT - 0.6, "good"), (GOOD_FIT, "good"),
                                              (GOOD_FIT - 1, "possible"), (0, "possible"), (100, "strong")])
def test_every_score_has_a_band_judged_on_the_number_shown(score, level):
    assert fit_level(score) == level


def test_score_labels_are_words_in_the_reader_s_language(app):
    with app.test_request_context(headers={"Accept-Language": "it"}):
        refresh()
        assert fit_label(80) == "corrispondenza forte"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()
        assert [fit_label(s) for s in (80, 45, 20)] == ["strong fit", "good fit", "possible fit"]
