"""Texts in Italian and English become comparable terms: stems, stop words, accents, elisions. No app needed."""
import pytest

from matchmaker.engine.analysis import MIXED, SHORT_TEXT_WORDS, Analyzer, strip_accents
from matchmaker.engine.index import TextDoc, TextIndex
from matchmaker.engine.settings import TextSettings

ITALIAN_PARAGRAPH = (
    "Molte famiglie che vivono nelle case popolari di Torino non riescono a pagare le bollette del "
    "riscaldamento durante l'inverno: gli edifici sono mal isolati e l'umidità rovina gli alloggi. "
    "Cerchiamo competenze per riqualificare gli edifici e ridurre la povertà energetica del quartiere."
)
ENGLISH_PARAGRAPH = (
    "Many families living in social housing in Turin cannot afford to pay their heating bills during the "
    "winter: the buildings are poorly insulated and damp ruins the flats. We are looking for expertise to "
    "retrofit the buildings and reduce the energy poverty of the neighbourhood."
)


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


# --- stems ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["it", MIXED])
def test_sostenibilita_meets_sostenibile(analyzer, language):
    noun = set(analyzer.terms("sostenibilità", language))
    adjective = set(analyzer.terms("sostenibile", language))

    assert noun & adjective


def test_sostenibilita_and_sostenibile_are_one_term_in_italian_text(analyzer):
    assert analyzer.terms("sostenibilità", "it") == analyzer.terms("sostenibile", "it")


@pytest.mark.parametrize(("first", "second"), [
    ("accessibilità", "accessibile"),
    ("inclusione", "inclusivo"),
    ("energetica", "energetico"),
])
def test_italian_word_families_share_a_term(analyzer, first, second):
    assert analyzer.terms(first, "it") == analyzer.terms(second, "it")


@pytest.mark.parametrize("language", ["en", MIXED])
def test_housing_meets_houses(analyzer, language):
    assert set(analyzer.terms("housing", language)) & set(analyzer.terms("houses", language))


def test_housing_and_houses_are_one_term_in_english_text(analyzer):
    assert analyzer.terms("housing", "en") == analyzer.terms("houses", "en")


@pytest.mark.parametrize(("first", "second"), [
    ("buildings", "building"),
    ("disabilities", "disability"),
    ("retrofitting", "retrofit"),
])
def test_english_word_families_share_a_term(analyzer, first, second):
    assert analyzer.terms(first, "en") == analyzer.terms(second, "en")


# --- stop words -----------------------------------------------------------------------------------------

def test_italian_stop_words_are_dropped(analyzer):
    terms = analyzer.terms("la povertà della città e degli anziani", "it")

    assert terms == analyzer.terms("povertà città anziani", "it")
    assert not {"la", "della", "e", "degli"} & set(terms)


def test_english_stop_words_are_dropped(analyzer):
    terms = analyzer.terms("the accessibility of the stations for all of us", "en")

    assert terms == analyzer.terms("accessibility stations", "en")
    assert not {"the", "of", "for", "all", "us"} & set(terms)


@pytest.mark.parametrize("word", ["due", "sette", "nome", "lavoro", "primo", "persone", "grande"])
def test_italian_numbers_and_content_words_are_searchable(analyzer, word):
    """Snowball's list drops function words only: "due anni", "il nome", "il lavoro" keep their meaning."""
    assert analyzer.terms(word, "it") != []


def test_an_italian_question_word_is_not_a_term(analyzer):
    question = "Quando e perché fu fondato il Politecnico? Quali corsi, quanto costa, cos'è?"

    assert analyzer.terms(question, "it") == analyzer.terms("fondato Politecnico corsi costa", "it")


@pytest.mark.parametrize("word", ["della", "the", "nella", "with", "perché", "which"])
def test_a_stop_word_of_either_language_is_dropped_from_a_short_text(analyzer, word):
    assert analyzer.terms(word, MIXED) == []


def test_a_text_of_only_stop_words_gives_no_terms(analyzer):
    assert analyzer.terms("the of and with", "en") == []
    assert analyzer.terms("della nella con per", "it") == []


# --- accents, elisions, case, numbers ----------------------------------------------------------------------

@pytest.mark.parametrize("language", ["it", "en", MIXED])
def test_accents_do_not_matter(analyzer, language):
    assert analyzer.terms("città", language) == analyzer.terms("citta", language)
    assert analyzer.terms("povertà", language) == analyzer.terms("poverta", language)


def test_terms_carry_no_accents(analyzer):
    for term in analyzer.terms(ITALIAN_PARAGRAPH, "it"):
        assert term == strip_accents(term)


def test_strip_accents_keeps_the_letters():
    assert strip_accents("città perché è più") == "citta perche e piu"


