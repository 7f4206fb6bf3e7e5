"""`flask sdg-eval --data FILE [--out FILE]`: the product's suggester measured on a benchmark file, from the reference
the platform loaded when no folder is given, with a clear message when there is nothing to measure with."""
import json

from tests.unit.sdg_texts import TEXTS, hand_made_reference


def write_benchmark(path, rows):
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")


def benchmark_rows():
    """Each goal's English text, labelled true for its goal and false for the next goal."""
    rows = []
    for number, (english, _italian) in TEXTS.items():
        rows.append({"id": f"{number}-yes", "text": english, "sdg": number, "label": True})
        rows.append({"id": f"{number}-no", "text": english, "sdg": number % 17 + 1, "label": False})
    return rows


def test_a_coordinator_measures_the_suggester_on_a_benchmark_with_the_loaded_reference(load_sdgs, runner, tmp_path):
    load_sdgs(hand_made_reference())
    data, out = tmp_path / "benchmark.jsonl", tmp_path / "suggested.json"
    write_benchmark(data, benchmark_rows())

    result = runner.invoke(args=["sdg-eval", "--data", str(data), "--out", str(out)])

    assert result.exit_code == 0, result.output
    measure = json.loads(result.output)
    assert set(measure["accuracy_per_sdg"]) == {str(number) for number in range(1, 18)}
    assert measure["rows"] == 34
    assert measure["recall"] == 100.0
    assert measure["average_accuracy"] >= 90
    suggested = json.loads(out.read_text(encoding="utf-8"))
    assert set(suggested) == {row["id"] for row in benchmark_rows()}
    assert 6 in suggested["6-yes"]


def test_without_a_reference_the_measure_says_how_to_load_one(app, runner, tmp_path):
    data = tmp_path / "benchmark.jsonl"
    write_benchmark(data, benchmark_rows())

    result = runner.invoke(args=["sdg-eval", "--data", str(data)])

    assert result.exit_code != 0
    assert "load-sdgs" in result.output


def test_a_file_that_is_not_a_benchmark_is_refused_with_its_line(load_sdgs, runner, tmp_path):
    load_sdgs(hand_made_reference())
    data = tmp_path / "benchmark.jsonl"
    data.write_text('{"id": "1", "text": "water"}\n', encoding="utf-8")

    result = runner.invoke(args=["sdg-eval", "--data", str(data)])

    assert result.exit_code != 0
    assert "line 1" in result.output
