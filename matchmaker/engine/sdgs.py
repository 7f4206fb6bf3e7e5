"""The SDG suggester: which of the 17 goals, and which targets under them, a text addresses, and why.

Each goal and each target is a weighted bag of stems made of its own words: the UN statement in English and
Italian, the indicators, the Aurora query phrases (CC BY 4.0, doi:10.5281/zenodo.3817445) and the platform's
confirmed examples. A text is compared with every goal and every target by TF-IDF cosine (the same analysis
of Italian and English as the matcher); a goal's score blends its own similarity with its best target's.
The best goal is suggested when it clears a floor, and the others whose score comes close to it.
"""
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from matchmaker.engine.analysis import Analyzer
from matchmaker.engine.sdg_reference import SdgReference


@dataclass(frozen=True)
class SuggesterSettings:
    """The numbers of the suggester. Chosen on the benchmark's dev half, by a grid over a few values each (its
    texts are never examples): target_weight, floor, margin, most and name_weight. The others stay at their
    plain values (1.0, or 0.5 for an example: one person's tag is weaker than the UN's wording)."""
    # Weight of a goal's best target against the goal's whole text in its score.
    target_weight: float = 0.5
    # The best goal is suggested only above this score (a text about none of them gets nothing)...
    floor: float = 0.08
    # ...and any other goal whose score is at least this share of the best one's.
    margin: float = 0.6
    # At most this many goals.
    most: int = 3
    # How much the goal's name and statement count against a sentence of its targets (on dev, 1 beat 2 and 3).
    name_weight: float = 1.0
    # How much the Aurora phrases count against a sentence of the statements.
    phrase_weight: float = 1.0
    # How much one confirmed example counts against a sentence of the statements.
    example_weight: float = 0.5
    # Whether a stem's rarity is counted over the 169 targets or over the 17 goals (on dev, the goals: 83 to 82).
    idf_over_targets: bool = False


DEFAULT_SUGGESTER_SETTINGS = SuggesterSettings()
REASON_WORDS = 4
TARGETS_SHOWN = 3


@dataclass
class SdgSuggestion:
    number: int
    confidence: float
    targets: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Scores:
    language: str
    terms: list[str]
    goals: np.ndarray
    goal_parts: np.ndarray
    targets: np.ndarray


class _Bags:
    """Stem counts per document, to be turned into TF-IDF rows once every document is in."""

    def __init__(self, size: int) -> None:
        self.counts: list[Counter] = [Counter() for _ in range(size)]

    def add(self, row: int, terms: Iterable[str], weight: float = 1.0) -> None:
        bag = self.counts[row]
        for term in terms:
            bag[term] += weight


class _Space:
    """The goals and targets as unit TF-IDF rows over one vocabulary: the texts of both languages, or of one."""

    def __init__(self, goals: _Bags, targets: _Bags, target_codes: list[str], target_goal: list[int],
                 idf_over_targets: bool) -> None:
        self.target_codes = target_codes
        self.target_goal = np.array(target_goal, dtype=np.int64)
        self.vocabulary: dict[str, int] = {}
        for bag in goals.counts + targets.counts:
            for term in bag:
                self.vocabulary.setdefault(term, len(self.vocabulary))
        self.idf = self._idf(targets.counts if idf_over_targets else goals.counts)
        self.goal_matrix = self._rows(goals.counts)
        self.target_matrix = self._rows(targets.counts)

    def _idf(self, bags: list[Counter]) -> np.ndarray:
        """Smoothed inverse document frequency over the goals: a stem of every goal says nothing of any."""
        frequency = np.zeros(len(self.vocabulary))
        for bag in bags:
            for term in bag:
                frequency[self.vocabulary[term]] += 1
        return np.log((1 + len(bags)) / (1 + frequency)) + 1.0

    def _rows(self, bags: list[Counter]) -> np.ndarray:
        """Unit-length rows of sublinear TF-IDF weights, one per document, over the whole vocabulary."""
        matrix = np.zeros((len(bags), len(self.vocabulary)))
        for row, bag in enumerate(bags):
            for term, count in bag.items():
                matrix[row, self.vocabulary[term]] = (1 + math.log(count)) if count >= 1 else count
        matrix *= self.idf
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms > 0, norms, 1.0)