@pytest.mark.parametrize(("elided", "word"), [
    ("dell'ambiente", "ambiente"),
    ("l'inclusione", "inclusione"),
    ("nell'edificio", "edificio"),
    ("un'associazione", "associazione"),
    ("all’università", "università"),  # a typographic apostrophe
])
def test_an_elision_gives_the_term_of_the_word(analyzer, elided, word):
    assert analyzer.terms(elided, "it") == analyzer.terms(word, "it")
    assert analyzer.terms(elided, MIXED) == analyzer.terms(word, MIXED)


def test_case_does_not_matter(analyzer):
    assert analyzer.terms("Torino ACCESSIBILITÀ", "it") == analyzer.terms("torino accessibilità", "it")


@pytest.mark.parametrize("language", ["it", "en", MIXED])
def test_numbers_and_codes_are_kept(analyzer, language):
    terms = analyzer.terms("Agenda 2030 e PM10", language)

    assert "2030" in terms
    assert "pm10" in terms


def test_single_letters_and_punctuation_are_not_terms(analyzer):
    assert analyzer.terms("a , . ; - _ x", "en") == []


# --- languages ----------------------------------------------------------------------------------------------

def test_an_italian_paragraph_is_detected_as_italian(analyzer):
    assert analyzer.detect(ITALIAN_PARAGRAPH) == "it"


def test_an_english_paragraph_is_detected_as_english(analyzer):
    assert analyzer.detect(ENGLISH_PARAGRAPH) == "en"


@pytest.mark.parametrize("text", ["povertà energetica", "deafness", "energy poverty", "spreco alimentare"])
def test_a_short_text_is_analysed_in_both_languages(analyzer, text):
    assert analyzer.detect(text) == MIXED


def test_a_short_text_is_detected_mixed_below_the_threshold_only(analyzer):
    keywords = "heme iron"  # a detector's guess: Italian, barely
    words = (keywords + " " + ENGLISH_PARAGRAPH).split()

    assert len(analyzer.tokens(keywords)) < SHORT_TEXT_WORDS
    assert analyzer.detect(keywords) == MIXED
    assert analyzer.detect(" ".join(words[:SHORT_TEXT_WORDS + 2])) == "en"


@pytest.mark.parametrize(("question", "language"), [
    ("Quando sono stati annunciati i finalisti?", "it"),
    ("Chi era il capo allenatore della squadra nel 2015?", "it"),
    ("Which vitamins help against the common cold?", "en"),
])
def test_a_short_question_in_a_clear_language_is_analysed_in_that_language(analyzer, question, language):
    assert analyzer.detect(question) == language
    assert analyzer.terms(question) == analyzer.terms(question, language)


def test_a_search_word_the_index_does_not_know_is_tried_in_the_other_language(analyzer):
    english_vocabulary = set(analyzer.terms("The Denver Broncos hosted the Super Bowl in Miami in 2016", "en"))
    question = "Quando i Broncos hanno ospitato il Super Bowl a Miami?"

    terms = analyzer.search_terms(question, english_vocabulary.__contains__)

    assert analyzer.detect(question) == "it"
    assert analyzer.terms("Broncos Miami", "it") == ["broncos", "miam"]  # no stems of the English text
    assert {"bronco", "miami", "super", "bowl"} <= set(terms)
    assert analyzer.terms("ospitato", "it")[0] in terms  # kept in Italian when neither language knows it
    assert analyzer.search_terms(question, lambda term: True) == analyzer.terms(question, "it")


def test_a_short_text_gives_the_stems_of_each_language(analyzer):
    mixed = set(analyzer.terms("retrofitting buildings"))  # detected as MIXED

    assert set(analyzer.terms("retrofitting buildings", "en")) <= mixed
    assert set(analyzer.terms("retrofitting buildings", "it")) <= mixed


def test_a_search_box_query_meets_a_long_text_in_either_language(analyzer):
    italian = set(analyzer.terms(ITALIAN_PARAGRAPH))
    english = set(analyzer.terms(ENGLISH_PARAGRAPH))

    assert set(analyzer.terms("povertà energetica")) & italian
    assert set(analyzer.terms("energy poverty")) & english
    assert set(analyzer.terms("case popolari")) & italian
    assert set(analyzer.terms("housing")) & set(analyzer.terms("affordable houses for families", "en"))


def test_the_detected_language_is_used_when_none_is_given(analyzer):
    assert analyzer.terms(ITALIAN_PARAGRAPH) == analyzer.terms(ITALIAN_PARAGRAPH, "it")
    assert analyzer.terms(ENGLISH_PARAGRAPH) == analyzer.terms(ENGLISH_PARAGRAPH, "en")


def test_an_unknown_language_falls_back_to_detection(analyzer):
    assert analyzer.terms(ENGLISH_PARAGRAPH, "fr") == analyzer.terms(ENGLISH_PARAGRAPH, "en")


