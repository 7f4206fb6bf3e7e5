"""Measuring the engine on public data, through the same paths the product uses.

- Expertise (Stelmakh et al., TMLR 2025): each researcher's papers become an academic's publications, the
  rated papers become challenges, and every researcher is scored against every paper by the engine function
  whose suggestions the product stores (`MatchingEngine.challenge_pairs`, the same score from either side).
  The loss is the paper's: every researcher's pairs pooled into one weighted share of wrongly ordered pairs
  per profile file, then the mean over the files (a mean of per-researcher shares is reported apart).
- Retrieval (BEIR-style folders): the documents become offers, each query is typed in the search box. Each
  set's queries are split in a dev half (settings are chosen on it) and a test half (only reported), by
  `query_split`: a stable hash of the query id, the same on every machine and run.
"""
import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from pathlib import Path

from matchmaker.engine.matcher import CHALLENGE, PUBLICATION, Item, MatchingEngine, key_id
from matchmaker.engine.settings import DEFAULT_SETTINGS, EngineSettings

OFFER = "offer"
POOLED_MEASURE = "pooled: all researchers' pairs in one ratio per profile file, mean over the files (the paper's)"
PER_RESEARCHER_NOTE = "per-researcher mean, not comparable with the paper"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_ratings(path: Path) -> dict[str, dict[str, int]]:
    """academic_id -> {item_id: expertise} from a tab-separated file with a header."""
    ratings: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0] == "academic_id":
                continue
            ratings.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return ratings


def pair_costs(scores: dict[str, float], rated: dict[str, int]) -> tuple[float, float]:
    """One researcher's pairs: the cost of those ordered against the ratings (a wrong order costs the rating
    difference, a tie half of it) and the total of all their rating differences."""
    items = [item for item in rated if item in scores]
    cost = total = 0.0
    for i, first in enumerate(items):
        for second in items[i + 1:]:
            difference = rated[first] - rated[second]
            if difference == 0:
                continue
            high, low = (first, second) if difference > 0 else (second, first)
            total += abs(difference)
            if scores[high] < scores[low]:
                cost += abs(difference)
            elif scores[high] == scores[low]:
                cost += abs(difference) / 2
    return cost, total


def pairwise_loss(scores: dict[str, float], rated: dict[str, int]) -> float | None:
    """One researcher's weighted share of pairs ordered against the ratings; None without any pair."""
    cost, total = pair_costs(scores, rated)
    return cost / total if total else None


def pooled_loss(scores: dict[str, dict[str, float]], ratings: dict[str, dict[str, int]]) -> float | None:
    """The paper's loss for one profile file: every researcher's pairs together, their total cost over the
    total of all their differences (so a researcher with forty pairs weighs more than one with three)."""
    cost = total = 0.0
    for researcher, rated in ratings.items():
        if researcher in scores:
            researcher_cost, researcher_total = pair_costs(scores[researcher], rated)
            cost += researcher_cost
            total += researcher_total
    return cost / total if total else None


def per_researcher_loss(scores: dict[str, dict[str, float]], ratings: dict[str, dict[str, int]]) -> float | None:
    """The mean of the researchers' own losses, each weighing the same: not the paper's measure, nor comparable
    with its figures."""
    losses = [loss for researcher, rated in ratings.items() if researcher in scores
              and (loss := pairwise_loss(scores[researcher], rated)) is not None]
    return sum(losses) / len(losses) if losses else None


def expertise_engine(items: list[dict], profiles: list[dict], settings: EngineSettings
                     ) -> tuple[MatchingEngine, dict[str, int]]:
    """An engine holding the papers as challenges and each researcher's papers as their publications."""
    academic_ids = {profile["id"]: number for number, profile in enumerate(profiles, start=1)}
    engine_items = [Item(f"challenge:{n}", CHALLENGE,
                         {"title": item.get("title") or "", "body": item.get("text") or ""})
                    for n, item in enumerate(items)]
    for profile in profiles:
        owner = academic_ids[profile["id"]]
        for n, document in enumerate(profile["documents"]):
            engine_items.append(Item(f"publication:{owner}-{n}", PUBLICATION,
                                     {"title": document.get("title") or "", "body": document.get("text") or ""},
                                     owner=owner))
    return MatchingEngine(settings).build(engine_items), academic_ids


