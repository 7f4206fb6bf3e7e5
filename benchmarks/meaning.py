"""`make bench`, matching by meaning: the time to embed a text and a query, and one challenge against 100,000
offers with the meaning part included, and the memory of 100,000 stored embeddings.

    python -m benchmarks.meaning                  # 100,000 offers
    python -m benchmarks.meaning --offers 10000   # smaller, for development

The offers are the generated corpus (benchmarks.corpus) and their embeddings random unit vectors: what a
query costs does not depend on what the vectors say, and embedding 100,000 texts takes hours on two cores.
The texts embedded for the timing are demo challenges and searches, read by the real model.
"""
import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

from benchmarks import corpus
from benchmarks.bench import PeakMemory, items_from, log
from benchmarks.people import timings
from matchmaker.engine import kernels, semantic
from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.matcher import CHALLENGE, OFFER, MatchingEngine
from matchmaker.engine.settings import DEFAULT_SETTINGS

DEMO = Path(__file__).resolve().parents[1] / "matchmaker" / "demo_data" / "challenges.json"
QUERIES = ["elderly loneliness", "flood risk school", "povertà energetica", "orti condivisi acqua",
           "accessible tram stops", "doposcuola ragazzi", "repair café", "heat islands trees"]


def embedding_times(runs: int) -> dict[str, float]:
    embed = semantic.load_embed()
    if embed is None:
        return {}
    challenges = json.loads(DEMO.read_text(encoding="utf-8"))
    texts = [semantic.embedding_text({"title": c["title"], "keywords": ", ".join(c.get("keywords", [])),
                                      "body": "\n\n".join(c.get(part) or "" for part in
                                                          ("summary", "description", "resources"))})
             for c in challenges]
    words = statistics.median(len(text.split()) for text in texts)
    text_ms = timings(lambda text: embed([text]), texts, runs)
    query_ms = timings(lambda query: embed([query]), QUERIES, runs * 4)
    return {"text_words": words, "text_median_ms": text_ms[0], "text_p95_ms": text_ms[1],
            "query_median_ms": query_ms[0], "query_p95_ms": query_ms[1]}


def random_codes(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((n, semantic.DIMENSIONS)).astype(np.float32)
    return semantic.to_int8(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))


def one_challenge(offers_n: int, challenges_n: int, runs: int) -> dict[str, float]:
    kernels.warm_up()
    log(f"generating {offers_n:,} offers and {challenges_n:,} challenges")
    offers = items_from(corpus.generate(offers_n, OFFER, seed=0), OFFER, 1)
    challenges = items_from(corpus.generate(challenges_n, CHALLENGE, seed=0), CHALLENGE, 2)
    engine = MatchingEngine(DEFAULT_SETTINGS, Analyzer()).build(challenges + offers)
    keys = [c.key for c in challenges]
    lexical = timings(lambda key: engine.offers_for_challenge(key, k=10), keys, runs)
    log("storing the embeddings")
    codes_of_offers = random_codes(len(offers), 3)
    with PeakMemory() as memory:
        for item, codes in zip(offers, codes_of_offers, strict=True):
            engine.put_meaning(item.key, codes, engine.meaning_digest(item))
    for item, codes in zip(challenges, random_codes(len(challenges), 4), strict=True):
        engine.put_meaning(item.key, codes, engine.meaning_digest(item))
    assert engine.meaning_ready
    blended = timings(lambda key: engine.offers_for_challenge(key, k=10), keys, runs)
    query = random_codes(1, 5)[0]
    search = timings(lambda text: engine.search(text, (OFFER,), k=20, meaning=query), QUERIES, runs)
    return {"offers": offers_n, "lexical_median_ms": lexical[0], "lexical_p95_ms": lexical[1],
            "meaning_median_ms": blended[0], "meaning_p95_ms": blended[1],
            "search_median_ms": search[0], "search_p95_ms": search[1],
            "embeddings_mb": len(engine.meaning_supply) * semantic.DIMENSIONS / 1e6,
            "matrix_mb": engine.meaning_supply.matrix.nbytes / 1e6, "embeddings_peak_extra_mb": memory.extra}


def report(embedding: dict, query: dict) -> str:
    lines = []
    if embedding:
        lines.append(f"embed one demo challenge ({embedding['text_words']:.0f} words): median "
                     f"{embedding['text_median_ms']:.0f} ms, p95 {embedding['text_p95_ms']:.0f} ms")
        lines.append(f"embed one search: median {embedding['query_median_ms']:.1f} ms, "
                     f"p95 {embedding['query_p95_ms']:.1f} ms")
    else:
        lines.append("the embedding model is not installed: no embedding times")
    lines.append(f"1 challenge × {query['offers']:,} offers, top 10 with explanations: words alone "
                 f"{query['lexical_median_ms']:.2f} ms (p95 {query['lexical_p95_ms']:.2f}); with meaning "
                 f"{query['meaning_median_ms']:.2f} ms (p95 {query['meaning_p95_ms']:.2f})")
    lines.append(f"search of {query['offers']:,} offers with meaning (query embedded): median "
                 f"{query['search_median_ms']:.2f} ms (p95 {query['search_p95_ms']:.2f})")
    lines.append(f"{query['offers']:,} stored embeddings: {query['embeddings_mb']:.1f} MB of int8 "
                 f"({query['matrix_mb']:.1f} MB with the matrix's room to grow; peak extra memory while storing "
                 f"them, with their keys and digests: {query['embeddings_peak_extra_mb']:.0f} MB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--challenges", type=int, default=200)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    embedding = embedding_times(max(10, args.runs // 10))
    query = one_challenge(args.offers, args.challenges, args.runs)
    print(report(embedding, query))
    return 0


if __name__ == "__main__":
    sys.exit(main())
