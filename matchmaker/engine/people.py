"""Academics' texts in the challenges' vocabulary, kept up to date, and the one score of an academic-challenge pair.

Every text an academic owns (profile, offers, publications) is kept as a unit vector of the demand index's
vocabulary and idf. The pair's text score is defined once (`pair_text_score`): the mean of the academic's
best `top_k` cosines with the challenge (texts that say something but do not match count as zero), minus
the challenge's generality for them. Both questions ("academics for a challenge", "challenges for an
academic") and the evaluation compute it from the same cosines, and a cosine is the same float64 number
whichever side asks: each product is exact (float32 operands), and each sum runs over the shared terms in
ascending order (`kernels.accumulate_dense` along the postings, `row_dots` along the rows).

Layout: a base of texts as a term → postings matrix (one sparse product over the challenge's terms scores
them all) and a small side of texts changed since, folded into the base when it grows; the sum of all text
vectors and the counts the discount needs are kept up to date by `put` and `drop`, never rebuilt per call.
"""
import math
from dataclasses import dataclass

import numpy as np

from matchmaker.engine import kernels

# The side is folded into the base when it holds more than this many texts, or this share of the base.
FOLD_AT = 512
FOLD_SHARE = 0.05
_NONE = np.zeros(0, dtype=bool)


def row_dots(indices: np.ndarray, data: np.ndarray, row_of: np.ndarray, dense: np.ndarray, rows: int) -> np.ndarray:
    """Dot products of sorted sparse rows (float32 data) with a dense float64 vector, one per row, each summed in
    ascending term order (bincount adds in array order): the same numbers as `kernels.accumulate_dense`."""
    products = data.astype(np.float64) * dense[indices]
    return np.bincount(row_of, weights=products, minlength=rows)


@dataclass
class PairParts:
    """What one pair's text score is made of: the academic's cosines, how many texts they have, the discount."""

    cosines: list[float]
    count: int
    discount: float


def pair_text_score(parts: PairParts, top_k: int) -> float:
    """The mean of the best `top_k` cosines (missing texts count as zero), minus the generality discount."""
    best = sorted(parts.cosines, reverse=True)[:top_k]
    return math.fsum(best) / min(top_k, max(parts.count, 1)) - parts.discount


