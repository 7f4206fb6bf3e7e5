"""Matching by meaning beside the words: embeddings join the scores only once every text has one, a pair has
one score from both sides, a text found by meaning alone is said to be "close in meaning", and a changed text
loses its stale embedding. Hand-made embeddings stand for the model here (the model has its own test)."""
from dataclasses import replace
from pathlib import Path

import numpy as np

from matchmaker.engine.matcher import CHALLENGE, Facts, Item, MatchingEngine
from matchmaker.engine.semantic import DIMENSIONS, Embeddings, embedding_text, to_int8
from matchmaker.engine.settings import DEFAULT_SETTINGS

rng = np.random.default_rng(7)
TOPICS = {name: rng.standard_normal(DIMENSIONS) for name in ("energy", "elderly", "flood", "food")}


def meaning(topic: str, noise: float = 0.35) -> np.ndarray:
    """A unit vector near a topic's direction, as the model gives texts on one subject in any language."""
    vector = TOPICS[topic] + noise * rng.standard_normal(DIMENSIONS)
    return to_int8(vector / np.linalg.norm(vector))


def item(key: str, title: str, body: str, owner: int | None = None, **facts) -> Item:
    kind = key.split(":")[0]
    facts.setdefault("city", "Torino")
    return Item(key, kind, {"title": title, "body": body}, Facts(**facts), owner=owner)


ITEMS = {
    "challenge:1": (item("challenge:1", "Solitudine degli anziani nel quartiere",
                         "Molti anziani vivono soli e non escono di casa: cerchiamo idee per incontrarli."), "elderly"),
    "challenge:2": (item("challenge:2", "Rischio alluvioni in valle",
                         "Un progetto con gli studenti sul rischio idrogeologico e le piene del fiume."), "flood"),
    "challenge:3": (item("challenge:3", "Povertà energetica nelle case popolari",
                         "Bollette alte, case mal isolate: aiutiamo le famiglie."), "energy"),
    "offer:10": (item("offer:10", "Home energy audits for families",
                      "Students measure insulation and heating bills in homes of families in energy poverty.",
                      owner=100, kind="research"), "energy"),
    "offer:11": (item("offer:11", "Flood maps with schools", "Hydraulic models of river floods explained to pupils.",
                      owner=101, kind="training"), "flood"),
    "profile:100": (item("profile:100", "", "Building physics, thermal insulation, energy retrofits.", owner=100,
                         department="DENERG"), "energy"),
    "profile:101": (item("profile:101", "", "Hydraulics and flood risk.", owner=101, department="DIATI"), "flood"),
    "profile:102": (item("profile:102", "", "Ageing, loneliness and social networks of older adults.", owner=102,
                         department="DIST"), "elderly"),
    "publication:200": (item("publication:200", "Social isolation among older people in European cities", "",
                             owner=102), "elderly"),
}


def engine_with(embedded: set[str] | None = None) -> MatchingEngine:
    engine = MatchingEngine().build([found for found, _ in ITEMS.values()])
    for key, (found, topic) in ITEMS.items():
        if embedded is None or key in embedded:
            assert engine.put_meaning(key, meaning(topic), engine.meaning_digest(found))
    return engine


def scores(engine: MatchingEngine, challenge_key: str) -> dict[str, float]:
    return {s.key: s.score for s in engine.academics_for_challenge(challenge_key, k=10)}


def test_until_every_text_has_its_embedding_suggestions_use_the_words_alone():
    lexical = MatchingEngine().build([found for found, _ in ITEMS.values()])
    half = engine_with({"challenge:1", "challenge:2", "offer:10", "profile:100"})
    assert not half.meaning_ready and half.unembedded
    for challenge_key in ("challenge:1", "challenge:2", "challenge:3"):
        assert scores(half, challenge_key) == scores(lexical, challenge_key)
    assert half.search("anziani soli", (CHALLENGE,), meaning=meaning("elderly")) == \
        lexical.search("anziani soli", (CHALLENGE,))


def test_an_academic_who_shares_no_word_with_a_challenge_is_found_by_meaning_and_told_why():
    engine = engine_with()
    assert engine.meaning_ready
    # The publication says what the challenge says, in the other language: the closest of the academic's texts.
    publication, _ = ITEMS["publication:200"]
    engine.put_meaning("publication:200", engine.meaning_demand.codes("challenge:1"),
                       engine.meaning_digest(publication))
    lexical = MatchingEngine().build([found for found, _ in ITEMS.values()])
    assert "academic:102" not in scores(lexical, "challenge:1")  # English texts, an Italian challenge
    found = {s.key: s for s in engine.academics_for_challenge("challenge:1", k=3)}
    assert "academic:102" in found
    best = max(found.values(), key=lambda s: s.score)
    assert best.key == "academic:102"
    assert ("close_meaning", "Social isolation among older people in European cities") in best.reasons
    assert best.shared_terms == []  # no invented shared words


def test_a_pair_has_the_same_score_with_meaning_from_either_side():
    engine = engine_with()
    for challenge_key in ("challenge:1", "challenge:2", "challenge:3"):
        for suggestion in engine.academics_for_challenge(challenge_key, k=10):
            academic_id = int(suggestion.key.split(":")[1])
            other_way = {s.key: s.score for s in engine.challenges_for_academic(academic_id, k=10)}
            assert other_way.get(challenge_key) == suggestion.score
        for suggestion in engine.offers_for_challenge(challenge_key, k=10):
            other_way = {s.key: s.score for s in engine.challenges_for_offer(suggestion.key, k=10)}
            assert other_way.get(challenge_key) == suggestion.score


