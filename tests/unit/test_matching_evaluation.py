"""The measures the engine is judged by: pairwise loss (expertise), nDCG, recall, reciprocal rank. No app needed."""
import math

import pytest

from matchmaker.engine.evaluation import (
    PER_RESEARCHER_NOTE,
    expertise_summary,
    mean,
    ndcg,
    pairwise_loss,
    per_researcher_loss,
    pooled_loss,
    recall,
    reciprocal_rank,
)

RATED = {"a": 5, "b": 3, "c": 1}

# --- pairwise loss -------------------------------------------------------------------------------------------


def test_a_perfect_order_costs_nothing():
    assert pairwise_loss({"a": 0.9, "b": 0.5, "c": 0.1}, RATED) == 0


def test_the_reversed_order_costs_everything():
    assert pairwise_loss({"a": 0.1, "b": 0.5, "c": 0.9}, RATED) == 1


def test_ties_cost_half():
    assert pairwise_loss({"a": 0.5, "b": 0.5, "c": 0.5}, RATED) == pytest.approx(0.5)


def test_mistakes_are_weighted_by_the_rating_difference():
    # Pairs: (a, b) difference 2, (a, c) 4, (b, c) 2: total weight 8.
    assert pairwise_loss({"a": 0.5, "b": 0.9, "c": 0.1}, RATED) == pytest.approx(2 / 8)  # a < b only
    assert pairwise_loss({"a": 0.1, "b": 0.9, "c": 0.5}, RATED) == pytest.approx(6 / 8)  # a < b and a < c
    assert pairwise_loss({"a": 0.9, "b": 0.5, "c": 0.5}, RATED) == pytest.approx(1 / 8)  # b = c, half of 2


def test_a_big_mistake_costs_more_than_a_small_one():
    small = pairwise_loss({"a": 0.9, "b": 0.1, "c": 0.5}, RATED)  # b and c swapped: difference 2
    big = pairwise_loss({"a": 0.1, "b": 0.5, "c": 0.9}, {"a": 5, "b": 4, "c": 1})  # reversed

    assert small == pytest.approx(2 / 8)
    assert big == 1
    assert small < big


def test_pairs_rated_alike_do_not_count():
    assert pairwise_loss({"a": 0.1, "b": 0.9, "c": 0.0}, {"a": 3, "b": 3, "c": 1}) == 0


def test_items_without_a_score_are_left_out():
    assert pairwise_loss({"a": 0.9, "c": 0.1}, RATED) == 0
    assert pairwise_loss({"a": 0.1, "c": 0.9}, RATED) == 1


def test_no_pair_gives_none():
    assert pairwise_loss({"a": 0.9}, RATED) is None
    assert pairwise_loss({"a": 0.9, "b": 0.1}, {"a": 2, "b": 2}) is None
    assert pairwise_loss({}, {}) is None


def test_the_loss_is_between_0_and_1():
    scores = {"a": 0.3, "b": 0.3, "c": 0.7, "d": 0.1}
    loss = pairwise_loss(scores, {"a": 1, "b": 4, "c": 2, "d": 5})

    assert 0 <= loss <= 1


# --- pooled over researchers (the paper's measure) -----------------------------------------------------------

# Ann rates three papers (differences 2 + 4 + 2 = 8) and is ordered perfectly; Bo rates two (difference 1) and is
# ordered backwards. Pooled: cost 0 + 1 over 8 + 1 = 1/9. Per researcher: (0 + 1) / 2 = 1/2.
TWO_RATERS = {"ann": {"a": 5, "b": 3, "c": 1}, "bo": {"a": 2, "b": 1}}
TWO_SCORED = {"ann": {"a": 0.9, "b": 0.5, "c": 0.1}, "bo": {"a": 0.1, "b": 0.9}}


def test_the_paper_pools_every_researchers_pairs_into_one_ratio():
    assert pooled_loss(TWO_SCORED, TWO_RATERS) == pytest.approx(1 / 9)


def test_a_mean_of_researchers_weighs_three_pairs_like_forty_and_gives_another_figure():
    assert per_researcher_loss(TWO_SCORED, TWO_RATERS) == pytest.approx(1 / 2)


def test_the_pooled_loss_counts_ties_as_half_across_researchers():
    tied = {"ann": {"a": 0.5, "b": 0.5, "c": 0.5}, "bo": {"a": 0.9, "b": 0.1}}

    assert pooled_loss(tied, TWO_RATERS) == pytest.approx(4 / 9)  # half of Ann's 8, nothing of Bo's 1
    assert per_researcher_loss(tied, TWO_RATERS) == pytest.approx(1 / 4)


