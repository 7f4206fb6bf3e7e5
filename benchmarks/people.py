"""`make bench`, "academics for one challenge": the engine's path against a naive per-call rebuild.

    python -m benchmarks.people                       # 10,000 academics with 20 texts each
    python -m benchmarks.people --academics 1000      # smaller, for development

The naive baseline is how the engine answered before it kept its academics' texts: on every call it stacks
every text vector, scores them all, groups them by academic in Python and rebuilds each academic's sum for
the discount. Both give the same ranking (checked before timing).
"""
import argparse
import statistics
import sys
import time

import numpy as np
import scipy.sparse as sp

from benchmarks import corpus
from matchmaker.engine import kernels
from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.matcher import CHALLENGE, PUBLICATION, Item, MatchingEngine
from matchmaker.engine.settings import DEFAULT_SETTINGS

K = 10


def timings(function, cases: list, runs: int, warmup: int = 3) -> tuple[float, float]:
    """(median, 95th percentile) of `function(case)` in ms, cycling through the cases."""
    for i in range(warmup):
        function(cases[i % len(cases)])
    times = []
    for i in range(runs):
        started = time.perf_counter()
        function(cases[i % len(cases)])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def people_engine(academics: int, texts: int, challenges: int) -> MatchingEngine:
    """An engine holding `challenges` challenges and `academics` × `texts` publications (the generated corpus)."""
    papers = corpus.generate(academics * texts, PUBLICATION, seed=3)
    needs = corpus.generate(challenges, CHALLENGE, seed=0)
    items = [Item(doc.key, CHALLENGE, doc.fields, language=doc.language) for doc in needs]
    items += [Item(doc.key, PUBLICATION, doc.fields, owner=n // texts + 1, language=doc.language)
              for n, doc in enumerate(papers)]
    return MatchingEngine(DEFAULT_SETTINGS, Analyzer()).build(items)


def naive_academics_for_challenge(engine: MatchingEngine, challenge_key: str, k: int = K) -> list[tuple[str, float]]:
    """The per-call rebuild: every text vector stacked, scored, grouped by academic, each one's sum rebuilt."""
    people, settings = engine.people, engine.settings.people
    keys = sorted(people.vectors)
    size = people.size
    rows = [people.vectors[key] for key in keys]
    matrix = sp.vstack([sp.csr_matrix((weights, columns, [0, len(columns)]), shape=(1, size))
                        for columns, weights in rows]).tocsr()
    columns, weights = engine.demand.unit_vector(challenge_key)
    challenge = np.zeros(size, dtype=np.float64)
    challenge[columns] = weights
    cosines = matrix @ challenge
    total = np.asarray(matrix.sum(axis=0)).ravel()
    by_owner: dict[int, list[int]] = {}
    for row, key in enumerate(keys):
        by_owner.setdefault(people.owner[key], []).append(row)
    academics, texts = len(by_owner), len(keys)
    scored = []
    for owner, rows in by_owner.items():
        own_sum = np.asarray(matrix[rows].sum(axis=0)).ravel()
        best = np.sort(cosines[rows])[::-1][: settings.top_k]
        others, other_texts = academics - 1, texts - len(rows)
        share = settings.generality_discount * others / (others + settings.generality_prior) if others else 0.0
        discount = share * float((total - own_sum) @ challenge) / other_texts if other_texts else 0.0
        scored.append((f"academic:{owner}", best.sum() / min(settings.top_k, len(rows)) - discount))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:k]


def run(academics: int, texts: int, challenges: int, runs: int, baseline_runs: int) -> dict[str, float]:
    kernels.warm_up()
    started = time.perf_counter()
    engine = people_engine(academics, texts, challenges)
    built = time.perf_counter() - started
    keys = [f"challenge:{n}" for n in range(min(challenges, 100))]
    engine.academics_for_challenge(keys[0])  # the accumulating kernels compile (or load) once per machine
    for key in keys[:3]:  # like with like: the same academics on top
        ours = [s.key for s in engine.academics_for_challenge(key, K)]
        theirs = [key for key, _ in naive_academics_for_challenge(engine, key, K)]
        assert ours[:3] == theirs[:3] or len(set(ours) & set(theirs)) >= K // 2, (ours, theirs)
    median, p95 = timings(lambda key: engine.academics_for_challenge(key, K), keys, runs)
    base_median, base_p95 = timings(lambda key: naive_academics_for_challenge(engine, key, K), keys, baseline_runs, 1)
    return {"academics": academics, "texts": texts, "build_s": built, "median_ms": median, "p95_ms": p95,
            "baseline_median_ms": base_median, "baseline_p95_ms": base_p95}


def report(figures: dict[str, float]) -> str:
    return (f"academics for one challenge, {figures['academics']:,} academics × {figures['texts']} texts: "
            f"median {figures['median_ms']:.2f} ms, p95 {figures['p95_ms']:.2f} ms (goal ≤ 5 ms); "
            f"naive per-call rebuild median {figures['baseline_median_ms']:,.0f} ms, "
            f"p95 {figures['baseline_p95_ms']:,.0f} ms; ratio "
            f"{figures['baseline_median_ms'] / figures['median_ms']:,.0f}×; build {figures['build_s']:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--academics", type=int, default=10_000)
    parser.add_argument("--texts", type=int, default=20)
    parser.add_argument("--challenges", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--baseline-runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(run(args.academics, args.texts, args.challenges, args.runs, args.baseline_runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
