"""The SDG Classification Benchmark's measure: per-SDG accuracy of "the row's SDG is suggested" against the
experts' label, averaged over the SDGs, with precision and recall over the rows beside it."""
import json
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def measure_sdg_suggestions(rows: Iterable[dict], suggested: dict[str, set[int]]) -> dict:
    """Accuracy per SDG (in percent) and its average, precision and recall; `rows` are {"id", "sdg", "label"}.

    A row is right when "its SDG is among the suggested" equals its label. The positive class of precision
    and recall is "the row's SDG is suggested".
    """
    right: dict[int, list[bool]] = {}
    suggested_positive = true_positive = labelled_positive = 0
    for row in rows:
        hit = int(row["sdg"]) in suggested.get(str(row["id"]), set())
        label = bool(row["label"])
        right.setdefault(int(row["sdg"]), []).append(hit == label)
        suggested_positive += hit
        labelled_positive += label
        true_positive += hit and label
    per_sdg = {str(sdg): 100 * sum(hits) / len(hits) for sdg, hits in sorted(right.items())}
    return {
        "accuracy_per_sdg": {sdg: round(accuracy, 2) for sdg, accuracy in per_sdg.items()},
        "average_accuracy": round(statistics.fmean(per_sdg.values()), 2) if per_sdg else 0.0,
        "precision": round(100 * true_positive / suggested_positive, 2) if suggested_positive else 0.0,
        "recall": round(100 * true_positive / labelled_positive, 2) if labelled_positive else 0.0,
        "rows": sum(len(hits) for hits in right.values()),
    }


def read_benchmark(path: Path) -> list[dict]:
    """The rows of a benchmark file, one JSON object a line with "id", "text", "sdg" and "label"."""
    rows = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append({"id": str(row["id"]), "text": str(row["text"]), "sdg": int(row["sdg"]),
                             "label": bool(row["label"])})
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}, line {number}: not a benchmark row ({error}).") from error
    return rows


def evaluate_sdg_suggester(rows: list[dict], suggest: Callable[[str], Iterable[int]]) -> tuple[dict, dict]:
    """Run `suggest` on every row's text: (the measure with the median ms per text, {id: [sdg numbers]})."""
    suggested: dict[str, list[int]] = {}
    times = []
    for row in rows:
        started = time.perf_counter()
        numbers = sorted(set(suggest(row["text"])))
        times.append((time.perf_counter() - started) * 1000)
        suggested[row["id"]] = numbers
    result = measure_sdg_suggestions(rows, {key: set(numbers) for key, numbers in suggested.items()})
    result["median_ms_per_text"] = round(statistics.median(times), 3) if times else 0.0
    return result, suggested