class AcademicTexts:
    """Unit vectors of academics' texts (demand vocabulary), their running sum and counts, and the postings."""

    def __init__(self, vocabulary_size: int) -> None:
        self.size = vocabulary_size
        self.vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # key -> (sorted columns, float32 weights)
        self.owner: dict[str, int] = {}
        self.of_owner: dict[int, set[str]] = {}  # owner -> keys of their texts with a nonzero vector
        self.said: dict[int, set[str]] = {}  # owner -> keys of their texts that say something (zero or not)
        self.changed: set[int] = set()  # owners whose texts changed since the last fold
        self.slot_texts = np.zeros(0, dtype=np.int64)  # per slot, at the fold: texts with a nonzero vector
        self.slot_said = np.zeros(0, dtype=np.int64)  # per slot, at the fold: texts that say something
        self.slot_start = np.zeros(1, dtype=np.int64)  # slot -> its first row in the base (and the end)
        self.total = np.zeros(vocabulary_size, dtype=np.float64)
        # The base: texts as term -> postings, with their keys, owners' slots and which were dropped since.
        self.base_keys: list[str] = []
        self.base_position: dict[str, int] = {}
        self.base_slot = np.zeros(0, dtype=np.int64)
        self.slots: list[int] = []  # slot -> owner id
        self.slot_of: dict[int, int] = {}
        self.postings = (np.zeros(vocabulary_size + 1, dtype=np.int64), np.zeros(0, dtype=np.int64),
                         np.zeros(0, dtype=np.float32))
        self.dead = np.zeros(0, dtype=bool)
        self.side: set[str] = set()
        self._acc = np.zeros(0, dtype=np.float64)

    # --- keeping it up to date --------------------------------------------------------------------

    def put(self, key: str, owner: int, columns: np.ndarray, weights: np.ndarray) -> None:
        """Add or replace one text that says something: its vector (columns sorted ascending, maybe none)."""
        self.drop(key)
        self.said.setdefault(owner, set()).add(key)
        self.changed.add(owner)
        self.owner[key] = owner
        if len(columns) == 0:
            return
        self.vectors[key] = (columns.astype(np.int64), weights.astype(np.float32))
        self.of_owner.setdefault(owner, set()).add(key)
        self.total[columns] += weights.astype(np.float64)
        self.side.add(key)

    def drop(self, key: str) -> None:
        owner = self.owner.pop(key, None)
        if owner is None:
            return
        self.changed.add(owner)
        said = self.said[owner]
        said.discard(key)
        if not said:
            del self.said[owner]
        vector = self.vectors.pop(key, None)
        if vector is None:
            return
        keys = self.of_owner[owner]
        keys.discard(key)
        if not keys:
            del self.of_owner[owner]
        self.total[vector[0]] -= vector[1].astype(np.float64)
        self.side.discard(key)
        position = self.base_position.get(key)
        if position is not None:
            self.dead[position] = True

    def fold(self) -> None:
        """Make every live text part of the base (the numbers do not change: only where they are kept)."""
        keys = sorted(self.vectors, key=lambda key: (self.owner[key], key))
        self.slots = sorted(self.said)
        self.slot_of = {owner: slot for slot, owner in enumerate(self.slots)}
        self.base_keys = keys
        self.base_position = {key: i for i, key in enumerate(keys)}
        self.base_slot = np.array([self.slot_of[self.owner[key]] for key in keys], dtype=np.int64)
        columns = [self.vectors[key][0] for key in keys]
        lengths = np.array([len(c) for c in columns], dtype=np.int64)
        all_columns = np.concatenate(columns) if keys else np.zeros(0, dtype=np.int64)
        all_weights = (np.concatenate([self.vectors[key][1] for key in keys]) if keys
                       else np.zeros(0, dtype=np.float32))
        all_rows = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)
        order = np.argsort(all_columns, kind="stable")
        indptr = np.zeros(self.size + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.bincount(all_columns, minlength=self.size))
        self.postings = (indptr, all_rows[order], all_weights[order])
        self.dead = np.zeros(len(keys), dtype=bool)
        self.side = set()
        self.changed = set()
        self.slot_texts = np.array([len(self.of_owner.get(owner, ())) for owner in self.slots], dtype=np.int64)
        self.slot_said = np.array([len(self.said[owner]) for owner in self.slots], dtype=np.int64)
        # Texts are kept by owner, so each owner's rows are one range of the base.
        self.slot_start = np.searchsorted(self.base_slot, np.arange(len(self.slots) + 1)).astype(np.int64)
        self._acc = np.zeros(len(keys), dtype=np.float64)

    def said_count(self, owner: int) -> int:
        """How many of the owner's texts say something: the divisor of the mean (a text that fails counts)."""
        return len(self.said.get(owner, ()))

    def _fold_if_grown(self) -> None:
        if len(self.changed) > max(FOLD_AT, FOLD_SHARE * len(self.slots)):
            self.fold()

    # --- counts the discount needs ------------------------------------------------------------------

    @property
    def text_total(self) -> int:
        return len(self.vectors)

    @property
    def academic_total(self) -> int:
        return len(self.of_owner)

    def with_everybody(self, columns: np.ndarray, weights: np.ndarray) -> float:
        """A challenge's dot product with the sum of every academic's texts."""
        return float(row_dots(columns, weights, np.zeros(len(columns), dtype=np.int64), self.total, 1)[0])

    def discount(self, owner: int, own_cosines: list[float], with_everybody: float, share: float,
                 prior: float) -> float:
        """The generality discount of one pair: `share` × the challenge's mean cosine with the others' texts,
        scaled by n / (n + prior) for n other academics. The academic's own part is the sum of their cosines."""
        own = len(self.of_owner.get(owner, ()))
        others = self.academic_total - (1 if own else 0)
        other_texts = self.text_total - own
        if not share or not others or not other_texts:
            return 0.0
        scaled = share * others / (others + prior)
        return scaled * (with_everybody - math.fsum(own_cosines)) / other_texts

    # --- one challenge against every text -------------------------------------------------------------

    def _side_cosines(self, columns: np.ndarray, weights: np.ndarray) -> dict[str, float]:
        if not self.side:
            return {}
        dense = np.zeros(self.size, dtype=np.float64)
        dense[columns] = weights.astype(np.float64)
        keys = sorted(self.side)
        parts = [self.vectors[key] for key in keys]
        row_of = np.repeat(np.arange(len(keys)), [len(c) for c, _ in parts])
        dots = row_dots(np.concatenate([c for c, _ in parts]), np.concatenate([w for _, w in parts]), row_of,
                        dense, len(keys))
        return {key: float(value) for key, value in zip(keys, dots.tolist(), strict=True) if value}

    def ranked_owners(self, columns: np.ndarray, weights: np.ndarray, top_k: int, share: float, prior: float,
                      wanted: int) -> tuple[list[int], dict[str, float]]:
        """The `wanted` owners most likely best for one challenge, ranked in numpy for the shortlist only, and
        the cosines of the shortlisted owners' texts, from which the caller computes the exact pair scores.

        Owners changed since the last fold are always shortlisted (their fold-time counts are stale)."""
        self._fold_if_grown()
        indptr, rows, data = self.postings
        if len(self._acc) != len(self.base_keys):
            self._acc = np.zeros(len(self.base_keys), dtype=np.float64)
        acc = self._acc
        inside = columns < self.size
        kernels.accumulate_dense(indptr, rows, data, columns[inside].astype(np.int64),
                                 weights[inside].astype(np.float32), self.dead if self.dead.any() else _NONE, acc)
        slots = len(self.slots)
        sums, own, held = np.zeros(slots), np.zeros(slots), np.zeros(slots, dtype=np.int64)
        kernels.owner_sums(acc, self.slot_start, top_k, sums, own, held)
        everybody = self.with_everybody(columns, weights)
        others = self.academic_total - (self.slot_texts > 0)
        other_texts = self.text_total - self.slot_texts
        usable = (others > 0) & (other_texts > 0)
        scaled = np.where(usable, share * others / np.maximum(others + prior, 1), 0.0)
        discount = np.where(usable, scaled * (everybody - own) / np.maximum(other_texts, 1), 0.0)
        approximate = sums / np.minimum(top_k, np.maximum(self.slot_said, 1)) - discount
        reached = np.flatnonzero(held)
        changed = np.array([self.slot_of[o] for o in self.changed if o in self.slot_of], dtype=np.int64)
        if len(changed):
            reached = np.setdiff1d(reached, changed)
        if len(reached) > wanted:
            reached = reached[np.argpartition(-approximate[reached], wanted - 1)[:wanted]]
        shortlist = [self.slots[slot] for slot in reached[np.argsort(-approximate[reached])].tolist()]
        shortlist += sorted(self.changed - set(shortlist))
        cosines: dict[str, float] = {}
        for owner in shortlist:
            slot = self.slot_of.get(owner)
            if slot is None:
                continue
            start, end = self.slot_start[slot], self.slot_start[slot + 1]
            for key, value in zip(self.base_keys[start:end], acc[start:end].tolist(), strict=True):
                if value:
                    cosines[key] = value
        acc.fill(0)
        cosines.update(self._side_cosines(columns, weights))
        return shortlist, cosines
