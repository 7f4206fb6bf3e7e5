"""`make bench`, "SDGs for one text": how long the SDG suggester takes to answer, once built.

    python -m benchmarks.sdgs                               # a generated reference of the real one's size
    python -m benchmarks.sdgs --reference ../shared/data/sdg  # the real goals, targets and Aurora phrases

The generated reference has 17 goals, 169 targets, 250 indicators and about 3,000 phrases made of the
benchmark corpus's words, so a fresh clone can run it; the texts are the corpus's challenge-like texts,
Italian and English (the issue asks for at most 20 ms a text).
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import corpus
from benchmarks.people import timings
from matchmaker.engine.sdg_reference import (
    GoalText,
    IndicatorText,
    QueryPhrase,
    SdgReference,
    TargetText,
    read_reference,
)
from matchmaker.engine.sdgs import SdgSuggester

GOALS, TARGETS, INDICATORS, PHRASES = 17, 169, 250, 3000


def generated_reference(seed: int = 0) -> SdgReference:
    """A reference of the real one's size whose texts are random words of the corpus's vocabulary."""
    rng = np.random.default_rng(seed)
    english, italian = corpus.build_vocabulary("en", seed), corpus.build_vocabulary("it", seed)
    words_en = np.array(english.general + tuple(w for theme in english.themes for w in theme) + english.rare)
    words_it = np.array(italian.general + tuple(w for theme in italian.themes for w in theme) + italian.rare)

    def sentence(words: np.ndarray, low: int, high: int) -> str:
        return " ".join(rng.choice(words, int(rng.integers(low, high))))

    goals = tuple(GoalText(n, sentence(words_en, 2, 5), sentence(words_it, 2, 5), sentence(words_en, 8, 20),
                           sentence(words_it, 8, 20)) for n in range(1, GOALS + 1))
    codes = [(1 + t % GOALS, f"{1 + t % GOALS}.{1 + t // GOALS}") for t in range(TARGETS)]
    targets = tuple(TargetText(code, goal, sentence(words_en, 15, 40), sentence(words_it, 15, 40))
                    for goal, code in codes)
    indicators = tuple(IndicatorText(f"{codes[i % TARGETS][1]}.{1 + i // TARGETS}", codes[i % TARGETS][1],
                                     sentence(words_en, 8, 25)) for i in range(INDICATORS))
    phrases = tuple(QueryPhrase(codes[i % TARGETS][0], codes[i % TARGETS][1], sentence(words_en, 1, 4), "en")
                    for i in range(PHRASES))
    return SdgReference(goals, targets, indicators, phrases)


def run(reference: SdgReference, texts: int, runs: int) -> dict[str, float]:
    started = time.perf_counter()
    suggester = SdgSuggester(reference)
    built = time.perf_counter() - started
    cases = [" ".join(doc.fields.values()) for doc in corpus.generate(texts, "challenge", seed=5)]
    median, p95 = timings(suggester.suggest, cases, runs)
    return {"goals": len(reference.goals), "targets": len(reference.targets), "phrases": len(reference.phrases),
            "build_s": built, "median_ms": median, "p95_ms": p95}


def report(figures: dict[str, float], source: str) -> str:
    return (f"SDGs for one text ({source}: {figures['goals']} goals, {figures['targets']} targets, "
            f"{figures['phrases']:,} phrases): median {figures['median_ms']:.2f} ms, p95 {figures['p95_ms']:.2f} ms "
            f"(goal ≤ 20 ms); build {figures['build_s']:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, help="The SDG folder (default: a generated reference).")
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=600)
    args = parser.parse_args(argv)
    if args.reference is not None:
        reference, source = read_reference(args.reference), "the reference folder"
    else:
        reference, source = generated_reference(), "a generated reference"
    print(report(run(reference, args.texts, args.runs), source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
