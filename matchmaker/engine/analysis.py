"""Text analysis for Italian and English: normalise, detect the language, drop stop words, stem.

"sostenibilità" meets "sostenibile" and "housing" meets "houses": both become the same term.
"""
import re
import unicodedata
from collections.abc import Callable, Iterable

import Stemmer
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from matchmaker.engine.places import is_place_word

LANGUAGES = ("it", "en")
_STEMMER_NAMES = {"it": "italian", "en": "english"}
# Words of letters or digits (years and codes such as "2030" or "pm10" do carry meaning); no punctuation.
_WORD = re.compile(r"[^\W_]{2,}")
# Snowball's Italian stop list (snowballstem.org, as Lucene's ItalianAnalyzer): function words only. The
# larger list of the `stop-words` package also drops content words ("due", "nome", "lavoro", "sette",
# "primo"…) and cost 0.005 nDCG@10 on squad-it.
_SNOWBALL_ITALIAN = """
ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle di del dello
dei degli dell degl della delle in nel nello nei negli nell negl nella nelle su sul sullo sui sugli sull sugl
sulla sulle per tra contro io tu lui lei noi voi loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue
nostro nostra nostri nostre vostro vostra vostri vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se
perché anche come dov dove che chi cui non più quale quanto quanti quanta quante quello quelli quella quelle
questo questi questa queste si tutto tutti a c e i l o ho hai ha abbiamo avete hanno abbia abbiate abbiano
avrò avrai avrà avremo avrete avranno avrei avresti avrebbe avremmo avreste avrebbero avevo avevi aveva
avevamo avevate avevano ebbi avesti ebbe avemmo aveste ebbero avessi avesse avessimo avessero avendo avuto
avuta avuti avute sono sei è siamo siete sia siate siano sarò sarai sarà saremo sarete saranno sarei saresti
sarebbe saremmo sareste sarebbero ero eri era eravamo eravate erano fui fosti fu fummo foste furono fossi
fosse fossimo fossero essendo faccio fai facciamo fanno faccia facciate facciano farò farai farà faremo
farete faranno farei faresti farebbe faremmo fareste farebbero facevo facevi faceva facevamo facevate
facevano feci facesti fece facemmo faceste fecero facessi facesse facessimo facessero facendo sto stai sta
stiamo stanno stia stiate stiano starò starai starà staremo starete staranno starei staresti starebbe
staremmo stareste starebbero stavo stavi stava stavamo stavate stavano stetti stesti stette stemmo steste
stettero stessi stesse stessimo stessero stando
""".split()
# Interrogatives the Snowball list lacks: a question asks with them, the paragraph that answers does not.
_ITALIAN_QUESTION_WORDS = ("quando", "quali", "qual", "cosa", "cos", "perche")
_ELISIONS = ("dell", "nell", "all", "dall", "sull", "coll", "quell", "quest", "un", "l", "d", "c", "s", "m", "t", "v")
# Snowball's Italian stemmer keeps "-ibil" after removing "-ità" ("sostenibilità" → "sostenibil") but removes
# it from the adjective ("sostenibile" → "sosten"); the same for "-sione"/"-sivo". These endings reunite them.
_ITALIAN_ENDINGS = (("ibil", ""), ("abil", ""), ("sion", "s"))
# Below this many words a language detector guesses ("deafness" comes out Italian): such texts, typically
# search boxes and keywords, are analysed in every language and each word gives each of its stems...
SHORT_TEXT_WORDS = 12
# ...unless the detector is this sure of their language (its probability among the supported languages): a
# question typed in full is ("Quando sono stati annunciati i finalisti?" 0.99999), a keyword or two seldom
# is ("deafness" 0.51 Italian, "povertà energetica" 0.97, "eggnog" 0.92 Italian).
CONFIDENT_LANGUAGE = 0.99
MIXED = "mixed"
# Words an explanation never shows as shared, whatever the text's language, beyond the stop words of both
# languages: they were said, and may count in the score, but they say nothing of what two texts are about.
# Kept short on purpose; each word stands for one of these kinds, and its stem goes too ("progetti",
# "usato"). Numbers written as words; quantity, frequency and degree; units of time; people, things and
# ways in general; verbs of doing, using, giving and needing; the platform's own words (every text on a
# university's outreach platform speaks of students and projects).
GENERIC_WORDS = frozenset("""
uno due tre quattro cinque sette otto nove dieci venti trenta cento mille primo secondo terzo
ogni ognuno poco poca pochi poche molto molta molti molte tanto tanti tante qualche alcuni alcune altro
altri altre stesso senza circa davvero sempre spesso ancora dopo prima volta volte
tempo anno anni mese mesi settimana settimane giorno giorni oggi
persona persone gente cosa cose modo modi parte tipo esempio bisogno disposizione sistema
piccolo piccola grande nuovo nuova semplice
fare fatto fatte usare uso utilizzare mettere dare avere potere possiamo dovere volere servire serve aiutare chiedere
progetto progetti politecnico università studenti studente
one two three four five six seven eight nine ten twenty hundred thousand first second
every each much few lot lots also like just new small big short simple really
time times year years month months week weeks day days today
people person thing things way ways part kind example need needs
use used using make making get help want work works
project projects university students student
""".split())
_IDENTIFIERS: dict[tuple[str, ...], LanguageIdentifier] = {}


