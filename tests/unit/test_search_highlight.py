"""The words a search result shows marked are the words the search matched: by stem in either language, by first
letters, whatever the case and accents, never a stop word; the text comes back whole."""
import pytest

from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.highlight import pieces, query_words


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def marked(query: str, text: str, analyzer, **options) -> list[str]:
    return [piece for piece, hit in pieces(text, query_words(query, analyzer), analyzer, **options) if hit]


def test_an_italian_word_marks_its_other_forms(analyzer):
    assert marked("sostenibile", "La sostenibilità della città", analyzer) == ["sostenibilità"]
    assert marked("scuole", "Una scuola di quartiere", analyzer) == ["scuola"]


def test_an_english_word_marks_its_other_forms(analyzer):
    assert marked("housing", "Affordable houses for families", analyzer) == ["houses"]


def test_a_word_of_one_language_marks_the_same_word_of_the_other_by_its_first_letters(analyzer):
    assert marked("federale", "A federal programme", analyzer) == ["federal"]


def test_case_and_accents_do_not_matter(analyzer):
    assert marked("POVERTA", "La povertà educativa", analyzer) == ["povertà"]
    assert marked("città", "Smart CITTA", analyzer) == ["CITTA"]


def test_stop_words_are_never_marked(analyzer):
    assert marked("the schools of torino", "The schools of Torino", analyzer) == ["schools", "Torino"]
    assert marked("della", "La casa della comunità", analyzer) == []


def test_a_stop_word_of_the_text_is_not_marked_for_sharing_first_letters_with_a_query_word(analyzer):
    assert marked("questionario", "Questo questionario", analyzer) == ["questionario"]


def test_a_word_that_matches_nothing_marks_nothing(analyzer):
    assert marked("biodiversity", "Energy for the elderly", analyzer) == []


def test_the_pieces_give_back_the_text_exactly(analyzer):
    text = "  <b>Energia</b> & «scuole» — città, 2030!"
    result = pieces(text, query_words("energia scuola 2030", analyzer), analyzer)

    assert "".join(piece for piece, _hit in result) == text
    assert [piece for piece, hit in result if hit] == ["Energia", "scuole", "2030"]


def test_markup_in_the_text_is_only_text_to_the_highlighter(analyzer):
    assert marked("script", "<script>alert(1)</script>", analyzer) == ["script", "script"]
    assert marked("alert", "<b onclick=alert(1)>x</b>", analyzer) == ["alert"]


def test_a_result_found_by_meaning_alone_marks_nothing(analyzer):
    result = pieces("Energia per le scuole", query_words("scuola", analyzer), analyzer, by_words=False)

    assert result == [("Energia per le scuole", False)]


def test_an_empty_query_or_text_marks_nothing(analyzer):
    assert pieces("Una scuola", query_words("", analyzer), analyzer) == [("Una scuola", False)]
    assert pieces("", query_words("scuola", analyzer), analyzer) == [("", False)]
    assert pieces("Una scuola", query_words("the and di", analyzer), analyzer) == [("Una scuola", False)]
