"""Which words of a search result match the words searched for, by the analysis the search itself uses.

A word of the text matches a word of the query when one of its stems (in either language) is one of the query
word's stems, or when their first letters are the same once accents are stripped (the search's second look):
"sostenibilità" matches "sostenibile", "Houses" matches "housing". Stop words never match. Pure: no markup here;
the page escapes the pieces and marks those that matched.
"""
import re
import unicodedata
from dataclasses import dataclass

from matchmaker.engine.analysis import Analyzer, strip_accents

# The same words as Analyzer.tokens, found in the text as written so that their places are the text's own.
_WORD = re.compile(r"[^\W_]{2,}")


@dataclass(frozen=True)
class QueryWords:
    """A search box's words as the highlighter compares them: their stems and their first letters."""

    stems: frozenset[str]
    forms: frozenset[str]
    letters: int

    def __bool__(self) -> bool:
        return bool(self.stems or self.forms)


def query_words(query: str, analyzer: Analyzer, letters: int = 5) -> QueryWords:
    """The query's content words, ready to compare. A word that is a stop word in either language is left out
    (the search leaves out those of a short query's every language), so "the" and "della" never light up."""
    stems, forms = set(), set()
    for word in analyzer.tokens(query or ""):
        word_stems = _stems(word, analyzer)
        if not word_stems:  # a stop word in one of the languages: "come", "the"
            continue
        stems |= word_stems
        forms.add(strip_accents(word)[:letters])
    return QueryWords(frozenset(stems), frozenset(forms), letters)


def matched_spans(text: str, words: QueryWords, analyzer: Analyzer) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` that matches one of `words`, in order, as offsets into `text`."""
    if not words or not text:
        return []
    spans = []
    for found in _WORD.finditer(text):
        token = unicodedata.normalize("NFKC", found.group()).lower()
        stems = _stems(token, analyzer)
        if stems and (stems & words.stems or strip_accents(token)[:words.letters] in words.forms):
            spans.append(found.span())
    return spans


def pieces(text: str, words: QueryWords, analyzer: Analyzer, *, by_words: bool = True) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each with whether it is a matched word; joined, they give `text` back.

    `by_words` False is for a result found by meaning alone (no word of the query in it): nothing is marked,
    so a word that merely starts with the same letters is not shown as the reason it was found."""
    text = text or ""
    spans = matched_spans(text, words, analyzer) if by_words else []
    result, position = [], 0
    for start, end in spans:
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text) or not result:
        result.append((text[position:], False))
    return result


def _stems(token: str, analyzer: Analyzer) -> set[str]:
    """The word's stem in every language; none when it is a stop word in any of them."""
    stems = set()
    for language in analyzer.languages:
        terms = analyzer.terms(token, language)
        if not terms:
            return set()
        stems.update(terms)
    return stems
