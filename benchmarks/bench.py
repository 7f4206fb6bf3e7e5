"""Speed and memory of the matching engine, against plain scikit-learn baselines, in one run.

    python -m benchmarks.bench            # full sizes: 100,000 and 1,000,000 offers (~10 min)
    python -m benchmarks.bench --quick    # 10,000 and 100,000 offers, for development
    BENCH_JSON=bench.json python -m benchmarks.bench   # also writes the figures as JSON

All figures come from the same generated corpus (benchmarks.corpus, seed 0). Peak memory is the
kernel's own high-water mark of the process: before each measured step the bench resets it (writing "5" to
/proc/self/clear_refs) after giving freed heap memory back to the kernel (glibc's malloc_trim), and the
figure is VmHWM after the step minus VmRSS before it: it counts every allocation (numpy, scipy's C++ and
Python objects alike) and misses no short-lived peak.
"""
import argparse
import ctypes
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics.pairwise import cosine_similarity

from benchmarks import corpus
from matchmaker.engine import kernels
from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.index import TextDoc, TextIndex
from matchmaker.engine.matcher import CHALLENGE, OFFER, Facts, Item, MatchingEngine
from matchmaker.engine.settings import DEFAULT_SETTINGS

K = 10
SDG_KINDS = ("research", "consulting", "training", "students", "equipment", "other")
CITIES = ("torino", "milano", "cuneo", "asti", "novara", "")


# --- measuring ------------------------------------------------------------------------------------------

def _status(field: str) -> float:
    """A field of /proc/self/status in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    return _status("VmRSS")


def _release_free_memory() -> None:
    """Give freed heap memory back to the kernel (glibc), so that a later peak is not hidden in old free space."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class PeakMemory:
    """Peak RSS growth over a block: the kernel's high-water mark, reset at the start of the block."""

    def __enter__(self) -> "PeakMemory":
        gc.collect()
        _release_free_memory()
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            self.exact = True
        except OSError:
            self.exact = False
        self.before = rss_mb()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.started
        self.peak = _status("VmHWM")
        self.extra = self.peak - self.before


