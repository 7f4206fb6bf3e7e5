"""The matching engine: ranked, explained suggestions in both directions, and interdisciplinary teams.

Pure Python + scikit-learn (no Flask). The web layer gives it `Item`s made from the database and stores
what it returns. Two text indexes: the demand (challenges) and the supply (offers, academic profiles and
publications, each text owned by an academic). A score is 0–100: text similarity blended with the
structured signals of `BlendWeights` (see settings.py), and every suggestion says why.
"""
import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matchmaker.engine.analysis import MIXED, Analyzer, strip_accents
from matchmaker.engine.index import TextDoc, TextIndex
from matchmaker.engine.settings import DEFAULT_SETTINGS, EngineSettings

CHALLENGE, OFFER, PROFILE, PUBLICATION = "challenge", "offer", "profile", "publication"
SUPPLY_KINDS = (OFFER, PROFILE, PUBLICATION)
# Cosine similarity between a need and an offer that truly fit is typically 0.15–0.35 (demo data and the
# expertise set); at or above this value the text match counts in full. Below it, the square root spreads
# the usual range over the scale (0.15 counts 0.55, 0.3 counts 0.77) and keeps the order strict.
FULL_TEXT_MATCH = 0.5
HOME_CITY = "torino"  # Politecnico di Torino: its academics work in Turin
# A saved index is data only (a pickle would run whatever code its file holds when read): the items as JSON,
# the two text indexes as JSON and numpy arrays (see TextIndex.save).
ITEMS_FILE = "items.json"
ITEMS_FORMAT = 1


@dataclass
class Facts:
    """The structured side of an item, used by the blend and the reasons."""

    sdgs: frozenset[int] = frozenset()
    kind: str | None = None  # kind of help sought (challenge) or given (offer)
    city: str = ""
    scale: str | None = None
    available: bool = True  # academic available now / offer open now / challenge open
    capacity: int = 1
    deadline: date | None = None
    department: str | None = None


@dataclass
class Item:
    """Something to match: a challenge, an offer, an academic's profile or one of their publications."""

    key: str  # "challenge:12", "offer:3", "profile:7", "publication:40"
    kind: str
    fields: dict[str, str]
    facts: Facts = field(default_factory=Facts)
    owner: int | None = None  # the academic's user id, for offers, profiles and publications
    language: str | None = None


@dataclass
class Suggestion:
    """One ranked suggestion with its score, the score's parts and the reasons to show beside it."""

    key: str  # "offer:3", "academic:7", "challenge:12"
    score: float  # 0–100
    components: dict[str, float]  # each signal in [0, 1] before weighting
    shared_terms: list[str]
    shared_sdgs: list[int]
    reasons: list[tuple[str, str]]  # (code, value) pairs the web layer turns into sentences
    supporting: list[str] = field(default_factory=list)  # for academics: their texts that matched best


@dataclass
class TeamMember:
    academic_id: int
    department: str | None
    brings: list[str]  # the challenge terms this person covers that the others do not


@dataclass
class Team:
    members: list[TeamMember]
    coverage: float  # share of the challenge's term weight the team covers
    best_single_coverage: float


def key_id(key: str) -> int:
    return int(key.split(":", 1)[1])