# --- surface forms (for explanations) ------------------------------------------------------------------------

def test_surface_forms_give_the_first_word_of_each_term(analyzer):
    forms = analyzer.surface_forms("Sostenibilità e accessibilità della città sostenibile", "it")

    assert forms[analyzer.terms("sostenibile", "it")[0]] == "sostenibilità"
    assert forms[analyzer.terms("città", "it")[0]] == "città"
    assert "della" not in forms.values()


def test_surface_forms_are_words_of_the_text(analyzer):
    words = set(analyzer.tokens(ENGLISH_PARAGRAPH))

    assert set(analyzer.surface_forms(ENGLISH_PARAGRAPH).values()) <= words


# --- field weights -----------------------------------------------------------------------------------------

FILLER = [
    TextDoc("offer:10", {"title": "Food waste", "body": "Measuring food waste in school canteens of Turin"}),
    TextDoc("offer:11", {"title": "School drop-out", "body": "Mentoring teenagers to prevent early school leaving"}),
    TextDoc("offer:12", {"title": "Accessible transport", "body": "Mapping barriers for wheelchair users"}),
]


def _title_and_body_index():
    """Two offers with the same words: "retrofit" in the title of one and in the body of the other."""
    index = TextIndex(Analyzer(), TextSettings())
    index.fit([
        TextDoc("offer:1", {"title": "Retrofit", "body": "Energy audits of social housing in Turin"}, "en"),
        TextDoc("offer:2", {"title": "Energy", "body": "Retrofit audits of social housing in Turin"}, "en"),
        *FILLER,
    ])
    return index


def test_a_word_in_the_title_counts_more_than_in_the_body_for_a_search():
    index = _title_and_body_index()

    hits = index.search(index.vectorise_words(["retrofit"]), k=5, cosine=False)[0]

    assert [key for key, _ in hits] == ["offer:1", "offer:2"]
    assert hits[0][1] > hits[1][1]


def test_a_word_in_the_title_counts_more_than_in_the_body_for_a_document():
    index = _title_and_body_index()
    query = index.vectorise([TextDoc("challenge:1", {"title": "", "body": "Retrofit of old flats"}, "en")])

    hits = index.search(query, k=5)[0]

    assert [key for key, _ in hits][:2] == ["offer:1", "offer:2"]
    assert hits[0][1] > hits[1][1]


def test_keywords_count_like_a_title():
    settings = TextSettings()
    assert settings.field_weights["keywords"] == settings.field_weights["title"] > settings.field_weights["body"]

    index = TextIndex(Analyzer(), settings)
    index.fit([
        TextDoc("profile:1", {"keywords": "retrofit", "body": "Energy audits of social housing in Turin"}, "en"),
        TextDoc("profile:2", {"keywords": "energy", "body": "Retrofit audits of social housing in Turin"}, "en"),
        *FILLER,
    ])

    hits = index.search(index.vectorise_words(["retrofit"]), k=5, cosine=False)[0]

    assert [key for key, _ in hits] == ["profile:1", "profile:2"]


# --- search-box questions -------------------------------------------------------------------------------------

def _best_answer(question: str, paragraphs: list[tuple[str, str]]) -> str:
    """The key of the paragraph a search for `question` ranks first among (title, body) offers 1, 2, 3…"""
    index = TextIndex(Analyzer(), TextSettings())
    index.fit([TextDoc(f"offer:{n}", {"title": title, "body": body})
               for n, (title, body) in enumerate(paragraphs, start=1)])
    return index.search(index.vectorise_words([question]), k=3, cosine=False)[0][0][0]


def test_an_italian_question_finds_the_paragraph_that_answers_it():
    best = _best_answer("Quali sono le due lingue ufficiali della provincia?", [
        ("Alto Adige", "La provincia ha due lingue ufficiali, l'italiano e il tedesco, e una terza lingua nelle "
                       "valli ladine."),
        ("Trentino", "La provincia ha una sola lingua ufficiale, l'italiano, e molti dialetti parlati nelle valli."),
        ("Valle d'Aosta", "La regione è bilingue: il francese è lingua ufficiale accanto all'italiano."),
    ])

    assert best == "offer:1"


def test_an_italian_question_finds_the_english_text_that_names_the_same_things():
    best = _best_answer("Quale squadra ha sconfitto i Broncos nel Super Bowl 50?", [
        ("Super Bowl 50", "The Denver Broncos defeated the Carolina Panthers to earn their third Super Bowl title."),
        ("Warsaw", "Warsaw is the capital and largest city of Poland, on the Vistula river."),
        ("Normans", "The Normans gave their name to Normandy, a region in France, in the tenth and eleventh "
                    "centuries."),
    ])

    assert best == "offer:1"