def expertise_scores(data: Path, settings: EngineSettings = DEFAULT_SETTINGS
                      ) -> Iterator[tuple[str, dict[str, dict[str, float]]]]:
    """Per profile file in order (d_20_1, d_20_2, …): its name and {academic_id: {item_id: score}}, the scores
    as the product stores them (the same suggestions its Match rows are made of)."""
    items = read_jsonl(data / "items.jsonl")
    challenge_keys = [f"challenge:{n}" for n in range(len(items))]
    files = sorted((data / "profiles").glob("d_20_*.jsonl"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    for profile_file in files:
        engine, academic_ids = expertise_engine(items, read_jsonl(profile_file), settings)
        yield profile_file.stem, {
            researcher: {items[key_id(s.key)]["id"]: s.score for s in engine.challenge_pairs(number, challenge_keys)}
            for researcher, number in academic_ids.items()}


def expertise_summary(files: Iterable[dict[str, dict[str, float]]], ratings: dict[str, dict[str, int]]) -> dict:
    """The pooled loss of each profile file's scores and their mean ("loss", the paper's figure), and, apart,
    the mean over the files of the per-researcher mean.

    Raises ValueError when no file holds a pair of papers rated differently by a researcher it scores."""
    pooled: list[float] = []
    per_researcher: list[float] = []
    for scores in files:
        loss = pooled_loss(scores, ratings)
        if loss is not None:  # a file with a pooled pair has a researcher with a pair
            pooled.append(loss)
            per_researcher.append(per_researcher_loss(scores, ratings))
    if not pooled:
        raise ValueError("No profile file holds a pair of papers rated differently by a researcher it profiles.")
    return {"loss": round(mean(pooled), 4), "file_losses": [round(loss, 4) for loss in pooled],
            "files": len(pooled), "measure": POOLED_MEASURE,
            "per_researcher_mean": round(mean(per_researcher), 4), "per_researcher_note": PER_RESEARCHER_NOTE}


def evaluate_expertise(data: Path, ratings_file: Path, out: Path | None = None,
                       settings: EngineSettings = DEFAULT_SETTINGS) -> dict:
    """`expertise_summary` of the stored scores over the ten profile files; writes {academic_id: {item_id: score}}
    per file when `out` is set. Raises ValueError when there is no rated pair to measure."""
    ratings = read_ratings(ratings_file)
    files = []
    for name, scores in expertise_scores(data, settings):
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{name}.json").write_text(json.dumps(scores))
        files.append(scores)
    return expertise_summary(files, ratings)


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[2].lstrip("-").isdigit():
                continue
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return qrels


def ndcg(ranked: list[str], relevance: dict[str, int], k: int = 10) -> float:
    gains = sum((2 ** relevance.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(relevance.values(), reverse=True)[:k]
    best = sum((2 ** grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return gains / best if best else 0.0


def recall(ranked: list[str], relevance: dict[str, int], k: int = 100) -> float:
    relevant = {doc for doc, grade in relevance.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevance: dict[str, int], k: int = 10) -> float:
    for position, doc in enumerate(ranked[:k], start=1):
        if relevance.get(doc, 0) > 0:
            return 1 / position
    return 0.0


SPLITS = ("dev", "test", "all")


def query_split(query_id: str) -> str:
    """"dev" or "test": the parity of the first 8 hex digits of the sha256 of the query id."""
    return "dev" if int(hashlib.sha256(query_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"


def evaluate_retrieval(data: Path, out: Path | None = None, settings: EngineSettings = DEFAULT_SETTINGS,
                       split: str = "all") -> dict:
    """nDCG@10, recall@100 and MRR@10 of the search box over a BEIR-style folder, on one half of its queries
    (`query_split`) or all of them."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    corpus = read_jsonl(data / "corpus.jsonl")
    queries = read_jsonl(data / "queries.jsonl")
    qrels = read_qrels(data / "qrels.tsv")
    engine = MatchingEngine(settings).build(
        [Item(f"offer:{n}", OFFER, {"title": doc.get("title") or "", "body": doc.get("text") or ""})
         for n, doc in enumerate(corpus)])
    measured = [q for q in queries if q["id"] in qrels and split in ("all", query_split(q["id"]))]
    totals = {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    lines: list[str] = []
    for query in measured:
        text = " ".join(filter(None, [query.get("title"), query.get("text")]))
        hits = engine.search(text, (OFFER,), k=100)
        ranked = [corpus[key_id(key)]["id"] for key, _ in hits]
        relevance = qrels[query["id"]]
        totals["ndcg@10"] += ndcg(ranked, relevance)
        totals["recall@100"] += recall(ranked, relevance)
        totals["mrr@10"] += reciprocal_rank(ranked, relevance)
        lines.extend(f"{query['id']}\t{corpus[key_id(key)]['id']}\t{score:.6f}" for key, score in hits)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n")
    count = max(len(measured), 1)
    return ({name: round(value / count, 4) for name, value in totals.items()}
            | {"queries": len(measured), "split": split})


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
