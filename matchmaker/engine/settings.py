"""Every tunable number of the engine in one place, with the values chosen by measurement (see README)."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextSettings:
    """How texts become vectors: BM25-style saturation and length normalisation, field weights."""

    k1: float = 1.3  # tf saturation: a word said ten times is not ten times the evidence
    b: float = 0.75  # length normalisation: long texts do not win by length alone
    # A word in the title or the keywords counts this many times a word of the body.
    field_weights: dict[str, float] = field(default_factory=lambda: {"title": 2.0, "keywords": 2.0, "body": 1.0})


@dataclass(frozen=True)
class BlendWeights:
    """How the final 0–100 score is made: the weights sum to 1, text similarity carries most of it."""

    text: float = 0.70
    sdgs: float = 0.12  # share of the challenge's goals the other side also works on
    kind: float = 0.08  # kind of help sought equals the kind offered
    place: float = 0.04  # both in the same city, or the challenge is wider than a city
    availability: float = 0.06  # the academic is available and has capacity; the offer is open now


@dataclass(frozen=True)
class PeopleSettings:
    """How an academic's many texts (profile, offers, publications) make one score against a challenge.

    Re-measured under the paper's pooled expertise loss (dev ratings, top_k 3–12 × discount 0–0.75): no
    other pair was clearly better than these, so they stay (README)."""

    top_k: int = 8  # the mean of the best k texts: one lucky paper is not expertise, a body of work is
    # A challenge that resembles every other academic's work says little about this one: its score for an
    # academic loses this share of its mean cosine with the other academics' texts (its "generality")...
    generality_discount: float = 0.5
    # ...times n / (n + generality_prior) for n other academics: the mean of a few is no "everybody".
    generality_prior: int = 10


@dataclass(frozen=True)
class SearchSettings:
    """The search boxes: BM25 over stems, then a second look at the best results' words as written.

    Among the `rerank_depth` best results, each query word that a text holds with the same first
    `word_form_letters` letters (a classic light stemmer for Italian) adds `word_form_weight` × its BM25
    weight again: a form close to the one asked for is stronger evidence than a shared stem, and forms that
    Snowball's Italian stemmer splits meet ("costruzione" → "costruzion", "costruito" → "costru"); a word
    whose stem no text has counts as the rarest term. Measured (README): squad-it 0.843 → 0.855,
    squad-it2en 0.457 → 0.523 (names and cognates: "federale", "federal"), scifact 0.692 → 0.702,
    nfcorpus 0.3355 → 0.3357.
    """

    word_form_weight: float = 0.7
    word_form_letters: int = 5
    rerank_depth: int = 30


@dataclass(frozen=True)
class SemanticSettings:
    """The bridge of meaning beside the words (semantic.py): how much of a text score it carries.

    A pair's text score is (1 - w) × its lexical score + w × the closeness of the two embeddings; a search
    result's is (1 - w) × its BM25 score over the best result's + w × closeness. Between texts of one language
    the words say most; across Italian and English only meaning can match: w depends on whether the two texts
    are in one language. Closeness starts above what a text reaches with texts at large (`floor`, or its mean
    cosine with the other side's texts). Chosen on the dev halves (README, "Matching by meaning").
    """

    pair_weight: float = 0.1  # challenge-academic and challenge-offer pairs in one language
    pair_weight_across: float = 0.9  # ...in different languages
    search_weight: float = 0.5  # the search boxes, a result in the query's language
    search_weight_across: float = 0.9  # ...in the other language (a short query: its most likely one)
    floor: float = 0.75  # the cosine that unrelated texts reach (measured: README); closeness 0 below it
    relative_floor: bool = True  # ...or the text's own mean cosine with the other side's texts, if higher
    candidates: int = 50  # how many nearest by meaning join the lexical candidates of a list
    top_k: int | None = None  # an academic's closeness: the mean of their best k texts' (None: people.top_k)
    aggregate: str = "best"  # "best": that mean; "centroid": the closeness of the mean of their texts' vectors
    search_min_closeness: float = 0.0  # a search result found by meaning alone is at least this close
    search_within: float = 0.05  # ...and its cosine within this of the closest text's (0: no such bar)
    search_share: float = 0.5  # ...and at least this share as close as the closest (above the floor)
    fusion: str = "weighted"  # the search boxes: "weighted" (as above) or "rank" (reciprocal rank fusion)

    @property
    def active(self) -> bool:
        return max(self.pair_weight, self.pair_weight_across, self.search_weight, self.search_weight_across) > 0


@dataclass(frozen=True)
class EngineSettings:
    text: TextSettings = field(default_factory=TextSettings)
    blend: BlendWeights = field(default_factory=BlendWeights)
    people: PeopleSettings = field(default_factory=PeopleSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    semantic: SemanticSettings = field(default_factory=SemanticSettings)
    # Refit the vocabulary when the side segment of new or edited texts passes this share of the base.
    refit_ratio: float = 0.10
    explanation_terms: int = 5
    # How much better than the best single member a team must cover the challenge to be suggested.
    team_min_gain: float = 0.05
    team_max_size: int = 4


DEFAULT_SETTINGS = EngineSettings()
