"""The benchmark's measure on a set small enough to count by hand."""
import json

import pytest

from matchmaker.engine.sdg_evaluation import evaluate_sdg_suggester, measure_sdg_suggestions, read_benchmark

ROWS = [
    {"id": "a", "sdg": 1, "label": True},   # 1 suggested: right, a true positive
    {"id": "b", "sdg": 1, "label": False},  # 1 suggested: wrong, a false positive
    {"id": "c", "sdg": 1, "label": False},  # nothing suggested: right
    {"id": "d", "sdg": 2, "label": True},   # 3 suggested, not 2: wrong, a false negative
    {"id": "e", "sdg": 2, "label": True},   # 2 among 2 and 5: right, a true positive
]
SUGGESTED = {"a": {1}, "b": {1, 4}, "c": set(), "d": {3}, "e": {2, 5}}


def test_accuracy_is_counted_per_sdg_and_averaged_with_precision_and_recall_over_rows():
    result = measure_sdg_suggestions(ROWS, SUGGESTED)
    # SDG 1: a and c right, b wrong = 2/3; SDG 2: e right, d wrong = 1/2; average (66.67 + 50) / 2.
    assert result["accuracy_per_sdg"] == {"1": 66.67, "2": 50.0}
    assert result["average_accuracy"] == pytest.approx(58.33, abs=0.01)
    # Suggested the row's SDG: a, b, e (2 right) -> precision 2/3; labelled true: a, d, e (2 found) -> recall 2/3.
    assert result["precision"] == pytest.approx(66.67, abs=0.01)
    assert result["recall"] == pytest.approx(66.67, abs=0.01)
    assert result["rows"] == 5


def test_a_row_with_no_suggestion_at_all_counts_as_not_suggested():
    assert measure_sdg_suggestions([{"id": "x", "sdg": 3, "label": True}], {})["average_accuracy"] == 0.0


def test_the_evaluation_runs_the_suggester_on_each_text_and_keeps_its_answers(tmp_path):
    path = tmp_path / "bench.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t, "sdg": 6, "label": lab})
                              for i, t, lab in [("w", "water", True), ("f", "fire", False)]), encoding="utf-8")
    result, suggested = evaluate_sdg_suggester(read_benchmark(path), lambda text: [6] if "water" in text else [])
    assert suggested == {"w": [6], "f": []}
    assert result["average_accuracy"] == 100.0 and result["median_ms_per_text"] >= 0


def test_a_malformed_benchmark_line_is_named(tmp_path):
    path = tmp_path / "bench.jsonl"
    path.write_text('{"id": "a", "text": "x", "sdg": 1, "label": true}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_benchmark(path)
