"""The matching engine: ranked, explained suggestions in both directions, and interdisciplinary teams.

Pure Python + scikit-learn (no Flask). The web layer gives it `Item`s made from the database and stores
what it returns. Two text indexes: the demand (challenges) and the supply (offers, academic profiles and
publications, each text owned by an academic). A score is 0–100: text similarity blended with the
structured signals of `BlendWeights` (see settings.py), and every suggestion says why.
"""
import json
import math
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matchmaker.engine.analysis import MIXED, Analyzer, strip_accents
from matchmaker.engine.index import FIELDS, TextDoc, TextIndex, analyse
from matchmaker.engine.people import AcademicTexts, PairParts, pair_text_score
from matchmaker.engine.places import WIDE_AREAS, places_in, without_places
from matchmaker.engine.semantic import Embeddings, closeness, embedding_text, text_hash
from matchmaker.engine.settings import DEFAULT_SETTINGS, EngineSettings

CHALLENGE, OFFER, PROFILE, PUBLICATION = "challenge", "offer", "profile", "publication"
SUPPLY_KINDS = (OFFER, PROFILE, PUBLICATION)
# Cosine similarity between a need and an offer that truly fit is typically 0.15–0.35 (demo data and the
# expertise set); at or above this value the text match counts in full. Below it, the square root spreads
# the usual range over the scale (0.15 counts 0.55, 0.3 counts 0.77) and keeps the order strict.
FULL_TEXT_MATCH = 0.5
# Stored scores keep three decimals (pages show whole numbers): at one decimal, ties among an academic's
# challenges cost the expertise measure 0.232 → 0.2329 (two decimals: 0.2321).
SCORE_DECIMALS = 3
HOME_CITY = "torino"  # Politecnico di Torino: its academics work in Turin
# A saved index is data only (a pickle would run whatever code its file holds when read): the items as JSON,
# the two text indexes as JSON and numpy arrays (see TextIndex.save).
ITEMS_FILE = "items.json"
ITEMS_FORMAT = 1
MEANING_FILES = {"challenge": "meaning-demand.npz", "supply": "meaning-supply.npz"}
MEANING_WAITING_SHARE = 0.02
RANK_FUSION_K = 60  # reciprocal rank fusion's constant (Cormack et al. 2009)
MEANING_PER_TEXT = 10  # challenges for an academic: the nearest by meaning to each of their texts


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
    text_score: float = 0.0  # the text part before the blend (what the evaluation ranks by, with `score`)
    discount: float = 0.0  # what the challenge's generality took off it (academics only)


@dataclass(frozen=True)
class Places:
    """The place names a text mentions, and the terms it has only from them ("milan" of "Barriera di Milano")."""

    names: frozenset[str]
    only_terms: frozenset[str]


@dataclass
class TeamMember:
    academic_id: int
    department: str | None
    brings: list[str]  # the challenge's distinctive words this person covers that the others do not