def test_an_english_offer_is_suggested_for_an_italian_challenge_on_the_same_subject():
    engine = engine_with()
    offers = engine.offers_for_challenge("challenge:3", k=2)
    assert offers[0].key == "offer:10"
    assert offers[0].components["text"] > 0


def test_a_search_in_one_language_finds_a_challenge_written_in_the_other():
    engine = engine_with()
    hits = engine.search("elderly loneliness", (CHALLENGE,), k=3, meaning=meaning("elderly", 0.2))
    assert hits and hits[0][0] == "challenge:1"
    assert engine.search("elderly loneliness", (CHALLENGE,), k=3) == []  # by words alone: nothing


def test_a_changed_text_loses_its_stale_embedding_until_the_new_one_is_made():
    engine = engine_with()
    found, _ = ITEMS["offer:10"]
    changed = item("offer:10", found.fields["title"], "Now about something else entirely.", owner=100)
    engine.upsert(changed)
    assert engine.lacks_meaning("offer:10") and "offer:10" not in engine.meaning_supply
    assert not engine.put_meaning("offer:10", meaning("energy"), engine.meaning_digest(found))  # the old text's
    assert engine.put_meaning("offer:10", meaning("energy"), engine.meaning_digest(changed))
    engine.upsert(changed)  # the same text again keeps its embedding
    assert "offer:10" in engine.meaning_supply


def test_the_saved_index_keeps_the_embeddings(tmp_path: Path):
    engine = engine_with()
    engine.save(tmp_path / "index")
    loaded = MatchingEngine.load(tmp_path / "index")
    assert loaded.meaning_ready and len(loaded.meaning_supply) == len(engine.meaning_supply)
    assert scores(loaded, "challenge:1") == scores(engine, "challenge:1")


def test_embeddings_are_stored_as_int8_and_their_cosines_are_exact():
    store = Embeddings()
    vectors = {f"offer:{n}": meaning("food") for n in range(200)}
    for key, codes in vectors.items():
        store.put(key, codes)
    store.drop("offer:3")
    assert len(store) == 199 and store.matrix.dtype == np.int8
    query = meaning("food")
    keys = sorted(vectors)
    cosines = store.cosines(query, keys)
    expected = [np.nan if key == "offer:3" else
                float(vectors[key].astype(np.float64) @ query.astype(np.float64)
                      / np.linalg.norm(vectors[key].astype(np.float64)) / np.linalg.norm(query.astype(np.float64)))
                for key in keys]
    np.testing.assert_allclose(cosines, expected, rtol=1e-12)
    nearest = store.nearest(query, 5, keep=lambda key: key != "offer:7")
    ranked = sorted(((value, key) for key, value in zip(keys, expected, strict=True)
                     if not np.isnan(value) and key != "offer:7"), reverse=True)[:5]
    assert [key for key, _ in nearest] == [key for _, key in ranked]


def test_the_model_reads_the_title_and_the_opening_of_a_text():
    long_body = " ".join(["parola"] * 1000)
    text = embedding_text({"title": "Titolo", "keywords": "uno, due", "body": long_body})
    assert text.startswith("Titolo uno, due parola") and len(text.split()) == 200


def test_without_meaning_settings_the_engine_stays_lexical():
    settings = replace(DEFAULT_SETTINGS, semantic=replace(DEFAULT_SETTINGS.semantic, pair_weight=0,
                                                          pair_weight_across=0, search_weight=0,
                                                          search_weight_across=0))
    engine = MatchingEngine(settings).build([found for found, _ in ITEMS.values()])
    for key, (found, topic) in ITEMS.items():
        engine.put_meaning(key, meaning(topic), engine.meaning_digest(found))
    assert not engine.meaning_ready
    lexical = MatchingEngine(settings).build([found for found, _ in ITEMS.values()])
    assert scores(engine, "challenge:3") == scores(lexical, "challenge:3")


def test_between_texts_of_one_language_the_pair_weight_of_that_language_applies():
    # Two Italian texts on one subject that share no word: with no weight for meaning within one language
    # (the expertise set's choice), they are scored by their words alone; across languages meaning counts.
    same = replace(DEFAULT_SETTINGS, semantic=replace(DEFAULT_SETTINGS.semantic, pair_weight=0.0))
    engine = MatchingEngine(same).build([found for found, _ in ITEMS.values()])
    for key, (found, topic) in ITEMS.items():
        engine.put_meaning(key, meaning(topic), engine.meaning_digest(found))
    assert engine.language_of("challenge:3") == "it" and engine.language_of("offer:10") == "en"
    across = {s.key: s for s in engine.offers_for_challenge("challenge:3", k=5)}
    assert any(code == "close_meaning" for code, _ in across["offer:10"].reasons)
    lexical = MatchingEngine(same).build([found for found, _ in ITEMS.values()])
    italian = item("offer:12", "Riqualificare gli alloggi popolari", "Studenti e docenti per edifici migliori.",
                   owner=100)
    for built in (engine, lexical):
        built.upsert(italian)
    engine.put_meaning("offer:12", meaning("energy"), engine.meaning_digest(italian))
    assert engine.offer_pair("challenge:3", "offer:12").score == lexical.offer_pair("challenge:3", "offer:12").score
