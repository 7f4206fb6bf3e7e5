"""The measures the engine is judged by: pairwise loss (expertise), nDCG, recall, reciprocal rank. No app needed."""
import math

import pytest

from matchmaker.engine.evaluation import mean, ndcg, pairwise_loss, recall, reciprocal_rank

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