@dataclass
class Team:
    members: list[TeamMember]
    coverage: float  # share of the weight of the challenge's distinctive terms the team covers
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
        # Academics' texts as unit vectors of the demand vocabulary, kept up to date by upsert/remove: the one
        # space in which an academic-challenge pair is scored (people.py).
        self.people = AcademicTexts(0)
        # Challenges as unit vectors of the supply vocabulary: the one space of a challenge-offer pair.
        self._supply_vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._unseen: set[str] = set()  # challenges upserted with words the demand vocabulary lacks
        self._facts: dict[int, Facts] = {}  # academic id -> their facts (_academic_facts)
        self._forms: dict[str, tuple[dict[str, float], float]] = {}  # key -> its words' forms, for search
        # Embeddings of the texts (semantic.py), challenges and supply apart; `_unembedded`: texts still without
        # one. Meaning joins the scores only once every text has its embedding (`meaning_ready`).
        self.meaning_demand = Embeddings()
        self.meaning_supply = Embeddings()
        self._unembedded: set[str] = set()
        self._languages: dict[str, str] = {}  # key -> the language of its text (language_of)
        self._distinctive: dict[str, bool] = {}  # term -> whether it may be shown as shared (_shows)
        self._places: dict[str, Places] = {}  # key -> the places its text names (texts that name some)

    # --- building and updating --------------------------------------------------------------------

    def build(self, items: list[Item]) -> "MatchingEngine":
        """Fit both indexes from scratch on `items` (embeddings of unchanged texts are kept)."""
        self.items = {}
        self.texts_of = {}
        self._unembedded = set()
        for item in items:
            self._remember(item)
        self.demand.fit(self._docs(CHALLENGE))
        self.supply.fit(self._docs(*SUPPLY_KINDS))
        self._fit_people()
        self._forms = {}
        return self

    def _fit_people(self) -> None:
        """Every academic's texts in the (new) demand vocabulary, and the challenges in the supply one."""
        self.people = AcademicTexts(len(self.demand.vocabulary))
        self._supply_vectors, self._unseen, self._facts = {}, set(), {}
        owned = sorted((item for item in self.items.values() if item.owner is not None and item.kind != CHALLENGE
                        and _says_something(item)), key=lambda item: item.key)
        if owned:
            vectors = self.demand.vectorise([self._doc(item) for item in owned])
            for n, item in enumerate(owned):
                self.people.put(item.key, item.owner, *_sorted_row(vectors, n))
        self.people.fold()

    def _docs(self, *kinds: str) -> list[TextDoc]:
        return [TextDoc(item.key, item.fields, item.language) for item in self.items.values() if item.kind in kinds]

    def _remember(self, item: Item) -> None:
        self.items[item.key] = item
        self._check_meaning(item)
        if item.owner is not None:
            self._facts.pop(item.owner, None)
            self.texts_of.setdefault(item.owner, set()).add(item.key)
        self._note_places(item)
        if len(self.surface) < 500_000:  # a word of a place name is no word to show ("Barriera di Milano")
            text = " ".join(item.fields.values())
            text = without_places(text) if item.key in self._places else text
            for term, word in self.analyzer.surface_forms(text, item.language).items():
                self.surface.setdefault(term, word)

    def _note_places(self, item: Item) -> None:
        """The place names of an item's text, and the terms it has only from them (explanations skip those)."""
        self._places.pop(item.key, None)
        text = " ".join(item.fields.get(name) or "" for name in FIELDS)
        names = places_in(text)
        if not names:
            return
        language = item.language or self.analyzer.detect(text)  # as the index reads the text (index.analyse)
        said = analyse(TextDoc(item.key, item.fields, language), self.analyzer, self.settings.text).counts
        plain_fields = {name: without_places(value or "") for name, value in item.fields.items()}
        plain = analyse(TextDoc(item.key, plain_fields, language), self.analyzer, self.settings.text).counts
        self._places[item.key] = Places(frozenset(names), frozenset(set(said) - set(plain)))

    def upsert(self, item: Item) -> None:
        """Add or replace one item: searchable at once, without refitting."""
        self.remove(item.key)
        self._remember(item)
        index = self.demand if item.kind == CHALLENGE else self.supply
        index.upsert(TextDoc(item.key, item.fields, item.language))
        if item.kind == CHALLENGE and self._unknown_share(item) > self.settings.refit_ratio:
            self._unseen.add(item.key)
        if item.owner is not None and item.kind != CHALLENGE and _says_something(item):
            self.people.put(item.key, item.owner, *_sorted_row(self.demand.vectorise([self._doc(item)]), 0))

    def remove(self, key: str) -> None:
        """Take an item out (its embedding stays, for the same text coming back: `_remember` checks it)."""
        item = self.items.pop(key, None)
        self._forms.pop(key, None)
        self._languages.pop(key, None)
        self._unembedded.discard(key)
        self._places.pop(key, None)
        if item is None:
            return
        if item.owner is not None:
            self._facts.pop(item.owner, None)
            self.texts_of.get(item.owner, set()).discard(key)
        (self.demand if item.kind == CHALLENGE else self.supply).remove(key)
        self.people.drop(key)
        self._supply_vectors.pop(key, None)

    def _unknown_share(self, challenge: Item) -> float:
        """The share of a challenge's word weight that the challenges' vocabulary does not know yet."""
        counts = analyse(self._doc(challenge), self.analyzer, self.settings.text).counts
        total = sum(counts.values())
        return sum(n for term, n in counts.items() if term not in self.demand.vocabulary) / total if total else 0.0

    @property
    def needs_refit(self) -> bool:
        """The side segments have drifted, or a challenge has words the fit does not know: it would be scored
        without them against the academics (whose texts are read in the challenges' vocabulary)."""
        unseen = any(key in self.items for key in self._unseen)
        return unseen or max(self.demand.drift, self.supply.drift) > self.settings.refit_ratio

    def refit(self) -> None:
        """Fold the side segments into new base segments with a fresh vocabulary."""
        self.demand.fit(self._docs(CHALLENGE))
        self.supply.fit(self._docs(*SUPPLY_KINDS))
        self._fit_people()

    # --- meaning (semantic.py) --------------------------------------------------------------------

    def _check_meaning(self, item: Item) -> None:
        """Drop an embedding made from a text that has changed since; note a text still without one."""
        store = self._meaning_store(item.kind)
        if store.hashes.get(item.key) not in (None, self.meaning_digest(item)):
            store.drop(item.key)
        if item.key not in store and _says_something(item):
            self._unembedded.add(item.key)

    @staticmethod
    def meaning_digest(item: Item) -> str:
        return text_hash(embedding_text(item.fields))

    def _meaning_store(self, kind: str) -> Embeddings:
        return self.meaning_demand if kind == CHALLENGE else self.meaning_supply

    def put_meaning(self, key: str, codes: np.ndarray, digest: str) -> bool:
        """Keep a text's embedding (int8 codes) when it was made from the item's current text; False otherwise."""
        item = self.items.get(key)
        if item is None or digest != self.meaning_digest(item):
            return False
        self._meaning_store(item.kind).put(key, codes, digest)
        self._unembedded.discard(key)
        return True

    def forget_meaning(self, key: str) -> None:
        self.meaning_demand.drop(key)
        self.meaning_supply.drop(key)
        item = self.items.get(key)
        if item is not None and _says_something(item):
            self._unembedded.add(key)

    def lacks_meaning(self, key: str) -> bool:
        return key in self._unembedded

    @property
    def unembedded(self) -> list[str]:
        """Keys of the texts still waiting for their embedding, in a stable order."""
        return sorted(self._unembedded)

    @property
    def meaning_ready(self) -> bool:
        """Meaning has a weight and (almost) every text its embedding: until the backlog is done, words alone.
        A few new texts waiting for their job (at most 2%) leave it on; their pairs use words until then."""
        waiting = len(self._unembedded)
        return (self.settings.semantic.active and len(self.items) > 0
                and waiting <= MEANING_WAITING_SHARE * len(self.items))

    @property
    def texts_that_say_something(self) -> int:
        return sum(1 for item in self.items.values() if _says_something(item))

    def _meaning_weight(self, path: str, across: bool = True) -> float:
        """How much meaning weighs on a path ("pair" or "search"), between texts of one language or not; 0
        until meaning is ready."""
        if not self.meaning_ready:
            return 0.0
        semantic = self.settings.semantic
        if path == "search":
            return semantic.search_weight_across if across else semantic.search_weight
        return semantic.pair_weight_across if across else semantic.pair_weight

    def language_of(self, key: str) -> str:
        """The language of an item's text (as written, or detected once and kept until it changes)."""
        language = self._languages.get(key)
        if language is None:
            item = self.items[key]
            language = item.language or self.analyzer.guess(" ".join(v or "" for v in item.fields.values()))
            self._languages[key] = language
        return language

    @staticmethod
    def _across(first: str, second: str) -> bool:
        """Two texts in different languages (each its most likely one, however short)."""
        return first != second

    def _meaning_of_pair(self, challenge_key: str, text_keys) -> tuple[float, str] | None:
        """How close in meaning a challenge is to a candidate's texts: the mean closeness of the best `top_k`
        (as the words' score), and the closest text; None when either side has no embedding."""
        codes = self.meaning_demand.codes(challenge_key)
        keys = sorted(key for key in text_keys if key in self.meaning_supply)
        if codes is None or not keys:
            return None
        semantic = self.settings.semantic
        cosines = self.meaning_supply.cosines(codes, keys)
        floor = self._floor(codes, self.meaning_supply)
        values = closeness(cosines, floor).tolist()
        ranked = sorted(zip(values, keys, strict=True), key=lambda pair: (-pair[0], pair[1]))
        if semantic.aggregate == "centroid" and len(keys) > 1:
            # The academic's texts as one direction: their mean vector (in key order), against the challenge.
            mean = np.mean([self.meaning_supply.codes(key).astype(np.float64) for key in keys], axis=0)
            challenge = codes.astype(np.float64)
            cosine = float(mean @ challenge / ((np.linalg.norm(mean) * np.linalg.norm(challenge)) or 1.0))
            return float(closeness(np.array([cosine]), floor)[0]), ranked[0][1]
        top_k = semantic.top_k or self.settings.people.top_k
        return math.fsum(value for value, _ in ranked[:top_k]) / min(top_k, len(keys)), ranked[0][1]

    def _floor(self, codes: np.ndarray, store: Embeddings) -> float:
        """Where closeness starts for a text: its own mean cosine with the other side's texts ("relative"), or
        the fixed floor of the settings, whichever is higher."""
        semantic = self.settings.semantic
        return max(semantic.floor, store.mean_cosine(codes)) if semantic.relative_floor else semantic.floor

    def _with_meaning(self, suggestion: Suggestion, challenge: Item, lexical: float, text_keys) -> float:
        """The pair's text score with meaning blended in (its weight set by the languages of the challenge and
        of the candidate's closest text); says "close in meaning" when meaning carried more of it than the words
        did, naming that text."""
        if not self.meaning_ready:
            return lexical
        meaning = self._meaning_of_pair(challenge.key, text_keys)
        if meaning is None:
            return lexical
        value, closest = meaning
        weight = self._meaning_weight("pair", self._across(self.language_of(challenge.key), self.language_of(closest)))
        if not weight:
            return lexical
        if weight * value > (1 - weight) * max(lexical, 0.0):
            suggestion.reasons.insert(0, ("close_meaning", _title_of(self.items.get(closest))))
        return (1 - weight) * lexical + weight * value

    def _nearest_by_meaning(self, codes: np.ndarray | None, store: Embeddings, keep, k: int | None = None
                            ) -> list[str]:
        if codes is None or not self.meaning_ready:
            return []
        return [key for key, _ in store.nearest(codes, k or self.settings.semantic.candidates, keep)]

    # --- questions the product asks ---------------------------------------------------------------

    def offers_for_challenge(self, challenge_key: str, k: int = 10, exclude: set[str] = frozenset()
                             ) -> list[Suggestion]:
        """Open offers for a challenge: found in the supply index, scored by `offer_pair` (as the other way)."""
        challenge = self.items[challenge_key]
        columns, weights = self._supply_vector(challenge_key)
        query = sp.csr_matrix((weights, columns, [0, len(columns)]), shape=(1, max(len(self.supply.vocabulary), 1)))
        offers = [key for key, _ in self.supply.search(query, k * 2, exclude=set(exclude), keep=self._is_open_offer)[0]]
        offers += [key for key in self._nearest_by_meaning(
            self.meaning_demand.codes(challenge_key), self.meaning_supply,
            lambda key: self._is_open_offer(key) and key not in exclude, k) if key not in offers]
        scores = self._base_offer_scores(columns, weights, offers)
        suggestions = [self._offer_pair(challenge, key, key, self.items[key].facts, scores.get(key)) for key in offers]
        return self._explain_offers(_best(suggestions, k), challenge_key)

    def _base_offer_scores(self, columns: np.ndarray, weights: np.ndarray, offer_keys: list[str]) -> dict[str, float]:
        """`_offer_pair`'s cosines of the base segment's offers among `offer_keys`, in one gather of their rows:
        each row summed in ascending term order, the same numbers as one offer at a time."""
        index = self.supply
        positions = index._base_positions()
        found = [key for key in offer_keys if key in positions and key not in index.removed
                 and key not in index._side_position]
        if not found or not len(columns):
            return {}
        rows = index.base.rows[[positions[key] for key in found]]
        norms = index.base.norms[[positions[key] for key in found]]
        row_of = np.repeat(np.arange(len(found)), np.diff(rows.indptr))
        unit = rows.data / norms[row_of]
        dense = np.zeros(rows.shape[1], dtype=np.float64)
        dense[columns] = weights.astype(np.float64)
        products = unit.astype(np.float64) * dense[rows.indices]
        return dict(zip(found, np.bincount(row_of, weights=products, minlength=len(found)).tolist(), strict=True))

    def _is_open_offer(self, key: str) -> bool:
        item = self.items.get(key)
        return item is not None and item.kind == OFFER

    def _is_open_challenge(self, key: str) -> bool:
        item = self.items.get(key)
        return item is not None and item.facts.available

    def challenges_for_offer(self, offer_key: str, k: int = 10, exclude: set[str] = frozenset()
                             ) -> list[Suggestion]:
        """Open challenges for an offer: found in the demand index, scored by `offer_pair` (as the other way)."""
        offer = self.items[offer_key]
        query = self.demand.vectorise([self._doc(offer)])
        found = self.demand.search(query, k * 2, exclude=set(exclude), keep=self._is_open_challenge)[0]
        hits = [key for key, _ in found]
        hits += [key for key in self._nearest_by_meaning(
            self.meaning_supply.codes(offer_key), self.meaning_demand,
            lambda key: self._is_open_challenge(key) and key not in exclude, k) if key not in hits]
        suggestions = [self._offer_pair(self.items[key], offer_key, key, offer.facts) for key in hits]
        return self._explain_offers(_best(suggestions, k))

    def _supply_vector(self, challenge_key: str) -> tuple[np.ndarray, np.ndarray]:
        """The challenge as a unit vector of the supply vocabulary, kept until it changes or the index is refitted."""
        vector = self._supply_vectors.get(challenge_key)
        if vector is None:
            vector = self._supply_vectors[challenge_key] = _sorted_row(
                self.supply.vectorise([self._doc(self.items[challenge_key])]), 0)
        return vector

    def offer_pair(self, challenge_key: str, offer_key: str) -> Suggestion:
        """The one suggestion of a challenge-offer pair, the same from both sides (key: the offer's)."""
        pair = self._offer_pair(self.items[challenge_key], offer_key, offer_key, self.items[offer_key].facts)
        return self._explain_offers([pair], challenge_key)[0]

    def _offer_pair(self, challenge: Item, offer_key: str, key: str, offer_facts: Facts,
                    score: float | None = None) -> Suggestion:
        """The text score of a challenge-offer pair is their cosine in the supply vocabulary: the challenge's
        vector from `_supply_vector`, the offer's row at unit length, summed in ascending term order (`score`:
        that number already taken by `_base_offer_scores`)."""
        columns, weights = self._supply_vector(challenge.key)
        offer = self.supply.unit_vector(offer_key) if score is None else None
        score = score or 0.0
        if offer is not None and len(columns):
            positions = np.minimum(np.searchsorted(columns, offer[0]), len(columns) - 1)
            shared = columns[positions] == offer[0]
            products = offer[1][shared].astype(np.float64) * weights[positions[shared]].astype(np.float64)
            score = float(np.bincount(np.zeros(len(products), dtype=np.int64), weights=products, minlength=1)[0])
        suggestion = self._suggest(challenge, key, score, offer_facts, None, self.supply)
        blended = self._with_meaning(suggestion, challenge, score, [offer_key])
        if blended != score:
            suggestion = self._rescored(suggestion, challenge, blended, offer_facts)
        suggestion.supporting, suggestion.text_score = [offer_key], blended
        return suggestion

    def _rescored(self, suggestion: Suggestion, challenge: Item, text_score: float, other: Facts) -> Suggestion:
        """The suggestion's score and parts again, for a text score with meaning in it (its reasons kept)."""
        again = self._suggest(challenge, suggestion.key, text_score, other, None, self.supply, suggestion.supporting)
        again.reasons = suggestion.reasons
        return again

    def _explain_offers(self, shown: list[Suggestion], challenge_key: str | None = None) -> list[Suggestion]:
        """The words behind each shown challenge-offer pair (only the shown ones are explained)."""
        for suggestion in shown:
            offer_key, pair_challenge = suggestion.supporting[0], challenge_key or suggestion.key
            columns, weights = self._supply_vector(pair_challenge)
            offer = self.supply.unit_vector(offer_key)
            suggestion.shared_terms = (self._shared_words([(offer_key, offer)], pair_challenge, columns, weights,
                                                          self.supply) if offer else [])
            self._say_shared_places(suggestion, pair_challenge, [offer_key])
            suggestion.supporting = []
        return shown

    def academics_for_challenge(self, challenge_key: str, k: int = 10, exclude: set[str] = frozenset()
                                ) -> list[Suggestion]:
        """Academics for a challenge, each scored by `academic_pair` (the same number as the other way round).

        One sparse product over the challenge's terms scores every academic's texts; numpy ranks the
        academics to a shortlist, whose pair scores are then computed exactly."""
        challenge = self.items[challenge_key]
        vector = self.demand.unit_vector(challenge_key)
        if vector is None:
            return []
        people = self.settings.people
        wanted = k * 2 + len(exclude)
        shortlist, cosines = self.people.ranked_owners(*vector, people.top_k, people.generality_discount,
                                                       people.generality_prior, wanted)
        everybody = self.people.with_everybody(*vector)
        suggestions = []
        for academic_id in shortlist:
            if f"academic:{academic_id}" in exclude:
                continue
            texts = {key: cosines[key] for key in self.people.said.get(academic_id, ()) if key in cosines}
            if not texts:
                continue
            suggestions.append(self._academic_pair(challenge, academic_id, texts, everybody, vector,
                                                   f"academic:{academic_id}"))
        # Academics close in meaning but not in words (another language): their pair scored as the other way.
        listed = set(shortlist)
        owners = []
        for key in self._nearest_by_meaning(self.meaning_demand.codes(challenge_key), self.meaning_supply,
                                            lambda key: self.items.get(key) is not None
                                            and self.items[key].owner is not None, wanted):
            owner = self.items[key].owner
            if owner not in listed and f"academic:{owner}" not in exclude:
                listed.add(owner)
                owners.append(owner)
        for owner in owners:
            found = self.challenge_pairs(owner, [challenge_key])
            suggestions += [replace(found[0], key=f"academic:{owner}")] if found else []
        return self._explain_academics(_best(suggestions, k), challenge_key)

    def challenges_for_academic(self, academic_id: int, k: int = 10, exclude: set[str] = frozenset()
                                ) -> list[Suggestion]:
        """Open challenges for an academic, each scored by `academic_pair`, over every challenge (no cut-off)."""
        scored = self.challenge_pairs(academic_id, exclude=exclude)
        return self._explain_academics(_best([s for s in scored if self.items[s.key].facts.available], k))

    def challenge_pairs(self, academic_id: int, challenge_keys: list[str] | None = None,
                        exclude: set[str] = frozenset()) -> list[Suggestion]:
        """The suggestions of the given challenges (default: every challenge one of the academic's texts
        reaches) for one academic, as the product stores them; also what the evaluation measures."""
        texts = sorted(self.people.of_owner.get(academic_id, ()))
        if not self.people.said.get(academic_id):
            return []
        keys: list[str] = []
        columns_of_texts = []
        for key in texts:
            columns, weights = self.people.vectors[key]
            keys, scores = self.demand.cosines_with(columns, weights)
            columns_of_texts.append(scores)
        if not texts:
            keys, _ = self.demand.cosines_with(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        matrix = np.vstack(columns_of_texts) if columns_of_texts else np.zeros((0, len(keys)))
        position = {key: i for i, key in enumerate(keys)}
        if challenge_keys is None:
            reached = np.flatnonzero(matrix.any(axis=0)) if len(texts) else np.zeros(0, dtype=np.int64)
            wanted = [keys[i] for i in reached.tolist()]
            seen = set(wanted)
            for text in sorted(self.people.said.get(academic_id, ())):
                for key in self._nearest_by_meaning(self.meaning_supply.codes(text), self.meaning_demand,
                                                    lambda key: key not in seen, MEANING_PER_TEXT):
                    seen.add(key)
                    wanted.append(key)
        else:
            wanted = list(challenge_keys)
        suggestions = []
        for key in wanted:
            if key in exclude or key not in self.items or key not in position:
                continue
            vector = self.demand.unit_vector(key)
            if vector is None:
                continue
            column = matrix[:, position[key]].tolist()
            cosines = {text: value for text, value in zip(texts, column, strict=True) if value}
            suggestions.append(self._academic_pair(self.items[key], academic_id, cosines,
                                                   self.people.with_everybody(*vector), vector, key))
        return suggestions

    def score_challenges_for_academic(self, academic_id: int, challenge_keys: list[str]) -> dict[str, float]:
        """The text part of the score of every given challenge for one academic."""
        return {s.key: s.text_score for s in self.challenge_pairs(academic_id, challenge_keys)}

    def generality_discounts(self, academic_id: int) -> dict[str, float]:
        """What each challenge's generality takes off its text score for this academic."""
        return {s.key: s.discount for s in self.challenge_pairs(academic_id, self._challenge_keys())
                if s.discount}

    def _challenge_keys(self) -> list[str]:
        return [key for key, item in self.items.items() if item.kind == CHALLENGE]

    def academic_pair(self, challenge_key: str, academic_id: int) -> Suggestion | None:
        """The one suggestion of an academic-challenge pair (key: the academic's), whichever side asks."""
        found = self.challenge_pairs(academic_id, [challenge_key])
        return replace(found[0], key=f"academic:{academic_id}") if found else None

    def _academic_pair(self, challenge: Item, academic_id: int, cosines: dict[str, float], everybody: float,
                       vector: tuple[np.ndarray, np.ndarray], key: str) -> Suggestion:
        """Blend the pair's text score (people.pair_text_score) with the facts; explain it by the best texts."""
        people = self.settings.people
        values = list(cosines.values())
        discount = self.people.discount(academic_id, values, everybody, people.generality_discount,
                                        people.generality_prior)
        text_score = pair_text_score(PairParts(values, self.people.said_count(academic_id), discount), people.top_k)
        facts = self._academic_facts(academic_id)
        suggestion = self._suggest(challenge, key, text_score, facts, None, self.demand)
        blended = self._with_meaning(suggestion, challenge, text_score, self.people.said.get(academic_id, ()))
        if blended != text_score:
            suggestion, text_score = self._rescored(suggestion, challenge, blended, facts), blended
        suggestion.supporting = sorted(cosines, key=lambda text: (-cosines[text], text))[:3]
        suggestion.text_score, suggestion.discount = text_score, discount
        return suggestion

    def _explain_academics(self, shown: list[Suggestion], challenge_key: str | None = None) -> list[Suggestion]:
        """The words behind each shown academic-challenge pair: from the academic's best texts (only the shown
        suggestions are explained; the explanation depends on the pair alone, so both sides give the same)."""
        fixed = self.demand.unit_vector(challenge_key) if challenge_key else None
        for suggestion in shown:
            pair_challenge = challenge_key or suggestion.key
            vector = fixed or self.demand.unit_vector(pair_challenge)
            texts = [(text, self.people.vectors[text]) for text in suggestion.supporting
                     if text in self.people.vectors]
            suggestion.shared_terms = (self._shared_words(texts, pair_challenge, *vector, self.demand)
                                       if vector else [])
            self._say_shared_places(suggestion, pair_challenge, suggestion.supporting)
        return shown

    def _shared_words(self, vectors: list[tuple[str, tuple[np.ndarray, np.ndarray]]], challenge_key: str,
                      columns: np.ndarray, weights: np.ndarray, index: TextIndex) -> list[str]:
        """The words behind a pair's score: the distinctive terms contributing most to the given texts' cosines
        (`vectors`: each text's key and unit vector; the challenge's vector is `columns`, `weights`)."""
        dense = np.zeros(max(len(index.vocabulary), 1), dtype=np.float32)
        dense[columns] = weights
        terms, wanted = index.terms_by_column(), self.settings.explanation_terms * 2
        contributions = []
        for text_key, (text_columns, text_weights) in vectors:
            values = text_weights * dense[text_columns]
            shared = np.flatnonzero(values)
            ranked = shared[np.lexsort((text_columns[shared], -values[shared]))]
            kept = [(terms[c], v) for c, v in zip(text_columns[ranked].tolist(), values[ranked].tolist(), strict=True)
                    if self._shows(terms[c], challenge_key, text_key)]
            contributions += kept[:wanted]
        return self._words(contributions)

    def _shows(self, term: str, *keys: str) -> bool:
        """Whether `term` may be said as a word the texts of `keys` share: a distinctive word (see
        Analyzer.is_distinctive) that each of them says outside a place name."""
        if any(term in self._places[key].only_terms for key in keys if key in self._places):
            return False
        distinctive = self._distinctive.get(term)
        if distinctive is None:  # the same answer for a term as long as the engine lives: its word is fixed
            distinctive = self._distinctive[term] = self.analyzer.is_distinctive(self.surface.get(term, term), term)
        return distinctive

    def _say_shared_places(self, suggestion: Suggestion, challenge_key: str, text_keys: list[str]) -> None:
        """A place both sides name, narrower than the city they both work in, is a reason of its own."""
        challenge = self._places.get(challenge_key)
        if challenge is None:
            return
        named = set().union(*(self._places[key].names for key in text_keys if key in self._places))
        city = self.items[challenge_key].facts.city.casefold()
        shared = [name for name in sorted(challenge.names & named)
                  if name not in WIDE_AREAS and name.casefold() != city]
        if shared:
            suggestion.reasons.append(("same_area", ", ".join(shared[:2])))

    def search(self, text: str, kinds: tuple[str, ...], k: int = 20, meaning: np.ndarray | None = None
               ) -> list[tuple[str, float]]:
        """Free-text search (the list pages' search box): keys of the given kinds, best first. With the query's
        embedding (`meaning`, int8 codes) and every text embedded, the words' and the meaning's scores fused."""
        use = meaning is not None and self.meaning_ready
        depth = max(k, self.settings.semantic.candidates) if use else k
        hits = self._search_words(text, kinds, depth)
        if not use:
            return hits[:k]
        store = self.meaning_demand if CHALLENGE in kinds else self.meaning_supply
        return self._fused(hits, meaning, store, lambda key: key in self.items and self.items[key].kind in kinds,
                           self.analyzer.guess(text), k)

    def _fused(self, hits: list[tuple[str, float]], codes: np.ndarray, store: Embeddings, keep, language: str,
               k: int) -> list[tuple[str, float]]:
        """Lexical hits and the nearest by meaning in one list: (1 - w) × the words' score over the best one's +
        w × closeness, w set by whether the text is in the query's `language` (or reciprocal ranks, when the
        settings say so)."""
        semantic = self.settings.semantic
        # Found by meaning alone, a text must be close enough: a search for something nobody wrote finds nothing.
        near = store.nearest(codes, max(k, semantic.candidates), keep)
        floor = self._floor(codes, store)
        bar = floor + semantic.search_min_closeness * (1 - floor)
        if near and semantic.search_within:
            bar = max(bar, near[0][1] - semantic.search_within)
        if near and semantic.search_share:
            # Texts of one field are all close to each other: found by meaning alone, a result must be at least
            # this share as close as the closest one (measured on the dev halves: README).
            best = near[0][1] - floor
            bar = max(bar, floor + semantic.search_share * best)
        near = [(key, cosine) for key, cosine in near if cosine >= bar and cosine > floor]
        keys = list(dict.fromkeys([key for key, _ in hits] + [key for key, _ in near]))
        if semantic.fusion == "rank":
            ranks: dict[str, float] = {}
            for ranked in (hits, near):
                for position, (key, _) in enumerate(ranked, start=1):
                    ranks[key] = ranks.get(key, 0.0) + 1.0 / (RANK_FUSION_K + position)
            fused = list(ranks.items())
        else:
            top = max((score for _, score in hits), default=0.0) or 1.0
            words = dict(hits)
            close = np.nan_to_num(closeness(store.cosines(codes, keys), self._floor(codes, store))).tolist()
            fused = []
            for key, value in zip(keys, close, strict=True):
                weight = self._meaning_weight("search", self._across(language, self.language_of(key)))
                fused.append((key, (1 - weight) * words.get(key, 0.0) / top + weight * value))
        fused.sort(key=lambda pair: (-pair[1], pair[0]))
        return fused[:k]

    def _search_words(self, text: str, kinds: tuple[str, ...], k: int) -> list[tuple[str, float]]:
        """The search by words alone: BM25 over stems, then the second look at the best results' word forms."""
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
            language = item.language or self.analyzer.guess(" ".join(v or "" for v in item.fields.values()))
            letters, weights = self.settings.search.word_form_letters, self.settings.text.field_weights
            forms: dict[str, float] = {}
            for name, value in item.fields.items():
                weight = weights.get(name, 1.0)
                for word in self.analyzer.content_words(value or "", language):
                    form = strip_accents(word)[:letters]
                    forms[form] = forms.get(form, 0.0) + weight
            cached = self._forms[key] = (forms, sum(forms.values()))
        return cached

    def similar_challenges(self, fields: dict[str, str], k: int = 5, exclude: set[str] = frozenset(),
                           meaning: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Challenges like a draft: by words, and by meaning too when the draft's embedding is given."""
        use = meaning is not None and self.meaning_ready
        depth = max(k, self.settings.semantic.candidates) if use else k
        query = self.demand.vectorise([TextDoc("draft", fields)])
        hits = self.demand.search(query, depth, exclude=set(exclude))[0] if query.nnz else []
        if not use:
            return hits[:k]
        language = self.analyzer.guess(" ".join(v or "" for v in fields.values()))
        return self._fused(hits, meaning, self.meaning_demand, lambda key: key not in exclude, language, k)

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
        terms = self.supply.terms_by_column()
        # What needs covering: the challenge's distinctive terms only (a team "covering" its "tempo" and
        # "disposizione" covers nothing), so the coverage, the gain over one person and what each brings agree.
        need = {column: weight for column, weight in zip(query.indices.tolist(), query.data.tolist(), strict=True)
                if self._shows(terms[column], challenge_key)}
        total = sum(need.values())
        if not total:
            return None
        covers: dict[int, dict[int, float]] = {}
        for suggestion in self.academics_for_challenge(challenge_key, k=candidates, exclude=exclude):
            academic_id = key_id(suggestion.key)
            coverage: dict[int, float] = {}
            for text_key in self.texts_of.get(academic_id, ()):
                vector = self.supply.document_vector(text_key)
                if vector is None:
                    continue
                place_only = self._places[text_key].only_terms if text_key in self._places else frozenset()
                for column, weight in zip(vector.indices.tolist(), vector.data.tolist(), strict=True):
                    if column in need and terms[column] not in place_only:
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

    def _academic_facts(self, academic_id: int) -> Facts:
        """An academic's facts: from the profile, with the kinds and goals of their open offers (kept until one
        of their items changes)."""
        facts = self._facts.get(academic_id)
        if facts is None:
            facts = self._facts[academic_id] = self._read_academic_facts(academic_id)
        return facts

    def _read_academic_facts(self, academic_id: int) -> Facts:
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
        return Suggestion(key=key, score=round(score, SCORE_DECIMALS), components=components, shared_terms=[],
                          shared_sdgs=shared, reasons=reasons, supporting=supporting or [key])

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

    # --- saving -----------------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write both indexes and every item into `folder` as data only (JSON and numpy arrays), never a pickle."""
        folder.mkdir(parents=True, exist_ok=True)
        self.demand.save(folder / "demand")
        self.supply.save(folder / "supply")
        saved = {"format": ITEMS_FORMAT, "items": [_item_as_json(item) for item in self.items.values()],
                 "surface": self.surface}
        (folder / ITEMS_FILE).write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        self.meaning_demand.save(folder / MEANING_FILES["challenge"])
        self.meaning_supply.save(folder / MEANING_FILES["supply"])

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
        engine.meaning_demand = Embeddings.load(folder / MEANING_FILES["challenge"])
        engine.meaning_supply = Embeddings.load(folder / MEANING_FILES["supply"])
        for item in items:
            engine.items[item.key] = item
            engine._check_meaning(item)
            engine._note_places(item)
            if item.owner is not None:
                engine.texts_of.setdefault(item.owner, set()).add(item.key)
        engine._fit_people()
        return engine


def _title_of(item: Item | None) -> str:
    """How a reason names a text: its title, or nothing (a profile has none; the page says "their profile")."""
    if item is None:
        return ""
    title = " ".join((item.fields.get("title") or "").split())
    return title if len(title) <= 90 else title[:89].rstrip() + "…"


def _says_something(item: Item) -> bool:
    """A text with a word in it: an empty profile is not a text that failed to match."""
    return any((value or "").strip() for value in item.fields.values())


def _sorted_row(vectors: sp.csr_matrix, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row n of a sparse matrix as (ascending columns, float32 weights)."""
    start, end = vectors.indptr[n], vectors.indptr[n + 1]
    columns, weights = vectors.indices[start:end], vectors.data[start:end]
    order = np.argsort(columns, kind="stable")
    return columns[order].astype(np.int64), weights[order].astype(np.float32)


def _best(suggestions: list[Suggestion], k: int) -> list[Suggestion]:
    """The k best, by score, then by the text score, then by key (the same order from any starting order)."""
    return sorted(suggestions, key=lambda s: (-s.score, -s.text_score, s.key))[:k]


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
