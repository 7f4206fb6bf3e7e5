"""`flask match-eval` runs end to end on tiny data sets written in the test (the real ones are not in the repo)."""
import json

from matchmaker.engine.evaluation import query_split

CORPUS = [("d1", "Energy poverty in social housing", "Cold flats, high heating bills, poor insulation."),
          ("d2", "Food waste in school canteens", "Leftover meals and food recovery for schools."),
          ("d3", "Digital skills of older people", "Smartphones, online banking and training for the elderly.")]
QUERIES = [("q1", "heating bills of social housing", "d1"), ("q2", "food waste at school", "d2"),
           ("q3", "elderly people and smartphones", "d3"), ("q4", "insulation of flats", "d1"),
           ("q5", "recovering school meals", "d2"), ("q6", "online banking training", "d3")]


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def _retrieval_set(folder):
    folder.mkdir()
    _write_jsonl(folder / "corpus.jsonl", [{"id": i, "title": t, "text": b} for i, t, b in CORPUS])
    _write_jsonl(folder / "queries.jsonl", [{"id": i, "text": t} for i, t, _ in QUERIES])
    (folder / "qrels.tsv").write_text("".join(f"{q}\t{d}\t1\n" for q, _, d in QUERIES), encoding="utf-8")
    return folder


def test_an_operator_measures_retrieval_on_the_dev_and_test_halves_which_share_no_query(runner, tmp_path):
    data = _retrieval_set(tmp_path / "set")
    halves = {}
    for split in ("dev", "test", "all"):
        result = runner.invoke(args=["match-eval", "retrieval", "--data", str(data), "--split", split])
        assert result.exit_code == 0, result.output
        halves[split] = json.loads(result.output)
    expected = {split: sum(1 for q, _, _ in QUERIES if query_split(q) == split) for split in ("dev", "test")}
    assert halves["dev"]["queries"] == expected["dev"] and halves["test"]["queries"] == expected["test"]
    assert halves["all"]["queries"] == len(QUERIES) and halves["all"]["ndcg@10"] > 0.5


def test_a_query_always_falls_in_the_same_half():
    assert [query_split(q) for q, _, _ in QUERIES] == [query_split(q) for q, _, _ in QUERIES]
    assert {query_split(str(n)) for n in range(40)} == {"dev", "test"}


def test_an_unknown_split_is_refused_with_a_clear_message(runner, tmp_path):
    result = runner.invoke(args=["match-eval", "retrieval", "--data", str(_retrieval_set(tmp_path / "set")),
                                 "--split", "train"])
    assert result.exit_code != 0 and "train" in result.output


def _expertise_set(folder, ratings):
    (folder / "profiles").mkdir(parents=True)
    _write_jsonl(folder / "items.jsonl", [{"id": i, "title": t, "text": b} for i, t, b in CORPUS])
    researchers = [{"id": "r1", "documents": [{"title": "Heating and insulation of social housing", "text": ""}]},
                   {"id": "r2", "documents": [{"title": "Food recovery in school canteens", "text": ""}]}]
    _write_jsonl(folder / "profiles" / "d_20_1.jsonl", researchers)
    (folder / "ratings-dev.tsv").write_text("academic_id\titem_id\texpertise\n" + ratings, encoding="utf-8")
    return folder


def test_an_operator_measures_the_stored_expertise_scores(runner, tmp_path):
    data = _expertise_set(tmp_path / "expertise", "r1\td1\t5\nr1\td2\t1\nr2\td2\t5\nr2\td3\t1\n")
    result = runner.invoke(args=["match-eval", "expertise", "--data", str(data), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["loss"], figures["file_losses"], figures["files"]) == (0.0, [0.0], 1)
    written = json.loads((tmp_path / "out" / "d_20_1.json").read_text())
    assert written["r1"]["d1"] > written["r1"]["d2"]


def test_the_expertise_figure_is_the_papers_pooled_loss_and_the_per_researcher_mean_is_labelled_apart(runner, tmp_path):
    # r1 (heating) rates the energy paper far above the food one (difference 4); r2 (food) is asked to rank the
    # energy paper just above the food one (difference 1) and cannot. Pooled 1 / 5; per researcher (0 + 1) / 2.
    data = _expertise_set(tmp_path / "expertise", "r1\td1\t5\nr1\td2\t1\nr2\td1\t2\nr2\td2\t1\n")
    result = runner.invoke(args=["match-eval", "expertise", "--data", str(data), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "out" / "d_20_1.json").read_text())
    assert written["r1"]["d1"] > written["r1"]["d2"] and written["r2"]["d2"] > written["r2"]["d1"]
    figures = json.loads(result.output)
    assert figures["loss"] == 0.2
    assert figures["per_researcher_mean"] == 0.5
    assert figures["per_researcher_note"] == "per-researcher mean, not comparable with the paper"


def test_ratings_without_any_pair_to_measure_are_refused_with_a_clear_message(runner, tmp_path):
    data = _expertise_set(tmp_path / "expertise", "r1\td1\t5\nr2\td2\t3\nr2\td3\t3\nstranger\td1\t5\n")
    result = runner.invoke(args=["match-eval", "expertise", "--data", str(data)])

    assert result.exit_code != 0 and "No profile file holds a pair" in result.output
