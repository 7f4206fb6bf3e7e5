"""The SDG suggester: texts about each goal, in English and Italian, get that goal, with reasons from the text."""
import re

import pytest

from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.sdg_reference import GoalText, IndicatorText, QueryPhrase, SdgReference, TargetText
from matchmaker.engine.sdgs import SdgSuggester
from tests.unit.sdg_texts import TEXTS, hand_made_reference


@pytest.fixture(scope="module")
def suggester() -> SdgSuggester:
    return SdgSuggester(hand_made_reference(), analyzer=Analyzer())


@pytest.mark.parametrize("number", sorted(TEXTS))
@pytest.mark.parametrize("language", ["en", "it"])
def test_a_text_about_a_goal_gets_that_goal_suggested(suggester, number, language):
    text = TEXTS[number][0 if language == "en" else 1]
    suggested = [suggestion.number for suggestion in suggester.suggest(text)]
    assert number in suggested, (text, suggested)


@pytest.mark.parametrize("number", sorted(TEXTS))
def test_the_reasons_are_words_of_the_text_itself(suggester, number):
    for text in TEXTS[number]:
        words = set(re.findall(r"[^\W_]+", text.lower()))
        suggestion = next(s for s in suggester.suggest(text) if s.number == number)
        reason_words = [reason for reason in suggestion.reasons if ":" not in reason]
        assert reason_words and set(reason_words) <= words, (text, suggestion.reasons)


def test_a_suggestion_names_its_targets_best_first_and_the_statement_that_matched(suggester):
    suggestion = next(s for s in suggester.suggest(TEXTS[6][0]) if s.number == 6)
    assert suggestion.targets[0] == "6.1"
    assert "6.1: Safe and affordable drinking water" in suggestion.reasons
    assert 0 < suggestion.confidence <= 1


@pytest.mark.parametrize("text", ["", "   ", "the and of", 42, None])
def test_an_empty_or_meaningless_text_gets_nothing(suggester, text):
    assert suggester.suggest(text) == []


def test_a_text_about_none_of_the_goals_gets_nothing(suggester):
    assert suggester.suggest("Quarterly minutes of the chess club: the bishop opening, then tea.") == []


def test_confirmed_examples_teach_the_suggester_words_the_reference_lacks():
    text = "The makerspace lends soldering irons and 3D printers to the neighbourhood."
    plain = SdgSuggester(hand_made_reference())
    taught = SdgSuggester(hand_made_reference(), examples=[("A makerspace with soldering irons and 3D printers.", {9})])
    assert 9 not in [s.number for s in plain.suggest(text)]
    assert [s.number for s in taught.suggest(text)][0] == 9


def test_the_best_goal_comes_first_with_the_highest_confidence(suggester):
    suggestions = suggester.suggest(TEXTS[13][0])
    assert suggestions[0].number == 13
    assert suggestions[0].confidence == max(s.confidence for s in suggestions)


def test_an_italian_text_is_told_the_target_in_italian():
    hand_made = hand_made_reference()
    suggester = SdgSuggester(hand_made)
    italian = {target.code: target.text_it for target in hand_made.targets}
    english = {target.code: target.text_en for target in hand_made.targets}
    best = suggester.suggest("Famiglie povere senza reddito e senza protezione sociale nel quartiere", "it")[0]
    statement = best.reasons[-1].split(": ", 1)[1]
    assert statement == italian[best.targets[0]] != english[best.targets[0]]


def cost_and_air_reference():
    """Goal 10 speaks of costs again and again in English (as the real indicators of remittances do); goal 11 of
    the air of cities, in both languages."""
    return SdgReference(
        goals=(GoalText(10, "Reduced inequalities", "Ridurre le disuguaglianze", "Reduce inequality",
                        "Ridurre le disuguaglianze"),
               GoalText(11, "Sustainable cities", "Città sostenibili", "Make cities safe and sustainable",
                        "Rendere le città sicure e sostenibili")),
        targets=(TargetText("10.c", 10, "Reduce the transaction costs of migrant remittances and the costs of "
                            "remittance corridors", "Ridurre i costi di transazione delle rimesse dei migranti"),
                 TargetText("11.6", 11, "Reduce the environmental impact of cities, with attention to air quality",
                            "Ridurre l'impatto ambientale delle città, con attenzione alla qualità dell'aria")),
        indicators=(IndicatorText("10.c.1", "10.c", "Remittance costs as a proportion of the amount remitted"),),
        phrases=tuple(QueryPhrase(10, "10.c", phrase, "en")
                      for phrase in ("remittance cost*", "transaction cost*", "low cost", "cost of sending")))


def test_an_italian_text_is_not_pulled_to_a_goal_by_english_words_that_share_its_stems():
    # "costo" and "costs" are both "cost": against the English side, the cheap sensors would be about remittances.
    suggester = SdgSuggester(cost_and_air_reference())
    suggested = suggester.suggest("Sensori a basso costo per l'aria delle città", "it")
    assert [suggestion.number for suggestion in suggested] == [11]
    assert [s.number for s in suggester.suggest("Remittances at a low cost for migrant families")][0] == 10


def test_italian_examples_teach_the_suggester_of_italian_texts_too():
    text = "Il laboratorio di quartiere presta saldatori e stampanti 3D ai ragazzi."
    plain = SdgSuggester(hand_made_reference())
    taught = SdgSuggester(hand_made_reference(),
                          examples=[("Un laboratorio aperto con saldatori e stampanti 3D per il quartiere.", {9})])
    assert 9 not in [s.number for s in plain.suggest(text, "it")]
    assert [s.number for s in taught.suggest(text, "it")][0] == 9