def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """py3langid's model restricted to `languages`, giving probabilities; loaded once per process."""
    identifier = _IDENTIFIERS.get(languages)
    if identifier is None:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(languages))
        identifier = _IDENTIFIERS.setdefault(languages, identifier)
    return identifier


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


STOP_WORDS = {"en": frozenset(ENGLISH_STOP_WORDS),
              "it": frozenset({strip_accents(w) for w in _SNOWBALL_ITALIAN} | set(_ITALIAN_QUESTION_WORDS)
                              | set(_ELISIONS))}


def is_stop_word(word: str) -> bool:
    """A stop word of either language, whatever the language of the text it comes from."""
    plain = strip_accents(word.casefold())
    return any(plain in words or word in words for words in STOP_WORDS.values())


class Analyzer:
    """Turns text into terms. Stems are cached, so a corpus costs one stemming per distinct word."""

    def __init__(self, languages: Iterable[str] = LANGUAGES) -> None:
        self.languages = tuple(languages)
        self._stemmers = {lang: Stemmer.Stemmer(_STEMMER_NAMES[lang]) for lang in self.languages}
        self._stop_words = {"en": set(STOP_WORDS["en"]), "it": set(STOP_WORDS["it"])}
        self._cache: dict[str, dict[str, str]] = {lang: {} for lang in self.languages}
        self._identifier = _identifier(self.languages)
        self._generic_stems = {self._stem(word, lang, set()) for word in GENERIC_WORDS for lang in self.languages}

    def is_distinctive(self, word: str, term: str | None = None) -> bool:
        """Whether `word` may be shown as a word two texts share (`term`: the stem it stands for; default: its
        stems in every language): no stop word of either language, no generic word (GENERIC_WORDS or one of
        their stems), no number, no word of a place name."""
        plain = strip_accents(word.casefold())
        if (any(c.isdigit() for c in word) or len(plain) < 2 or is_stop_word(word)
                or {plain, word.casefold()} & GENERIC_WORDS):
            return False
        stems = {term} if term else {self._stem(plain, lang, set()) for lang in self.languages}
        return not (stems & self._generic_stems or is_place_word(word))

    def detect(self, text: str) -> str:
        """The language of `text` among the supported ones, or MIXED when it is too short to tell."""
        language, confidence = self._identifier.classify(text[:2000])
        if confidence < CONFIDENT_LANGUAGE and len(self.tokens(text[:400])) < SHORT_TEXT_WORDS:
            return MIXED
        return language if language in self.languages else self.languages[0]

    def guess(self, text: str) -> str:
        """The most likely language of `text` among the supported ones, however short (detect says MIXED when
        it cannot be sure): enough to tell whether a query and a text are likely in one language."""
        ranked = self._identifier.rank(text[:2000])
        for language, _score in ranked:
            if language in self.languages:
                return language
        return self.languages[0]

    def tokens(self, text: str) -> list[str]:
        """Lower-case words, normalised to one Unicode form; apostrophes split Italian elisions."""
        return _WORD.findall(unicodedata.normalize("NFKC", text).lower())

    def terms(self, text: str, language: str | None = None) -> list[str]:
        """The stemmed terms of `text`, stop words left out."""
        if language not in self._stemmers and language != MIXED:
            language = self.detect(text)
        if language == MIXED:
            return self._mixed_terms(text)
        stop, cache = self._stop_words[language], self._cache[language]
        result = []
        for token in self.tokens(text):
            term = cache.get(token)
            if term is None:
                term = cache[token] = self._stem(token, language, stop)
            if term:
                result.append(term)
        return result

    def search_terms(self, text: str, known: Callable[[str], bool], language: str | None = None) -> list[str]:
        """The terms of a search-box text, for an index whose vocabulary `known` tells.

        As `terms`, except that a word whose stem in the text's language the index does not know gets its
        stem in another language when the index knows that one: an Italian question meets the names and
        cognates of English texts ("ospitato" is no Italian stem of theirs, but "Broncos" is an English one).
        A short text of no clear language already has the stems of every language.
        """
        return [term for _word, terms in self.search_words(text, known, language) for term in terms]

    def search_words(self, text: str, known: Callable[[str], bool], language: str | None = None
                     ) -> list[tuple[str, list[str]]]:
        """`search_terms` word by word: each word of the text that is no stop word, with its terms."""
        if language not in self._stemmers and language != MIXED:
            language = self.detect(text)
        if language == MIXED:
            return self._mixed_words(text)
        others = [other for other in self.languages if other != language]
        result = []
        for token in self.tokens(text):
            term = self._cached_stem(token, language)
            if not term:
                continue
            if not known(term):
                term = next((t for t in (self._cached_stem(token, other) for other in others) if t and known(t)),
                            term)
            result.append((token, [term]))
        return result

    def content_words(self, text: str, language: str) -> list[str]:
        """The words of `text` that are not stop words of `language` (of any language when MIXED), as written."""
        languages = self.languages if language == MIXED else (language,)
        return [token for token in self.tokens(text)
                if all(self._cached_stem(token, lang) for lang in languages)]

    def _cached_stem(self, token: str, language: str) -> str:
        cache = self._cache[language]
        term = cache.get(token)
        if term is None:
            term = cache[token] = self._stem(token, language, self._stop_words[language])
        return term

    def _mixed_terms(self, text: str) -> list[str]:
        return [term for _word, terms in self._mixed_words(text) for term in terms]

    def _mixed_words(self, text: str) -> list[tuple[str, list[str]]]:
        """Each word with its stem in every language; a stop word in any language is a stop word here."""
        result = []
        for token in self.tokens(text):
            stems: list[str] = []
            for language in self.languages:
                term = self._cached_stem(token, language)
                if not term:
                    stems = []
                    break
                if term not in stems:
                    stems.append(term)
            if stems:
                result.append((token, stems))
        return result

    def _stem(self, token: str, language: str, stop: set[str]) -> str:
        plain = strip_accents(token)
        if plain in stop or token in stop:
            return ""
        stem = self._stemmers[language].stemWord(token)
        if language == "it":
            for ending, replacement in _ITALIAN_ENDINGS:
                if stem.endswith(ending) and len(stem) - len(ending) >= 4:
                    stem = stem[: -len(ending)] + replacement
                    break
        return strip_accents(stem)

    def surface_forms(self, text: str, language: str | None = None) -> dict[str, str]:
        """For explanations: each term of `text` with the first word that produced it."""
        if language not in self._stemmers and language != MIXED:
            language = self.detect(text)
        languages = self.languages if language == MIXED else (language,)
        forms: dict[str, str] = {}
        for token in self.tokens(text):
            for lang in languages:  # a word of a short text may give a stem per language
                term = self._cached_stem(token, lang)
                if term and term not in forms:
                    forms[term] = token
        return forms