class MatchingEngine:
    """Holds both indexes and the facts of every item; answers the product's questions."""

    def __init__(self, settings: EngineSettings = DEFAULT_SETTINGS, analyzer: Analyzer | None = None) -> None:
        self.settings = settings
        self.analyzer = analyzer or Analyzer()
        self.demand = TextIndex(self.analyzer, settings.text)
        self.supply = TextIndex(self.analyzer, settings.text)
        self.items: dict[str, Item] = {}
        self.texts_of: dict[int, set[str]] = {}  # academic id -> keys of their supply texts
        self.surface: dict[str, str] = {}  # term -> a word that produced it, for explanations
        # Academics' texts as unit vectors of the demand vocabulary, made when first needed and kept up to
        # date by upsert/remove, and their sum: how general a challenge is (see generality_discounts).
        self._academic_vectors: dict[str, sp.csr_matrix] | None = None
        self._texts_total: tuple[np.ndarray, int, int] | None = None  # sum, texts, academics
        self._forms: dict[str, tuple[dict[str, float], float]] = {}  # key -> its words' forms, for search

    # --- building and updating --------------------------------------------------------------------

    def build(self, items: list[Item]) -> "MatchingEngine":
        """Fit both indexes from scratch on `items`."""
        self.items = {}
        self.texts_of = {}
        for item in items:
            self._remember(item)
        self.demand.fit(self._docs(CHALLENGE))
        self.supply.fit(self._docs(*SUPPLY_KINDS))
        self._academic_vectors = self._texts_total = None
        self._forms = {}
        return self

    def _docs(self, *kinds: str) -> list[TextDoc]:
        return [TextDoc(item.key, item.fields, item.language) for item in self.items.values() if item.kind in kinds]

    def _remember(self, item: Item) -> None:
        self.items[item.key] = item
        if item.owner is not None:
            self.texts_of.setdefault(item.owner, set()).add(item.key)
        if len(self.surface) < 500_000:
            text = " ".join(item.fields.values())
            for term, word in self.analyzer.surface_forms(text, item.language).items():
                self.surface.setdefault(term, word)

    def upsert(self, item: Item) -> None:
        """Add or replace one item: searchable at once, without refitting."""
        self.remove(item.key)
        self._remember(item)
        index = self.demand if item.kind == CHALLENGE else self.supply
        index.upsert(TextDoc(item.key, item.fields, item.language))
        if item.owner is not None and self._academic_vectors is not None:
            self._texts_total = None
            vector = self.demand.vectorise([self._doc(item)])
            if vector.nnz:
                self._academic_vectors[item.key] = vector

    def remove(self, key: str) -> None:
        item = self.items.pop(key, None)
        self._forms.pop(key, None)
        if item is None:
            return
        if item.owner is not None:
            self.texts_of.get(item.owner, set()).discard(key)
        (self.demand if item.kind == CHALLENGE else self.supply).remove(key)
        if self._academic_vectors is not None and self._academic_vectors.pop(key, None) is not None:
            self._texts_total = None

    @property
    def needs_refit(self) -> bool:
        return max(self.demand.drift, self.supply.drift) > self.settings.refit_ratio

    def refit(self) -> None:
        """Fold the side segments into new base segments with a fresh vocabulary."""
        self.demand.fit(self._docs(CHALLENGE))
        self.supply.fit(self._docs(*SUPPLY_KINDS))
        self._academic_vectors = self._texts_total = None

    # --- questions the product asks ---------------------------------------------------------------

    def offers_for_challenge(self, challenge_key: str, k: int = 10, exclude: set[str] = frozenset()
                             ) -> list[Suggestion]:
        challenge = self.items[challenge_key]
        query = self.supply.vectorise([self._doc(challenge)])
        offers = self.supply.search(query, k * 2, exclude=set(exclude), keep=self._is_open_offer)[0]
        return self._rank(challenge, query, self.supply, offers, k)

    def _is_open_offer(self, key: str) -> bool:
        item = self.items.get(key)
        return item is not None and item.kind == OFFER

    def _is_open_challenge(self, key: str) -> bool:
        item = self.items.get(key)
        return item is not None and item.facts.available

    def academics_for_challenge(self, challenge_key: str, k: int = 10, exclude: set[str] = frozenset()
                                ) -> list[Suggestion]:
        """Academics ranked by the mean of their best texts (PeopleSettings.top_k) against the challenge."""
        challenge = self.items[challenge_key]
        query = self.supply.vectorise([self._doc(challenge)])
        hits = self.supply.search(query, max(200, k * 20))[0]
        per_academic: dict[int, list[tuple[str, float]]] = {}
        for key, score in hits:
            owner = self.items[key].owner if key in self.items else None
            if owner is not None and f"academic:{owner}" not in exclude:
                per_academic.setdefault(owner, []).append((key, score))
        ranked = []
        discounts = self._discounts_for_challenge(challenge, list(per_academic))
        for academic_id, texts in per_academic.items():
            # Texts that did not match count as zero: one lucky text among many is not expertise.
            count = self._text_count(academic_id) or len(texts)
            score = self._aggregate([s for _, s in texts], count) - discounts[academic_id]
            ranked.append((f"academic:{academic_id}", score, [key for key, _ in texts[:3]]))
        ranked.sort(key=lambda row: -row[1])
        suggestions = []
        for key, text_score, supporting in ranked[: k * 2]:
            facts = self._academic_facts(key_id(key))
            suggestions.append(self._suggest(challenge, key, text_score, facts, query, self.supply, supporting))
        return self._explained(suggestions, query, self.supply, k)

    def challenges_for_offer(self, offer_key: str, k: int = 10, exclude: set[str] = frozenset()
                             ) -> list[Suggestion]:
        offer = self.items[offer_key]
        query = self.demand.vectorise([self._doc(offer)])
        hits = self.demand.search(query, k * 2, exclude=set(exclude), keep=self._is_open_challenge)[0]
        return self._rank_challenges(offer.facts, query, hits, k)

    def challenges_for_academic(self, academic_id: int, k: int = 10, exclude: set[str] = frozenset(),
                                limit_candidates: int = 200) -> list[Suggestion]:
        """Challenges ranked by the mean of the academic's best texts against each one."""
        keys = sorted(key for key in self.texts_of.get(academic_id, ())
                      if any((value or "").strip() for value in self.items[key].fields.values()))
        if not keys:
            return []
        queries = self.demand.vectorise([self._doc(self.items[key]) for key in keys])
        per_challenge: dict[str, list[float]] = {}
        for hits in self.demand.search(queries, limit_candidates, exclude=set(exclude), keep=self._is_open_challenge):
            for key, score in hits:
                per_challenge.setdefault(key, []).append(score)
        discounts = self.generality_discounts(academic_id)
        scored = [(key, self._aggregate(scores, len(keys)) - discounts.get(key, 0.0))
                  for key, scores in per_challenge.items() if key not in exclude]
        scored.sort(key=lambda pair: -pair[1])
        combined = sp.csr_matrix(queries.sum(axis=0))
        return self._rank_challenges(self._academic_facts(academic_id), combined, scored[: k * 4], k)

    def score_challenges_for_academic(self, academic_id: int, challenge_keys: list[str]) -> dict[str, float]:
        """The text part of the score of every given challenge for one academic (for evaluation)."""
        keys = sorted(self.texts_of.get(academic_id, ()))
        queries = self.demand.vectorise([self._doc(self.items[key]) for key in keys])
        matrix, index_keys = self.demand.scores(queries)
        position = {key: i for i, key in enumerate(index_keys)}
        columns = [position[key] for key in challenge_keys]
        block = matrix[:, columns]
        discounts = self.generality_discounts(academic_id)
        return {key: self._aggregate_column(block[:, i]) - discounts.get(key, 0.0)
                for i, key in enumerate(challenge_keys)}

    def search(self, text: str, kinds: tuple[str, ...], k: int = 20) -> list[tuple[str, float]]:
        """Free-text search (the list pages' search box): keys of the given kinds, best first."""
        index = self.demand if CHALLENGE in kinds else self.supply
        language = self.analyzer.detect(text)
        query = index.vectorise_words([text], language)
        if query.nnz == 0:
            return []
        settings = self.settings.search
        # Measured on texts of a clear language; short mixed queries (nfcorpus titles) lose by it: 0.3357 → 0.3343.
        second_look = settings.word_form_weight > 0 and language != MIXED
        hits = index.search(query, max(k, settings.rerank_depth) if second_look else k, cosine=False,
                            keep=lambda key: key in self.items and self.items[key].kind in kinds)[0]
        if second_look:
            hits = self._by_word_forms(text, language, index, hits)[:k]
        return hits

    def _by_word_forms(self, text: str, language: str, index: TextIndex, hits: list[tuple[str, float]]
                       ) -> list[tuple[str, float]]:
        """The hits re-scored with a BM25 weight for each query word a text shares by its first letters."""
        settings = self.settings.search
        letters = settings.word_form_letters
        # A word weighs as its stem's idf; a word whose stem no text has is as rare as the rarest term. A word
        # said twice counts twice, as in BM25's query side.
        rarest = float(index.idf.max()) if len(index.idf) else 0.0
        wanted: list[tuple[str, float]] = []
        for word, terms in self.analyzer.search_words(text, index.vocabulary.__contains__, language):
            idfs = [float(index.idf[index.vocabulary[term]]) for term in terms if term in index.vocabulary]
            wanted.append((strip_accents(word)[:letters], max(idfs) if idfs else rarest))
        rescored = []
        for key, score in hits:
            forms, length = self._word_forms(key)
            bonus = sum(idf * index.saturated(count, length) for form, idf in wanted if (count := forms.get(form, 0.0)))
            rescored.append((key, score + settings.word_form_weight * bonus))
        rescored.sort(key=lambda pair: -pair[1])
        return rescored

    def _word_forms(self, key: str) -> tuple[dict[str, float], float]:
        """A text's content words by their first letters, counted with the field weights; kept until it changes."""
        cached = self._forms.get(key)
        if cached is None:
            item = self.items[key]
            language = item.language or self.analyzer.detect(" ".join(v or "" for v in item.fields.values()))
            letters, weights = self.settings.search.word_form_letters, self.settings.text.field_weights
            forms: dict[str, float] = {}
            for name, value in item.fields.items():
                weight = weights.get(name, 1.0)
                for word in self.analyzer.content_words(value or "", language):
                    form = strip_accents(word)[:letters]
                    forms[form] = forms.get(form, 0.0) + weight
            cached = self._forms[key] = (forms, sum(forms.values()))
        return cached

    def similar_challenges(self, fields: dict[str, str], k: int = 5, exclude: set[str] = frozenset()
                           ) -> list[tuple[str, float]]:
        query = self.demand.vectorise([TextDoc("draft", fields)])
        if query.nnz == 0:
            return []
        return self.demand.search(query, k, exclude=set(exclude))[0]

    def team_for_challenge(self, challenge_key: str, candidates: int = 15, exclude: set[str] = frozenset()
                           ) -> Team | None:
        """2–4 academics of different departments covering the challenge's terms better than any one alone;
        never one of `exclude` ("academic:<id>" keys).

        Greedy marginal coverage: the challenge's weighted terms are what needs covering; each academic
        covers a term up to their best text's weight on it; at each step take the academic (from a
        department not yet in the team) that adds the most coverage.
        """
        challenge = self.items[challenge_key]
        query = self.supply.vectorise([self._doc(challenge)])
        if query.nnz == 0:
            return None
        need = dict(zip(query.indices.tolist(), query.data.tolist(), strict=True))
        total = sum(need.values())
        covers: dict[int, dict[int, float]] = {}
        for suggestion in self.academics_for_challenge(challenge_key, k=candidates, exclude=exclude):
            academic_id = key_id(suggestion.key)
            coverage: dict[int, float] = {}
            for text_key in self.texts_of.get(academic_id, ()):
                vector = self.supply.document_vector(text_key)
                if vector is None:
                    continue
                for column, weight in zip(vector.indices.tolist(), vector.data.tolist(), strict=True):
                    if column in need:
                        coverage[column] = max(coverage.get(column, 0.0), min(1.0, weight / 0.2))
            covers[academic_id] = coverage

        def covered(members: list[int]) -> float:
            best: dict[int, float] = {}
            for member in members:
                for column, share in covers[member].items():
                    best[column] = max(best.get(column, 0.0), share)
            return sum(need[c] * s for c, s in best.items()) / total

        if not covers:
            return None
        single = max(covers, key=lambda a: covered([a]))
        team, departments = [single], {self._academic_facts(single).department}
        while len(team) < self.settings.team_max_size:
            options = [a for a in covers if a not in team and self._academic_facts(a).department not in departments]
            if not options:
                break
            best = max(options, key=lambda a: covered(team + [a]))
            if covered(team + [best]) - covered(team) < 0.02:
                break
            team.append(best)
            departments.add(self._academic_facts(best).department)
        single_coverage, team_coverage = covered([single]), covered(team)
        if len(team) < 2 or team_coverage - single_coverage < self.settings.team_min_gain:
            return None
        terms = self.supply.terms_by_column()
        members = []
        for position, academic_id in enumerate(team):
            others = team[:position] + team[position + 1:]
            other_best: dict[int, float] = {}
            for other in others:
                for column, share in covers[other].items():
                    other_best[column] = max(other_best.get(column, 0.0), share)
            own = sorted(((need[c] * (s - other_best.get(c, 0.0)), c) for c, s in covers[academic_id].items()
                          if s > other_best.get(c, 0.0)), reverse=True)
            members.append(TeamMember(academic_id, self._academic_facts(academic_id).department,
                                      [self.surface.get(terms[c], terms[c]) for _, c in own[:4]]))
        return Team(members, team_coverage, single_coverage)

    # --- scoring ----------------------------------------------------------------------------------

    def _doc(self, item: Item) -> TextDoc:
        return TextDoc(item.key, item.fields, item.language)

    def _text_count(self, academic_id: int) -> int:
        """How many of the academic's texts say something (an empty profile is not a text that failed)."""
        return sum(1 for key in self.texts_of.get(academic_id, ())
                   if any((value or "").strip() for value in self.items[key].fields.values()))

    def _aggregate(self, scores: list[float], count: int | None = None) -> float:
        """The mean of the best `top_k` scores (missing texts count as zero)."""
        top_k = self.settings.people.top_k
        best = sorted(scores, reverse=True)[:top_k]
        return sum(best) / min(top_k, max(count or len(scores), 1))

    def _aggregate_column(self, column: np.ndarray) -> float:
        top_k = self.settings.people.top_k
        best = np.sort(column)[::-1][:top_k]
        return float(best.sum() / min(top_k, max(len(column), 1)))

    # --- a challenge's generality ------------------------------------------------------------------
    # A challenge that resembles the work of every other academic says little about this one: its score for
    # an academic loses a share (PeopleSettings.generality_discount) of its mean cosine with the texts of the
    # *other* academics, a share that grows with how many they are, n / (n + generality_prior): the mean of a
    # few academics says little about everybody's work, and with nobody else there is nothing to discount.

    def _text_vectors(self) -> dict[str, sp.csr_matrix]:
        if self._academic_vectors is None:
            owned = [item for item in self.items.values() if item.owner is not None and item.kind != CHALLENGE]
            vectors = self.demand.vectorise([self._doc(item) for item in owned]) if owned else None
            self._academic_vectors = {item.key: vectors[n] for n, item in enumerate(owned) if vectors[n].nnz}
        return self._academic_vectors

    def _totals(self) -> tuple[np.ndarray, int, int]:
        """The sum of all academics' text vectors, how many texts and how many academics they are."""
        if self._texts_total is None:
            vectors = self._text_vectors()
            total = np.zeros(len(self.demand.vocabulary), dtype=np.float64)
            for vector in vectors.values():
                total[vector.indices] += vector.data
            owners = {self.items[key].owner for key in vectors}
            self._texts_total = (total, len(vectors), len(owners))
        return self._texts_total

    def _others_share(self, academic_id: int) -> tuple[float, sp.csr_matrix | None, int]:
        """(the discount share, the academic's own text sum, how many texts the others have)."""
        vectors = self._text_vectors()
        own = [vectors[key] for key in self.texts_of.get(academic_id, ()) if key in vectors]
        _total, texts, academics = self._totals()
        others = academics - (1 if own else 0)
        people = self.settings.people
        share = people.generality_discount * others / (others + people.generality_prior) if others else 0.0
        own_sum = sp.csr_matrix(sp.vstack(own).sum(axis=0)) if own else None
        return share, own_sum, texts - len(own)

    def generality_discounts(self, academic_id: int) -> dict[str, float]:
        """What each challenge's generality takes off its text score for this academic."""
        share, own_sum, other_texts = self._others_share(academic_id)
        if not share or not other_texts or not len(self.demand):
            return {}
        mean = self._totals()[0].copy()
        if own_sum is not None:
            mean[own_sum.indices] -= own_sum.data
        mean *= share / other_texts
        columns = np.flatnonzero(mean)
        query = sp.csr_matrix((mean[columns].astype(np.float32), columns, [0, len(columns)]),
                              shape=(1, len(mean)))
        matrix, keys = self.demand.scores(query)
        return dict(zip(keys, matrix[0].tolist(), strict=True))

    def _discounts_for_challenge(self, challenge: Item, academic_ids: list[int]) -> dict[int, float]:
        """`generality_discounts` of one challenge for each of the given academics."""
        if not self.settings.people.generality_discount or not academic_ids:
            return dict.fromkeys(academic_ids, 0.0)
        vector = self.demand.vectorise([self._doc(challenge)])
        total = self._totals()[0]
        with_everybody = float(vector.data @ total[vector.indices]) if vector.nnz else 0.0
        discounts = {}
        for academic_id in academic_ids:
            share, own_sum, other_texts = self._others_share(academic_id)
            if not share or not other_texts:
                discounts[academic_id] = 0.0
                continue
            with_own = float(own_sum.multiply(vector).sum()) if own_sum is not None else 0.0
            discounts[academic_id] = share * (with_everybody - with_own) / other_texts
        return discounts

    def _academic_facts(self, academic_id: int) -> Facts:
        """An academic's facts: from the profile, with the kinds and goals of their open offers."""
        profile = self.items.get(f"profile:{academic_id}")
        facts = replace(profile.facts) if profile else Facts(city=HOME_CITY)
        kinds, sdgs = set(), set(facts.sdgs)
        for key in self.texts_of.get(academic_id, ()):
            item = self.items[key]
            if item.kind == OFFER and item.facts.available:
                kinds.add(item.facts.kind)
                sdgs |= item.facts.sdgs
        facts.sdgs = frozenset(sdgs)
        facts.kind = ",".join(sorted(k for k in kinds if k)) or None
        return facts

    def _rank(self, challenge: Item, query, index: TextIndex, hits: list[tuple[str, float]], k: int
              ) -> list[Suggestion]:
        suggestions = [self._suggest(challenge, key, score, self.items[key].facts, query, index)
                       for key, score in hits]
        return self._explained(suggestions, query, index, k)

    def _rank_challenges(self, own: Facts, query, hits: list[tuple[str, float]], k: int) -> list[Suggestion]:
        suggestions = []
        for key, text_score in hits:
            challenge = self.items.get(key)
            if challenge is None or not challenge.facts.available:
                continue
            suggestions.append(self._suggest(challenge, key, text_score, own, query, self.demand, reverse=True))
        return self._explained(suggestions, query, self.demand, k)

    def _suggest(self, challenge: Item, key: str, text_score: float, other: Facts, query, index: TextIndex,
                 supporting: list[str] | None = None, reverse: bool = False) -> Suggestion:
        """Blend the text score with the structured signals, and say why."""
        need = challenge.facts
        weights = self.settings.blend
        reasons: list[tuple[str, str]] = []
        text = min(1.0, (max(text_score, 0.0) / FULL_TEXT_MATCH) ** 0.5)
        shared = sorted(need.sdgs & other.sdgs)
        sdgs = len(shared) / len(need.sdgs) if need.sdgs else 0.5
        if shared:
            reasons.append(("shared_sdgs", ",".join(map(str, shared))))
        offered = set((other.kind or "").split(",")) - {""}
        if need.kind and need.kind in offered:
            kind = 1.0
            reasons.append(("same_kind", need.kind))
        else:
            kind = 0.5 if not offered or need.kind in (None, "other") else 0.0
        place = self._place_signal(need, other, reasons)
        availability = 1.0 if other.available and other.capacity > 0 else 0.0
        reasons.append(("available", "") if availability else ("unavailable", ""))
        if need.deadline:
            reasons.append(("deadline", need.deadline.isoformat()))
        components = {"text": round(text, 4), "sdgs": round(sdgs, 4), "kind": kind, "place": place,
                      "availability": availability}
        score = 100 * (weights.text * text + weights.sdgs * sdgs + weights.kind * kind + weights.place * place
                       + weights.availability * availability)
        return Suggestion(key=key, score=round(score, 1), components=components, shared_terms=[],
                          shared_sdgs=shared, reasons=reasons, supporting=supporting or [key])

    def _explained(self, suggestions: list[Suggestion], query, index: TextIndex, k: int) -> list[Suggestion]:
        """The k best suggestions, each with the shared terms behind it: only the shown ones are explained."""
        suggestions.sort(key=lambda s: -s.score)
        shown = suggestions[:k]
        single = [s for s in shown if s.supporting == [s.key]]
        if single:  # offers and challenges: one document each, explained in one batch
            n = self.settings.explanation_terms
            for suggestion, terms in zip(single, index.explain_many(query, [s.key for s in single], n * 2),
                                         strict=True):
                suggestion.shared_terms = self._words(terms)
                suggestion.supporting = []
        for suggestion in shown:
            if suggestion.supporting:  # academics: the texts that matched best
                suggestion.shared_terms = self._shared_terms(query, index, suggestion.supporting)
        return shown

    def _words(self, contributions: list[tuple[str, float]]) -> list[str]:
        """Terms as the words people wrote, the two stems of one word merged, strongest first."""
        words: dict[str, float] = {}
        for term, weight in contributions:
            word = self.surface.get(term, term)
            words[word] = words.get(word, 0.0) + weight
        best = sorted(words.items(), key=lambda pair: -pair[1])[: self.settings.explanation_terms]
        return [word for word, _ in best]

    def _place_signal(self, need: Facts, other: Facts, reasons: list[tuple[str, str]]) -> float:
        if need.scale in ("region", "national", "international"):
            return 1.0
        if need.city and other.city and need.city.casefold() == other.city.casefold():
            reasons.append(("same_city", need.city))
            return 1.0
        if not need.city or not other.city:
            return 0.5
        return 0.3

    def _shared_terms(self, query, index: TextIndex, keys: list[str]) -> list[str]:
        contributions = [pair for key in keys
                         for pair in index.explain(query, key, self.settings.explanation_terms * 2)]
        return self._words(contributions)

    # --- saving -----------------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write both indexes and every item into `folder` as data only (JSON and numpy arrays), never a pickle."""
        folder.mkdir(parents=True, exist_ok=True)
        self.demand.save(folder / "demand")
        self.supply.save(folder / "supply")
        saved = {"format": ITEMS_FORMAT, "items": [_item_as_json(item) for item in self.items.values()],
                 "surface": self.surface}
        (folder / ITEMS_FILE).write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, settings: EngineSettings = DEFAULT_SETTINGS,
             analyzer: Analyzer | None = None) -> "MatchingEngine":
        """The engine saved in `folder`. Raises OSError when a file is missing (such as an index saved as a
        pickle by an earlier version, which is never read) and ValueError when a file is not what save wrote."""
        engine = cls(settings, analyzer)
        engine.demand = TextIndex.load(folder / "demand", engine.analyzer, settings.text)
        engine.supply = TextIndex.load(folder / "supply", engine.analyzer, settings.text)
        saved = json.loads((folder / ITEMS_FILE).read_text(encoding="utf-8"))
        try:
            if saved["format"] != ITEMS_FORMAT:
                raise ValueError(f"items saved in format {saved['format']!r}, expected {ITEMS_FORMAT}")
            items = [_item_from_json(data) for data in saved["items"]]
            engine.surface = {str(term): str(word) for term, word in saved["surface"].items()}
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{ITEMS_FILE} is not a saved index: {error!r}") from None
        for item in items:
            engine.items[item.key] = item
            if item.owner is not None:
                engine.texts_of.setdefault(item.owner, set()).add(item.key)
        return engine


def _item_as_json(item: Item) -> dict:
    facts = item.facts
    return {"key": item.key, "kind": item.kind, "fields": item.fields, "owner": item.owner, "language": item.language,
            "facts": {"sdgs": sorted(facts.sdgs), "kind": facts.kind, "city": facts.city, "scale": facts.scale,
                      "available": facts.available, "capacity": facts.capacity,
                      "deadline": facts.deadline.isoformat() if facts.deadline else None,
                      "department": facts.department}}


def _item_from_json(data: dict) -> Item:
    facts = data["facts"]
    return Item(key=data["key"], kind=data["kind"], fields=dict(data["fields"]), owner=data["owner"],
                language=data["language"],
                facts=Facts(sdgs=frozenset(facts["sdgs"]), kind=facts["kind"], city=facts["city"], scale=facts["scale"],
                            available=facts["available"], capacity=facts["capacity"],
                            deadline=date.fromisoformat(facts["deadline"]) if facts["deadline"] else None,
                            department=facts["department"]))
