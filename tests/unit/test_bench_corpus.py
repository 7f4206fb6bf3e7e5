"""The benchmark's generated corpus is deterministic, bilingual and shaped like real challenges and offers."""
from benchmarks import corpus


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    first = corpus.generate(300, "offer", seed=3)
    again = corpus.generate(300, "offer", seed=3)
    other = corpus.generate(300, "offer", seed=4)

    assert [(d.key, d.fields, d.language) for d in first] == [(d.key, d.fields, d.language) for d in again]
    assert [d.fields for d in first] != [d.fields for d in other]


def test_both_languages_with_their_own_words():
    docs = corpus.generate(400, "challenge", seed=0)
    english = [d for d in docs if d.language == "en"]
    italian = [d for d in docs if d.language == "it"]

    assert 100 < len(english) < 300 and 100 < len(italian) < 300
    assert all(d.key.startswith("challenge:") for d in docs)
    english_words = {w for d in english for w in d.fields["body"].lower().split()}
    italian_words = {w for d in italian for w in d.fields["body"].lower().split()}
    assert {"the", "and"} <= english_words and {"della", "e"} <= italian_words
    assert "the" not in italian_words and "della" not in english_words


def test_field_lengths_and_vocabulary_size():
    docs = corpus.generate(200, "offer", seed=1)

    for doc in docs:
        assert 6 <= len(doc.fields["title"].split()) <= 12
        assert 3 <= len(doc.fields["keywords"].split(", ")) <= 6
        assert 60 <= len(doc.fields["body"].split()) <= 150
    for language in ("en", "it"):
        assert 2000 <= corpus.build_vocabulary(language).size <= 6000