class _SpaceBuilder:
    """Collects the bags of one space while the reference and the examples are read."""

    def __init__(self, goal_count: int, target_codes: list[str], target_goal: list[int]) -> None:
        self.goals, self.targets = _Bags(goal_count), _Bags(len(target_codes))
        self.target_codes, self.target_goal = list(target_codes), list(target_goal)
        self.learned: dict[int, Counter] = {}

    def add(self, goal_row: int, target_row: int | None, terms: list[str], weight: float = 1.0) -> None:
        self.goals.add(goal_row, terms, weight)
        if target_row is not None:
            self.targets.add(target_row, terms, weight)

    def learn(self, goal_row: int, terms: list[str], weight: float) -> None:
        self.goals.add(goal_row, terms, weight)
        self.learned.setdefault(goal_row, Counter()).update(terms)

    def build(self, idf_over_targets: bool) -> _Space:
        # The confirmed examples of a goal count in its text and, together, as one more target of it (with no
        # code), so that a text close to them scores as if it met one of its targets.
        for row, bag in sorted(self.learned.items()):
            self.target_codes.append("")
            self.target_goal.append(row)
            self.targets.counts.append(bag)
        return _Space(self.goals, self.targets, self.target_codes, self.target_goal, idf_over_targets)


class SdgSuggester:
    """Built once from an SdgReference (and confirmed examples); `suggest` then answers in a millisecond or so.

    Two spaces: both languages' texts together, for English texts and texts of no clear language, and the Italian
    texts alone, for Italian texts. Italian words share stems with English ones ("costo" and "costs" are both
    "cost"), and the English side is ten times larger (the indicators and the Aurora phrases are English only), so
    an Italian text scored against both is pulled towards English words it never used. On the demo's 98 tagged
    Italian texts the Italian space put a tagged goal first for 49% of them instead of 38%; English texts lose in a
    space of their own (83.4 to 82.2 on the benchmark's dev half), so they keep both.
    """

    def __init__(self, reference: SdgReference, examples: Iterable[tuple[str, set[int]]] = (),
                 settings: SuggesterSettings = DEFAULT_SUGGESTER_SETTINGS, analyzer: Analyzer | None = None) -> None:
        self.settings = settings
        self.analyzer = analyzer or Analyzer()
        self.goal_numbers = [goal.number for goal in reference.goals]
        goal_row = {number: row for row, number in enumerate(self.goal_numbers)}
        codes = [target.code for target in reference.targets if target.goal in goal_row]
        self.target_statements = {target.code: (target.text_en, target.text_it) for target in reference.targets}
        target_row = {code: row for row, code in enumerate(codes)}
        target_goal = [goal_row[int(code.split(".")[0])] for code in codes]
        both = _SpaceBuilder(len(self.goal_numbers), codes, target_goal)
        italian = _SpaceBuilder(len(self.goal_numbers), codes, target_goal)
        en, it = (lambda text: self.analyzer.terms(text, "en")), (lambda text: self.analyzer.terms(text, "it"))
        for goal in reference.goals:
            row = goal_row[goal.number]
            both.add(row, None, en(goal.name_en) + it(goal.name_it), settings.name_weight)
            both.add(row, None, en(goal.statement_en) + it(goal.statement_it), settings.name_weight)
            italian.add(row, None, it(goal.name_it), settings.name_weight)
            italian.add(row, None, it(goal.statement_it), settings.name_weight)
        for target in reference.targets:
            if target.code in target_row:
                row = target_row[target.code]
                both.add(target_goal[row], row, en(target.text_en) + it(target.text_it))
                italian.add(target_goal[row], row, it(target.text_it))
        for indicator in reference.indicators:
            if indicator.target in target_row:
                row = target_row[indicator.target]
                both.add(target_goal[row], row, en(indicator.text_en))
        for phrase in reference.phrases:
            if phrase.goal not in goal_row:
                continue
            terms = self.analyzer.terms(phrase.phrase.replace("*", ""), phrase.language)
            row = target_row.get(phrase.target) if phrase.target else None
            both.add(goal_row[phrase.goal], row, terms, settings.phrase_weight)
            if phrase.language == "it":
                italian.add(goal_row[phrase.goal], row, terms, settings.phrase_weight)
        for text, numbers in examples:
            language = self.analyzer.detect(text)
            terms = self.analyzer.terms(text, language)
            for number in numbers:
                if number in goal_row:
                    both.learn(goal_row[number], terms, settings.example_weight)
                    if language == "it":
                        italian.learn(goal_row[number], terms, settings.example_weight)
        self.spaces = {"both": both.build(settings.idf_over_targets),
                       "it": italian.build(settings.idf_over_targets)}

    def _space(self, language: str) -> _Space:
        return self.spaces["it"] if language == "it" else self.spaces["both"]

    def scores(self, text: str, language: str | None = None) -> "_Scores | None":
        """Every goal's and every target's score for `text`, or None when it shares no stem with any."""
        if not isinstance(text, str) or not text.strip():
            return None
        language = language if language in self.analyzer.languages else self.analyzer.detect(text)
        space = self._space(language)
        counts = Counter(term for term in self.analyzer.terms(text, language) if term in space.vocabulary)
        if not counts:
            return None
        columns = np.fromiter((space.vocabulary[term] for term in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter(((1 + math.log(count)) for count in counts.values()), dtype=np.float64,
                              count=len(counts)) * space.idf[columns]
        weights /= np.linalg.norm(weights)
        goal_parts = space.goal_matrix[:, columns] * weights
        target_scores = space.target_matrix[:, columns] @ weights
        best_target = np.zeros(len(self.goal_numbers))
        np.maximum.at(best_target, space.target_goal, target_scores)
        weight = self.settings.target_weight
        goals = (1 - weight) * goal_parts.sum(axis=1) + weight * best_target
        return _Scores(language, list(counts), goals, goal_parts, target_scores)

    def suggest(self, text: str, language: str | None = None) -> list[SdgSuggestion]:
        """The goals `text` addresses, best first, each with its confidence, best targets and reasons."""
        found = self.scores(text, language)
        if found is None:
            return []
        scores = found.goals
        order = np.argsort(-scores, kind="stable")
        top = float(scores[order[0]])
        if top < self.settings.floor:
            return []
        chosen = [row for row in order[: self.settings.most]
                  if scores[row] >= self.settings.margin * top and scores[row] > 0]
        forms = self.analyzer.surface_forms(text, found.language)
        return [self._suggestion(int(row), float(scores[row]), top, found.goal_parts[row], found.terms, forms,
                                 found.targets, found.language) for row in chosen]

    def _suggestion(self, row: int, score: float, top: float, parts: np.ndarray, terms: list[str],
                    forms: dict[str, str], target_scores: np.ndarray, language: str = "en") -> SdgSuggestion:
        """One goal's suggestion: the words of the text that weighed most for it and its closest targets."""
        words = []
        for index in np.argsort(-parts, kind="stable"):
            if parts[index] <= 0 or len(words) == REASON_WORDS:
                break
            word = forms.get(terms[index])
            if word and word not in words and self.analyzer.is_distinctive(word):
                words.append(word)
        space = self._space(language)
        rows = np.flatnonzero(space.target_goal == row)
        rows = rows[np.argsort(-target_scores[rows], kind="stable")]
        codes = space.target_codes
        targets = [codes[r] for r in rows if target_scores[r] > 0 and codes[r]][:TARGETS_SHOWN]
        reasons = list(words)
        if targets:
            english, italian = self.target_statements[targets[0]]
            # The target's statement in the text's own language, where the reference has it.
            reasons.append(f"{targets[0]}: {italian if language == 'it' and italian else english}")
        # Relative to the best goal and damped for weak evidence: a faint best match is no certainty either.
        confidence = (score / top) * min(1.0, top / (4 * self.settings.floor))
        return SdgSuggestion(self.goal_numbers[row], round(min(1.0, max(0.0, confidence)), 3), targets, reasons)