def median_ms(function: Callable[[int], object], runs: int, warmup: int = 3) -> float:
    for i in range(warmup):
        function(i)
    times = []
    for i in range(runs):
        started = time.perf_counter()
        function(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the data -------------------------------------------------------------------------------------------

def items_from(docs: list[TextDoc], kind: str, seed: int) -> list[Item]:
    """Items with plausible structured facts, so that the blend and the reasons do their real work."""
    rng = np.random.default_rng(seed)
    sdgs = rng.integers(1, 18, size=(len(docs), 3)).tolist()
    counts = rng.integers(0, 4, size=len(docs)).tolist()
    kinds = rng.integers(0, len(SDG_KINDS), size=len(docs)).tolist()
    cities = rng.integers(0, len(CITIES), size=len(docs)).tolist()
    owners = rng.integers(1, max(2, len(docs) // 3), size=len(docs)).tolist()
    items = []
    for i, doc in enumerate(docs):
        facts = Facts(sdgs=frozenset(sdgs[i][: counts[i]]), kind=SDG_KINDS[kinds[i]], city=CITIES[cities[i]])
        items.append(Item(doc.key, kind, doc.fields, facts, owner=owners[i] if kind == OFFER else None,
                          language=doc.language))
    return items


# --- baselines ------------------------------------------------------------------------------------------

def row_major_search(rows: sp.csr_matrix, keys: list[str], query: sp.csr_matrix, k: int,
                     norms: np.ndarray | None = None) -> list[tuple[str, float]]:
    """The plain scikit-learn way: doc-major matrix times the query column, then argpartition.

    `norms`: the documents' lengths when the index keeps raw BM25 rows, so that scores are cosines as the
    engine's are.
    """
    scores = (rows @ query.T).toarray().ravel()
    if norms is not None:
        scores /= norms
    top = np.argpartition(-scores, k)[:k]
    top = top[np.argsort(-scores[top])]
    return [(keys[i], float(scores[i])) for i in top if scores[i] > 0]


def naive_all_pairs(queries: sp.csr_matrix, rows: sp.csr_matrix, k: int) -> np.ndarray:
    """cosine_similarity to a dense queries × documents matrix, then argpartition on each row."""
    scores = cosine_similarity(queries, rows)
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
    return np.take_along_axis(top, order, axis=1)


def engine_on(index: TextIndex, challenges: list[Item], offers: list[Item]) -> MatchingEngine:
    """An engine whose supply index is `index` (already fitted on `offers`), without a second fit."""
    engine = MatchingEngine(DEFAULT_SETTINGS, index.analyzer)
    engine.supply = index
    engine.items = {item.key: item for item in challenges}
    engine.items.update((item.key, item) for item in offers)
    return engine


def candidates_asked(engine: MatchingEngine, challenge_key: str) -> int:
    """How many candidates offers_for_challenge asks the index for (the baseline asks for as many)."""
    asked = []
    original = engine.supply.search

    def spy(queries, k, *args, **kwargs):
        asked.append(k)
        return original(queries, k, *args, **kwargs)

    engine.supply.search = spy
    try:
        engine.offers_for_challenge(challenge_key, K)
    finally:
        del engine.supply.search
    return asked[0]


def row_major_offers_for_challenge(engine: MatchingEngine, challenge_key: str, k: int = K,
                                   candidates: int = 4 * K) -> list:
    """The engine's own path with the search replaced by the row-major baseline (same explanations)."""
    challenge = engine.items[challenge_key]
    query = engine.supply.vectorise([engine._doc(challenge)])
    base = engine.supply.base
    hits = row_major_search(base.rows, base.keys, query, candidates, getattr(base, "norms", None))
    offers = [engine._offer_pair(challenge, key, key, engine.items[key].facts) for key, _ in hits
              if key.startswith(OFFER + ":")]
    return engine._explain_offers(sorted(offers, key=lambda s: (-s.score, -s.text_score, s.key))[:k], challenge_key)


# --- the measurements -------------------------------------------------------------------------------------

def measure_queries(engine: MatchingEngine, challenge_keys: list[str], runs: int) -> dict[str, float]:
    """Median latencies of one challenge against the supply: the engine's path, its parts, the baseline."""
    index = engine.supply
    docs = [engine._doc(engine.items[key]) for key in challenge_keys]
    vectors = [index.vectorise([doc]) for doc in docs]
    pick = lambda i: i % len(challenge_keys)  # noqa: E731
    asked = candidates_asked(engine, challenge_keys[0])
    figures = {
        "engine": median_ms(lambda i: engine.offers_for_challenge(challenge_keys[pick(i)], K), runs),
        "vectorise": median_ms(lambda i: index.vectorise([docs[pick(i)]]), runs),
        "search": median_ms(lambda i: index.search(vectors[pick(i)], asked), runs),
        "baseline_engine": median_ms(
            lambda i: row_major_offers_for_challenge(engine, challenge_keys[pick(i)], K, asked), runs),
        "baseline_search": median_ms(
            lambda i: row_major_search(index.base.rows, index.base.keys, vectors[pick(i)], asked,
                                       getattr(index.base, "norms", None)), runs),
    }
    figures["rank_explain"] = figures["engine"] - figures["vectorise"] - figures["search"]
    figures["candidates"] = asked
    # The engine and the baseline must agree on the ranking: the bench compares like with like.
    for i in range(min(5, len(challenge_keys))):
        ours = [s.key for s in engine.offers_for_challenge(challenge_keys[i], K)]
        theirs = [s.key for s in row_major_offers_for_challenge(engine, challenge_keys[i], K, asked)]
        assert ours[:3] == theirs[:3] or set(ours) & set(theirs), (ours, theirs)
    return figures


def measure_add_one(index: TextIndex, docs: list[TextDoc], side_sizes: tuple[int, ...]) -> dict[str, float]:
    """A new or edited offer: upsert, then the work until a search finds it; at several side-segment sizes.

    `add` is upsert + the side segment made searchable (what the next search does first);
    `add_search` also includes that search (the whole base is searched too).
    """
    figures: dict[str, float] = {}
    used = 0
    for size in side_sizes:
        while len(index.side) < size:  # earlier edits waiting for the next refit
            index.upsert(docs[used])
            used += 1
        index._side_matrix()
        times, total = [], []
        for _ in range(15):
            doc = docs[used]
            used += 1
            query = index.vectorise([doc])
            started = time.perf_counter()
            index.upsert(doc)
            index._side_matrix()
            ready = time.perf_counter()
            hits = index.search(query, K)
            done = time.perf_counter()
            assert hits[0] and hits[0][0][0] == doc.key, (doc.key, hits[0][:3])
            times.append(ready - started)
            total.append(done - started)
        figures[f"add_side{size}"] = statistics.median(times) * 1000
        figures[f"add_search_side{size}"] = statistics.median(total) * 1000
    return figures


def run(small: int, large: int, challenges_n: int, query_runs: int) -> tuple[dict, list[tuple]]:
    results: dict[str, float] = {}
    info: dict[str, float] = {}
    started = time.perf_counter()
    kernels.warm_up()  # compiled once per machine (cached), loaded once per process: never in a figure
    info["kernels_warm_up_s"] = time.perf_counter() - started
    log(f"generating {small:,} offers and {challenges_n:,} challenges")
    started = time.perf_counter()
    offer_docs = corpus.generate(small, OFFER, seed=0)
    challenge_docs = corpus.generate(challenges_n, CHALLENGE, seed=0)
    info["generate_small_s"] = time.perf_counter() - started
    offers, challenges = items_from(offer_docs, OFFER, 1), items_from(challenge_docs, CHALLENGE, 2)

    log("MatchingEngine.build (both indexes, explanations' surface forms)")
    engine = MatchingEngine(DEFAULT_SETTINGS, Analyzer())
    started = time.perf_counter()
    engine.build(challenges + offers)
    info["engine_build_small_s"] = time.perf_counter() - started
    supply = engine.supply
    info["terms_small"] = len(supply.vocabulary)
    info["nnz_per_doc"] = supply.base.rows.nnz / supply.base.rows.shape[0]

    log("one challenge against the offers")
    keys = [item.key for item in challenges[:200]]
    q = measure_queries(engine, keys, query_runs)
    results["query_100k_ms"] = q["engine"]
    results["query_100k_baseline_ms"] = q["baseline_engine"]
    info.update({f"query_small_{name}_ms": value for name, value in q.items()})

    log("all pairs: every challenge against every offer, top 10 each")
    queries = supply.vectorise([engine._doc(item) for item in challenges])
    info["allpairs_vectorise_s"] = 0.0
    with PeakMemory() as ours:
        supply.search(queries, K)
    with PeakMemory() as naive:
        naive_all_pairs(queries, supply.base.rows, K)
    results["allpairs_1k_100k_s"] = ours.seconds
    results["allpairs_1k_100k_extra_mb"] = ours.extra
    results["allpairs_baseline_s"] = naive.seconds
    info["allpairs_baseline_extra_mb"] = naive.extra

    log("background refit (both indexes)")
    with PeakMemory() as refit:
        engine.refit()
    results["refit_100k_s"] = refit.seconds
    info["refit_small_extra_mb"] = refit.extra

    log("a new or edited offer")
    fresh = corpus.generate(12_000, OFFER, seed=5)
    fresh = [TextDoc(f"offer:new{i}", doc.fields, doc.language) for i, doc in enumerate(fresh)]
    side_sizes = tuple(sorted({0, 1_000, max(1, small // 10)}))
    add = measure_add_one(engine.supply, fresh, side_sizes)
    results["add_one_ms"] = add["add_side0"]
    info.update(add)
    info["side_sizes"] = side_sizes
    del engine, supply, queries, offers, offer_docs, fresh
    gc.collect()

    log(f"generating {large:,} offers")
    started = time.perf_counter()
    big_docs = corpus.generate(large, OFFER, seed=0)
    info["generate_large_s"] = time.perf_counter() - started
    gc.collect()
    info["rss_before_build_mb"] = rss_mb()
    log("building the index (TextIndex.fit)")
    index = TextIndex(Analyzer(), DEFAULT_SETTINGS.text)
    with PeakMemory() as build:
        index.fit(big_docs)
    results["build_1m_s"] = build.seconds
    results["build_1m_peak_mb"] = build.extra
    info["build_large_peak_rss_mb"] = build.peak
    info["index_large_mb"] = sum(m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
                                 for m in (index.base.rows, index.base.inverted)) / 2**20
    info["index_large_unit_mb"] = index._pruning().unit.nbytes / 2**20

    log("one challenge against the large index")
    big_offers = items_from(big_docs, OFFER, 1)
    del big_docs
    big_engine = engine_on(index, challenges, big_offers)
    q = measure_queries(big_engine, keys, max(20, query_runs // 2))
    results["query_1m_ms"] = q["engine"]
    info.update({f"query_large_{name}_ms": value for name, value in q.items()})
    return results, [info]


TARGETS = {  # key: (label, target, unit, smaller is better)
    "query_100k_ms": ("1 challenge × {small} offers, top 10 + explanations", 2.0, "ms"),
    "query_1m_ms": ("1 challenge × {large} offers, top 10 + explanations", 12.0, "ms"),
    "allpairs_1k_100k_s": ("{chal} challenges × {small} offers, top 10 each", 1.0, "s"),
    "allpairs_1k_100k_extra_mb": ("  peak extra memory of it", 500.0, "MB"),
    "add_one_ms": ("new offer searchable (upsert + side ready)", 1.0, "ms"),
    "refit_100k_s": ("background refit, {small} offers + {chal} challenges", 5.0, "s"),
    "build_1m_s": ("build the index of {large} offers", None, "s"),
    "build_1m_peak_mb": ("  peak extra memory of it", 3072.0, "MB"),
}


def table(results: dict, info: dict, small: int, large: int, chal: int) -> str:
    def fmt(value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.3g} {unit}"

    baselines = {"query_100k_ms": results["query_100k_baseline_ms"],
                 "query_1m_ms": info["query_large_baseline_engine_ms"],
                 "allpairs_1k_100k_s": results["allpairs_baseline_s"],
                 "allpairs_1k_100k_extra_mb": info["allpairs_baseline_extra_mb"]}
    names = {"small": f"{small:,}", "large": f"{large:,}", "chal": f"{chal:,}"}
    lines = [f"| {'figure':<52} | {'measured':>10} | {'target':>9} | {'baseline':>10} | {'ratio':>6} | met |",
             f"|{'-' * 54}|{'-' * 12}|{'-' * 11}|{'-' * 12}|{'-' * 8}|-----|"]
    for key, (label, target, unit) in TARGETS.items():
        value = results[key]
        baseline = baselines.get(key)
        ratio = f"{value / baseline:.2f}×" if baseline else "—"
        met = "—" if target is None else ("yes" if value <= target else "NO")
        if key == "query_100k_ms" and target is not None:
            met = "yes" if value <= target and value <= 0.2 * baseline else "NO"
            label = label.replace("top 10 + explanations", "top 10 + why (≤ 0.2×)")
        shown_target = fmt(target, unit) if target else "—"
        lines.append(f"| {label.format(**names):<52} | {fmt(value, unit):>10} | {shown_target:>9}"
                     f" | {fmt(baseline, unit):>10} | {ratio:>6} | {met:>3} |")
    return "\n".join(lines)


def details(info: dict, small: int, large: int) -> str:
    lines = ["", "Details:"]
    for size_name, n in (("small", small), ("large", large)):
        p = f"query_{size_name}_"
        lines.append(f"  {n:>9,} offers: engine {info[p + 'engine_ms']:.2f} ms"
                     f" = vectorise {info[p + 'vectorise_ms']:.2f}"
                     f" + search(k={info[p + 'candidates_ms']:.0f}) {info[p + 'search_ms']:.2f}"
                     f" + rank & explain {info[p + 'rank_explain_ms']:.2f};"
                     f" row-major search alone {info[p + 'baseline_search_ms']:.2f} ms"
                     f" (search ratio {info[p + 'search_ms'] / info[p + 'baseline_search_ms']:.2f}×)")
    for size in info["side_sizes"]:
        lines.append(f"  add one offer with {size:>6,} texts already in the side segment: upsert + side ready"
                     f" {info[f'add_side{size}']:.2f} ms,"
                     f" + a search that finds it {info[f'add_search_side{size}']:.2f} ms")
    lines.append(f"  naive all-pairs peak extra memory {info['allpairs_baseline_extra_mb']:,.0f} MB")
    lines.append(f"  MatchingEngine.build at {small:,} offers {info['engine_build_small_s']:.1f} s;"
                 f" refit peak extra memory {info['refit_small_extra_mb']:,.0f} MB")
    lines.append(f"  vocabulary {info['terms_small']:,} terms, {info['nnz_per_doc']:.1f} nonzeros per offer;"
                 f" index of {large:,} offers (rows + inverted) {info['index_large_mb']:,.0f} MB"
                 f" + the inverted weights at unit length {info['index_large_unit_mb']:,.0f} MB;"
                 f" build peak RSS {info['build_large_peak_rss_mb']:,.0f} MB"
                 f" (the corpus itself held before: {info['rss_before_build_mb']:,.0f} MB)")
    lines.append(f"  corpus generation: {small:,} offers {info['generate_small_s']:.1f} s,"
                 f" {large:,} offers {info['generate_large_s']:.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="10,000 and 100,000 offers instead of 100,000 and 1,000,000")
    parser.add_argument("--small", type=int, help="offers for the query, all-pairs, add and refit figures")
    parser.add_argument("--large", type=int, help="offers for the build and the large query figures")
    parser.add_argument("--challenges", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200, help="queries per latency median")
    args = parser.parse_args(argv)
    small = args.small or (10_000 if args.quick else 100_000)
    large = args.large or (100_000 if args.quick else 1_000_000)
    log(f"cores {os.cpu_count()}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '')!r}")
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    results, (info,) = run(small, large, args.challenges, args.runs)
    print(table(results, info, small, large, args.challenges))
    print(details(info, small, large))
    # Other work on the machine skews every figure: the load average says whether the run had the cores.
    print(f"\n(bench took {time.perf_counter() - started:.0f} s; sizes {small:,} / {large:,} offers;"
          f" {os.cpu_count()} cores, 1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)")
    out = os.environ.get("BENCH_JSON")
    if out:
        Path(out).write_text(json.dumps({key: round(value, 4) for key, value in results.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
