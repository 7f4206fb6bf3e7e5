"""The index's fast paths give exactly the brute-force product's top k (no timing here: see the bench)."""
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from benchmarks import corpus
from matchmaker.engine import index as index_module
from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.index import TextDoc, TextIndex
from matchmaker.engine.settings import TextSettings


@pytest.fixture(scope="module")
def fitted():
    docs = corpus.generate(3000, "offer", seed=0)
    queries = corpus.generate(40, "challenge", seed=0)
    return TextIndex(Analyzer(), TextSettings()).fit(docs), queries


@pytest.fixture
def pruned(monkeypatch):
    """Every single document query takes the pruned kernel, however small the index."""
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)


def brute_force(index: TextIndex, query, k: int, skip=frozenset(), keep=None) -> list[tuple[str, float]]:
    """Every live document scored by the row-major product, ordered by score then position."""
    scores = (index.base.rows @ query.T).toarray().ravel() / index.base.norms
    order = np.argsort(-scores, kind="stable")
    found = [(index.base.keys[i], float(scores[i])) for i in order
             if scores[i] > 0 and index.base.keys[i] not in skip | index.removed
             and (keep is None or keep(index.base.keys[i]))]
    return found[:k]


def test_the_pruned_search_gives_the_brute_force_top_k(fitted, pruned):
    index, queries = fitted
    for doc in queries:
        query = index.vectorise([doc])
        for k in (1, 10, 20):
            assert index.search(query, k)[0] == brute_force(index, query, k)


def test_the_pruned_search_respects_keep_exclude_and_removed(fitted, pruned):
    index, queries = fitted
    index = TextIndex(index.analyzer, index.settings).fit(corpus.generate(3000, "offer", seed=0))
    keep = lambda key: int(key.split(":")[1]) % 3 != 0  # noqa: E731
    first = index.vectorise([queries[0]])
    best = [key for key, _ in brute_force(index, first, 6, keep=keep)]
    index.remove(best[0])
    index.remove(best[1])
    exclude = {best[2], best[3]}
    for doc in queries[:20]:
        query = index.vectorise([doc])
        assert index.search(query, 10, exclude=exclude, keep=keep)[0] == brute_force(index, query, 10, exclude, keep)
    assert not {best[0], best[1], best[2], best[3]} & {key for key, _ in index.search(first, 10, exclude, keep=keep)[0]}
    index.remove(best[4])  # removed after searches: the mask of removed documents follows
    assert index.search(first, 10, keep=keep)[0] == brute_force(index, first, 10, keep=keep)
    assert best[4] not in {key for key, _ in index.search(first, 10, keep=keep)[0]}


def test_a_filter_that_leaves_fewer_than_k_documents_returns_them_all(fitted, pruned):
    index, queries = fitted
    wanted = {"offer:5", "offer:17", "offer:2999"}
    query = index.vectorise([queries[1]])
    found = index.search(query, 10, keep=lambda key: key in wanted)[0]
    assert found == brute_force(index, query, 10, keep=lambda key: key in wanted)
    assert {key for key, _ in found} <= wanted


def test_the_pruned_search_merges_the_side_segment(fitted, pruned):
    index, queries = fitted
    index = TextIndex(index.analyzer, index.settings).fit(corpus.generate(3000, "offer", seed=0))
    index.upsert(TextDoc("offer:new", queries[2].fields, queries[2].language))
    query = index.vectorise([queries[2]])
    found = index.search(query, 10)[0]
    assert found[0][0] == "offer:new"
    assert found[1:] == brute_force(index, query, 9)


def test_the_pruned_and_plain_paths_agree(fitted, monkeypatch):
    index, queries = fitted
    query = index.vectorise([queries[3]])
    monkeypatch.setattr(index_module, "PRUNE_FROM", 10**9)
    plain = index.search(query, 10)[0]
    monkeypatch.setattr(index_module, "PRUNE_FROM", 0)
    pruned = index.search(query, 10)[0]
    assert [key for key, _ in pruned] == [key for key, _ in plain]
    assert np.allclose([score for _, score in pruned], [score for _, score in plain], rtol=1e-5)


def test_a_query_without_known_terms_finds_nothing(fitted, pruned):
    index, _ = fitted
    assert index.search(index.vectorise([TextDoc("q", {"body": "zzzz qqqq"})]), 10) == [[]]


def test_threads_searching_at_once_get_the_same_answers(fitted, pruned):
    index, queries = fitted
    vectors = [index.vectorise([doc]) for doc in queries]
    expected = [index.search(vector, 10)[0] for vector in vectors]
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda vector: index.search(vector, 10)[0], vectors * 3))
    assert found == expected * 3


def test_save_and_load_keep_the_pruned_search(fitted, pruned, tmp_path):
    index, queries = fitted
    index = TextIndex(index.analyzer, index.settings).fit(corpus.generate(3000, "offer", seed=0))
    index.remove("offer:10")
    index.save(tmp_path)
    loaded = TextIndex.load(tmp_path, index.analyzer, index.settings)
    for doc in queries[:10]:
        query = index.vectorise([doc])
        assert loaded.search(query, 10)[0] == index.search(query, 10)[0] == brute_force(index, query, 10)


def test_the_batch_search_gives_the_brute_force_top_k(fitted, monkeypatch):
    monkeypatch.setattr(index_module, "DENSE_FROM", 0)
    index, queries = fitted
    vectors = index.vectorise(queries)
    assert vectors.shape[0] >= index_module.DENSE_BATCH
    for row, found in enumerate(index.search(vectors, 10)):
        assert found == brute_force(index, vectors[row], 10)


def test_the_batch_search_respects_keep_exclude_removed_and_the_side_segment(fitted, monkeypatch):
    monkeypatch.setattr(index_module, "DENSE_FROM", 0)
    index, queries = fitted
    index = TextIndex(index.analyzer, index.settings).fit(corpus.generate(3000, "offer", seed=0))
    keep = lambda key: int(key.split(":")[-1].removeprefix("new")) % 3 != 0  # noqa: E731
    vectors = index.vectorise(queries)
    best = [key for key, _ in brute_force(index, vectors[0], 6, keep=keep)]
    index.remove(best[0])
    index.upsert(TextDoc("offer:new1", queries[1].fields, queries[1].language))
    exclude = {best[1]}
    found = index.search(vectors, 10, exclude=exclude, keep=keep)
    assert found[1][0][0] == "offer:new1"
    for row, hits in enumerate(found):
        expected = brute_force(index, vectors[row], 10, exclude, keep)
        if row == 1:
            expected = [hits[0]] + expected[:9]
        assert hits == expected


def test_an_index_of_texts_without_words_finds_nothing_instead_of_failing():
    index = TextIndex(Analyzer(), TextSettings()).fit([TextDoc("profile:1", {"title": "", "body": ""}, "en")])
    query = index.vectorise([TextDoc("challenge:1", {"title": "Energy poverty in social housing"}, "en")])
    assert index.search(query, 10) == [[]]