def test_researchers_without_scores_or_without_pairs_are_left_out_of_both_figures():
    ratings = TWO_RATERS | {"cy": {"a": 5, "b": 1}, "di": {"a": 3, "b": 3}}
    scores = TWO_SCORED | {"di": {"a": 0.1, "b": 0.9}}  # cy has no scores; di rated alike

    assert pooled_loss(scores, ratings) == pytest.approx(1 / 9)
    assert per_researcher_loss(scores, ratings) == pytest.approx(1 / 2)


def test_no_rated_pair_gives_no_pooled_loss():
    assert pooled_loss({"ann": {"a": 0.9}}, TWO_RATERS) is None
    assert pooled_loss({}, TWO_RATERS) is None
    assert per_researcher_loss({}, TWO_RATERS) is None


def test_the_figure_is_the_mean_of_the_files_pooled_losses_and_the_per_researcher_mean_comes_apart():
    reversed_ann = {"ann": {"a": 0.1, "b": 0.5, "c": 0.9}, "bo": {"a": 0.9, "b": 0.1}}  # 8 / 9 and 1 / 2
    summary = expertise_summary([TWO_SCORED, reversed_ann], TWO_RATERS)

    assert summary["loss"] == pytest.approx(round((1 / 9 + 8 / 9) / 2, 4))
    assert summary["file_losses"] == [round(1 / 9, 4), round(8 / 9, 4)]
    assert summary["per_researcher_mean"] == pytest.approx(0.5)
    assert summary["per_researcher_note"] == PER_RESEARCHER_NOTE == "per-researcher mean, not comparable with the paper"
    assert summary["files"] == 2


def test_files_without_a_rated_pair_do_not_count_and_none_at_all_is_refused():
    assert expertise_summary([TWO_SCORED, {}], TWO_RATERS)["files"] == 1
    with pytest.raises(ValueError, match="No profile file"):
        expertise_summary([{}, {"ann": {"a": 0.9}}], TWO_RATERS)


# --- nDCG -------------------------------------------------------------------------------------------------------

def test_ndcg_of_the_ideal_ranking_is_one():
    assert ndcg(["a", "b", "c"], {"a": 2, "b": 1}) == pytest.approx(1)


def test_ndcg_of_a_tiny_example():
    # One relevant document (grade 1) at rank 2: gain 1 / log2(3), ideal 1 / log2(2) = 1.
    assert ndcg(["x", "a"], {"a": 1}) == pytest.approx(1 / math.log2(3))
    # Grades 2 and 1 in the wrong order: (1 + 3 / log2(3)) / (3 + 1 / log2(3)).
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert ndcg(["b", "a"], {"a": 2, "b": 1}) == pytest.approx(expected)


def test_ndcg_without_relevant_documents_is_zero():
    assert ndcg(["a", "b"], {"c": 1}) == 0
    assert ndcg(["a"], {}) == 0
    assert ndcg([], {"a": 1}) == 0


def test_ndcg_looks_only_at_the_first_k():
    ranked = [f"x{n}" for n in range(10)] + ["a"]

    assert ndcg(ranked, {"a": 1}, k=10) == 0
    assert ndcg(ranked, {"a": 1}, k=11) > 0


# --- recall and reciprocal rank ----------------------------------------------------------------------------

def test_recall_is_the_share_of_relevant_documents_found():
    relevance = {"a": 1, "b": 2, "c": 0, "d": 1}

    assert recall(["a", "x", "b"], relevance) == pytest.approx(2 / 3)  # "c" is graded 0: not relevant
    assert recall(["a", "b", "d"], relevance) == 1
    assert recall(["x"], relevance) == 0
    assert recall(["a", "b", "d"], relevance, k=1) == pytest.approx(1 / 3)
    assert recall(["a"], {}) == 0


def test_reciprocal_rank_is_one_over_the_first_relevant_position():
    relevance = {"b": 1, "c": 2, "z": 0}

    assert reciprocal_rank(["b", "c"], relevance) == 1
    assert reciprocal_rank(["z", "x", "c"], relevance) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y"], relevance) == 0
    assert reciprocal_rank(["x", "y", "b"], relevance, k=2) == 0


def test_mean_of_nothing_is_zero():
    assert mean([]) == 0
    assert mean(iter([1.0, 2.0])) == pytest.approx(1.5)
