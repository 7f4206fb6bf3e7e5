"""The text index: BM25-weighted sparse vectors in an inverted layout, with a side segment for new texts.

Each text is a sparse float32 vector: for each term, idf × saturated, length-normalised term frequency
(BM25), the fields weighted. Two ways to search the same matrix, chosen by measurement (README):
- a document against documents (a challenge against offers): both vectors at unit length, the score is
  a cosine in [0, 1], which the blend needs;
- a few words against documents (a search box): BM25 as such, the query's terms against the documents'
  weights, not normalised, as length normalisation is already in the weights.
The base segment keeps the matrix twice: document rows (for explanations and exact scores) and term rows
(the inverted layout: a query touches only the documents that share one of its terms), whose weights are
also kept divided by their document's norm for the pruned search. Searches of document queries against a
large base run in compiled kernels (kernels.py, numba). Texts created or edited after
the last fit go to a small side segment with the fitted vocabulary, so a change is searchable at once
without copying the big matrix; a refit folds everything back into one base segment.
"""
import json
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matchmaker.engine import kernels
from matchmaker.engine.analysis import MIXED, Analyzer
from matchmaker.engine.settings import TextSettings

FIELDS = ("title", "keywords", "body")
# A chunk of queries searched at once: bounds the memory of the score block to CHUNK × documents.
QUERY_CHUNK = 64
# Documents analysed between two compactions of the count arrays while fitting.
BATCH = 20_000
# Batches of at least DENSE_BATCH document queries against at least DENSE_FROM documents take the dense
# block path of _search_batch (measured faster once most queries touch most documents).
DENSE_BATCH = 32
DENSE_FROM = 8192
# One document query against at least PRUNE_FROM documents takes the pruned exact path of _search_pruned:
# the PRUNE_FIRST_TERMS strongest terms find PRUNE_CANDIDATES documents that set the bar θ; the weakest
# terms whose bounds add up to less than PRUNE_SPLIT × θ are not read (0.15 measured best at 100,000 and
# 1,000,000 offers: lower reads more postings, higher scores more documents from their rows).
PRUNE_FROM = 20_000
PRUNE_FIRST_TERMS = 8
PRUNE_CANDIDATES = 200
PRUNE_SPLIT = 0.15


_NONE = np.zeros(0, dtype=bool)  # "no mask" for the kernel


@dataclass
class _Pruning:
    rows: tuple[np.ndarray, np.ndarray, np.ndarray]  # indptr, indices, data of the document rows
    inverted: tuple[np.ndarray, np.ndarray]  # indptr, indices of the term rows
    unit: np.ndarray  # the term rows' weights divided by their document's norm
    max_unit: np.ndarray  # each term's largest unit weight: the most it adds to any cosine


@dataclass
class TextDoc:
    """A text to index or to search with: a key such as "offer:12", its fields and (if known) its language."""

    key: str
    fields: dict[str, str]
    language: str | None = None


@dataclass
class AnalysedDoc:
    key: str
    counts: dict[str, float]  # term -> field-weighted frequency
    length: float


def analyse(doc: TextDoc, analyzer: Analyzer, settings: TextSettings) -> AnalysedDoc:
    """Count each term of each field, weighted by the field's weight."""
    text = " ".join(doc.fields.get(name) or "" for name in FIELDS)
    language = doc.language or analyzer.detect(text)
    counts: dict[str, float] = {}
    for name in FIELDS:
        weight = settings.field_weights.get(name, 1.0)
        for term in analyzer.terms(doc.fields.get(name) or "", language):
            counts[term] = counts.get(term, 0.0) + weight
    return AnalysedDoc(doc.key, counts, sum(counts.values()))


@dataclass
class Segment:
    """Documents vectorised with one vocabulary: rows (keys), the inverted (term-major) copy, row norms."""

    keys: list[str] = field(default_factory=list)
    rows: sp.csr_matrix | None = None
    inverted: sp.csr_matrix | None = None
    norms: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.keys)


class TextIndex:
    """Fit once on a corpus; add, replace or remove texts incrementally; search one or many queries."""

    def __init__(self, analyzer: Analyzer, settings: TextSettings) -> None:
        self.analyzer = analyzer
        self.settings = settings
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)
        self.average_length = 1.0
        self.base = Segment()
        self.side = Segment()
        # The side segment as the (columns, weights) of each text: appending one costs no copy of the others.
        self._side_parts: list[tuple[np.ndarray, np.ndarray]] = []
        self._side_position: dict[str, int] = {}
        self.removed: set[str] = set()  # keys of base documents replaced or deleted since the fit
        self.unknown_terms = 0  # terms of side documents the fitted vocabulary does not know
        self.side_terms = 0
        self._dead_pending: list[str] = []  # removed keys not yet marked in the dead mask
        self._buffers = threading.local()  # each thread's accumulator for the pruned search

    # --- fitting ----------------------------------------------------------------------------------

    def fit(self, docs: Iterable[TextDoc]) -> "TextIndex":
        """Learn the vocabulary and statistics from `docs` and make them the base segment.

        Streams: each distinct word is analysed once and mapped to its column; a document's words become
        (column, field weight) pairs in compact arrays, summed into a small CSR block every BATCH
        documents. No per-document dictionary is kept, which is what bounds the memory of a large build.
        """
        analyzer, weights = self.analyzer, self.settings.field_weights
        field_weights = [(name, weights.get(name, 1.0)) for name in FIELDS]
        vocabulary: dict[str, int] = {}
        column_of: dict[str, dict[str, int]] = {language: {} for language in analyzer.languages}
        keys: list[str] = []
        blocks: list[sp.csr_matrix] = []
        indices, data, indptr = array("i"), array("f"), array("q", [0])

        def flush() -> None:
            nonlocal indices, data, indptr
            block = sp.csr_matrix((np.frombuffer(data, dtype=np.float32).copy(),
                                   np.frombuffer(indices, dtype=np.int32).copy(),
                                   np.frombuffer(indptr, dtype=np.int64).copy()),
                                  shape=(len(indptr) - 1, max(len(vocabulary), 1)))
            block.sum_duplicates()
            blocks.append(block)
            indices, data, indptr = array("i"), array("f"), array("q", [0])

        for doc in docs:
            keys.append(doc.key)
            language = doc.language or analyzer.detect(" ".join(doc.fields.get(name) or "" for name in FIELDS))
            for name, weight in field_weights:
                text = doc.fields.get(name) or ""
                if language not in column_of:  # too short to tell: the analyser's own mixed path
                    for term in analyzer.terms(text, MIXED):
                        indices.append(vocabulary.setdefault(term, len(vocabulary)))
                        data.append(weight)
                    continue
                cache = column_of[language]
                for token in analyzer.tokens(text):
                    column = cache.get(token)
                    if column is None:
                        term = analyzer.terms(token, language)
                        column = cache[token] = vocabulary.setdefault(term[0], len(vocabulary)) if term else -1
                    if column >= 0:
                        indices.append(column)
                        data.append(weight)
            indptr.append(len(indices))
            if len(indptr) > BATCH:
                flush()
        if len(indptr) > 1 or not blocks:
            flush()
        self.vocabulary = vocabulary
        n_terms = len(vocabulary)
        counts = sp.vstack([sp.csr_matrix((b.data, b.indices, b.indptr), shape=(b.shape[0], n_terms))
                            for b in blocks], format="csr") if n_terms else sp.csr_matrix((len(keys), 0))
        blocks.clear()
        n_docs = max(counts.shape[0], 1)
        document_frequency = np.bincount(counts.indices, minlength=n_terms)
        # BM25's idf, kept positive: a term in every document still counts a little.
        self.idf = np.log1p((n_docs - document_frequency + 0.5) / (document_frequency + 0.5)).astype(np.float32)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        self.average_length = float(lengths.mean()) if len(lengths) else 1.0
        rows = self._weigh(counts, lengths)
        del counts
        self.base = Segment(keys=keys, rows=rows, inverted=rows.T.tocsr(), norms=self._norms(rows))
        self.side, self._side_parts, self._side_position, self.removed = Segment(), [], {}, set()
        self._reset_base_caches()
        self.unknown_terms = self.side_terms = 0
        return self

    def _count_matrix(self, analysed: Sequence[AnalysedDoc], grow_unknown: bool = False) -> sp.csr_matrix:
        indptr, indices, data = [0], [], []
        for doc in analysed:
            for term, count in doc.counts.items():
                column = self.vocabulary.get(term)
                if column is None:
                    continue
                indices.append(column)
                data.append(count)
            indptr.append(len(indices))
        matrix = sp.csr_matrix((np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32),
                                np.asarray(indptr, dtype=np.int64)), shape=(len(analysed), len(self.vocabulary)))
        matrix.sum_duplicates()
        return matrix

    def saturated(self, tf, length):
        """BM25's tf part: a count saturated by k1 and normalised by the text's length against the average
        (numbers or numpy arrays alike)."""
        k1, b = self.settings.k1, self.settings.b
        return tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / self.average_length))

    def _weigh(self, counts: sp.csr_matrix, lengths: np.ndarray) -> sp.csr_matrix:
        """BM25 weights: idf × saturated, length-normalised tf."""
        weighted = counts.astype(np.float32, copy=True)
        row_of = np.repeat(np.arange(weighted.shape[0]), np.diff(weighted.indptr))
        tf = weighted.data
        weighted.data = (self.saturated(tf, lengths[row_of].astype(np.float32)) * self.idf[weighted.indices]
                         ).astype(np.float32)
        return weighted

    @staticmethod
    def _norms(rows: sp.csr_matrix) -> np.ndarray:
        row_of = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
        squares = np.bincount(row_of, weights=rows.data.astype(np.float64) ** 2, minlength=rows.shape[0])
        norms = np.sqrt(squares).astype(np.float32)
        norms[norms == 0] = 1
        return norms

    def vectorise(self, docs: Sequence[TextDoc]) -> sp.csr_matrix:
        """Unit-length BM25 vectors of `docs`, to search with as documents (unknown terms are dropped)."""
        analysed = [analyse(doc, self.analyzer, self.settings) for doc in docs]
        counts = self._count_matrix(analysed)
        lengths = np.asarray([doc.length for doc in analysed], dtype=np.float32)
        weighted = self._weigh(counts, lengths)
        norms = self._norms(weighted)
        return sp.diags(1 / norms).dot(weighted).tocsr().astype(np.float32)

    def vectorise_words(self, texts: Sequence[str], language: str | None = None) -> sp.csr_matrix:
        """Query vectors of a few words: each term counted as often as it is said (BM25's query side).

        A word the index does not know in the query's language is tried in the other (Analyzer.search_terms).
        """
        weight = self.settings.field_weights.get("body", 1.0)
        analysed = []
        for text in texts:
            counts: dict[str, float] = {}
            for term in self.analyzer.search_terms(text, self.vocabulary.__contains__, language):
                counts[term] = counts.get(term, 0.0) + weight
            analysed.append(AnalysedDoc("query", counts, sum(counts.values())))
        return self._count_matrix(analysed)

    # --- incremental changes ----------------------------------------------------------------------

    def upsert(self, doc: TextDoc) -> None:
        """Make `doc` searchable now: into the side segment, replacing any earlier version."""
        self.remove(doc.key)
        analysed = analyse(doc, self.analyzer, self.settings)
        self.side_terms += len(analysed.counts)
        self.unknown_terms += sum(1 for term in analysed.counts if term not in self.vocabulary)
        counts = self._count_matrix([analysed])
        row = self._weigh(counts, np.asarray([analysed.length], dtype=np.float32))
        self._side_position[doc.key] = len(self.side.keys)
        self.side.keys.append(doc.key)
        self._side_parts.append((row.indices.astype(np.int32), row.data.astype(np.float32)))
        self.side.rows = None  # rebuilt lazily at the next search

    def remove(self, key: str) -> None:
        position = self._side_position.pop(key, None)
        if position is not None:
            del self.side.keys[position]
            del self._side_parts[position]
            self._side_position = {k: i for i, k in enumerate(self.side.keys)}
            self.side.rows = None
        elif key not in self.removed:
            self._dead_pending.append(key)
        self.removed.add(key)

    def _side_matrix(self) -> sp.csr_matrix:
        if self.side.rows is None:
            # One concatenation of the small parts; the side is searched row-major (it is small), so no
            # inverted copy is made.
            indptr = np.zeros(len(self._side_parts) + 1, dtype=np.int64)
            indptr[1:] = np.cumsum([len(columns) for columns, _ in self._side_parts])
            columns = (np.concatenate([c for c, _ in self._side_parts]) if self._side_parts
                       else np.zeros(0, dtype=np.int32))
            weights = (np.concatenate([w for _, w in self._side_parts]) if self._side_parts
                       else np.zeros(0, dtype=np.float32))
            self.side.rows = sp.csr_matrix((weights, columns, indptr),
                                           shape=(len(self._side_parts), len(self.vocabulary)))
            self.side.norms = self._norms(self.side.rows)
        return self.side.rows

    def _side_block(self, queries: sp.csr_matrix) -> sp.csr_matrix:
        """Cosine scores of `queries` (rows) against the side segment (columns), computed row-major."""
        block = (self._side_matrix() @ queries.T).T.tocsr()
        block.data /= self.side.norms[block.indices]
        return block

    @property
    def drift(self) -> float:
        """How stale the fit is: the side segment's size against the base, or its share of unknown terms."""
        size = len(self.side) / max(len(self.base), 1)
        unknown = self.unknown_terms / self.side_terms if self.side_terms else 0.0
        return max(size, unknown)

    def __len__(self) -> int:
        live_base = sum(1 for key in self.base.keys if key not in self.removed) if self.removed else len(self.base)
        return live_base + len(self.side)

    # --- searching --------------------------------------------------------------------------------

    def scores(self, queries: sp.csr_matrix) -> tuple[np.ndarray, list[str]]:
        """Dense cosine scores of document `queries` against every live document: for small collections only."""
        self._side_matrix()
        keys = self.base.keys + self.side.keys
        blocks = []
        if self.base.rows is not None and len(self.base):
            blocks.append((queries @ self.base.inverted).toarray() / self.base.norms)
        if len(self.side):
            blocks.append(self._side_block(queries).toarray())
        matrix = np.hstack(blocks) if blocks else np.zeros((queries.shape[0], 0), dtype=np.float32)
        if self.removed:
            live = np.array([key not in self.removed or i >= len(self.base) for i, key in enumerate(keys)])
            matrix[:, ~live] = 0
        return matrix, keys

    def search(self, queries: sp.csr_matrix, k: int, exclude: set[str] | None = None, cosine: bool = True,
               keep: Callable[[str], bool] | None = None) -> list[list[tuple[str, float]]]:
        """For each query row, the k best (key, score) pairs with a positive score, best first.

        `cosine`: document queries (from `vectorise`) get cosines; word queries (from `vectorise_words`)
        get BM25 scores. Queries go in chunks against the inverted layout; each chunk's scores are a
        sparse block holding only the documents that share a term: no dense all-pairs matrix is made.
        `keep` narrows the results (say, to offers only) before the k best are taken.
        """
        if not self.vocabulary:  # fitted on texts with no words (a platform whose only profiles are empty)
            return [[] for _ in range(queries.shape[0])]
        self._side_matrix()
        if cosine and queries.shape[0] >= DENSE_BATCH and len(self.base) >= DENSE_FROM:
            return self._search_batch(queries, k, exclude or set(), keep)
        if cosine and queries.shape[0] == 1 and len(self.base) >= PRUNE_FROM:
            found = self._search_pruned(queries, k, exclude or set(), keep)
            if len(self.side):
                found.extend(self.search_side(queries, k, exclude or set(), keep)[0])
                found.sort(key=lambda pair: -pair[1])
            return [found[:k]]
        results: list[list[tuple[str, float]]] = []
        skip = (self.removed | (exclude or set()))
        for start in range(0, queries.shape[0], QUERY_CHUNK):
            chunk = queries[start:start + QUERY_CHUNK]
            merged: list[list[tuple[str, float]]] = [[] for _ in range(chunk.shape[0])]
            if len(self.base) and self.base.inverted is not None:
                block = (chunk @ self.base.inverted).tocsr()
                if cosine:
                    block.data /= self.base.norms[block.indices]
                for row in range(block.shape[0]):
                    merged[row].extend(_top_k(block, row, self.base.keys, k, skip, keep))
            if len(self.side):
                block = self._side_block(chunk) if cosine else (self._side_matrix() @ chunk.T).T.tocsr()
                for row in range(block.shape[0]):
                    merged[row].extend(_top_k(block, row, self.side.keys, k, exclude or set(), keep))
            for row in merged:
                row.sort(key=lambda pair: -pair[1])
                results.append(row[:k])
        return results

    def _search_batch(self, queries: sp.csr_matrix, k: int, exclude: set[str],
                      keep: Callable[[str], bool] | None) -> list[list[tuple[str, float]]]:
        """Many document queries at once (a full recomputation): exact, in a compiled kernel.

        Most queries share a term with most documents, so a sparse × sparse product spends its time on
        bookkeeping. Instead each block of DENSE_BATCH queries is made dense (terms × queries) and
        kernels.batch_top_k reads every document row once for the whole block, each query keeping its k
        best eligible documents as it goes. Two threads take blocks in turn (the kernel releases the GIL);
        memory stays at one dense block (vocabulary × 32 floats) per thread.
        """
        pruning, keys = self._pruning(), self.base.keys
        rows = pruning.rows
        allowed = self._kept_mask(keep)
        if exclude:
            positions = self._base_positions()
            excluded = [positions[key] for key in exclude if key in positions]
            if excluded:
                allowed = np.ones(len(keys), dtype=bool) if allowed is None else allowed.copy()
                allowed[excluded] = False
        allowed = _NONE if allowed is None else allowed
        dead = self._dead_mask()

        def search_block(start: int) -> list[list[tuple[str, float]]]:
            dense = np.ascontiguousarray(queries[start:start + DENSE_BATCH].toarray().T, dtype=np.float32)
            documents, scores, counts = kernels.batch_top_k(rows[0], rows[1], rows[2], self.base.norms, dense,
                                                            allowed, dead, k)
            return [[(keys[d], s) for d, s in zip(documents[i, :n].tolist(), scores[i, :n].tolist(), strict=True)]
                    for i, n in enumerate(counts.tolist())]

        with ThreadPoolExecutor(2) as pool:
            merged = [row for part in pool.map(search_block, range(0, queries.shape[0], DENSE_BATCH))
                      for row in part]
        if len(self.side):
            side = self.search_side(queries, k, exclude, keep)
            for row, extra in zip(merged, side, strict=True):
                row.extend(extra)
                row.sort(key=lambda pair: -pair[1])
                del row[k:]
        return merged

    def _search_pruned(self, query: sp.csr_matrix, k: int, exclude: set[str],
                       keep: Callable[[str], bool] | None) -> list[tuple[str, float]]:
        """The exact top k of one document query against the base segment: MaxScore in a compiled kernel.

        See kernels.pruned_top_k: the strongest terms set a bar θ, the weakest terms whose bounds add up to
        less than PRUNE_SPLIT × θ are not read, and only documents that can still reach θ are scored exactly
        from their rows. Same scores (bit for bit) and order as the brute-force product.
        """
        if len(query.indices) == 0:
            return []
        pruning = self._pruning()
        terms, weights = query.indices.astype(np.int32), query.data.astype(np.float32)
        impacts = weights * pruning.max_unit[terms]
        order = np.argsort(-impacts, kind="stable")
        dense = np.zeros(pruning.max_unit.shape[0], dtype=np.float32)
        dense[terms] = weights
        kept = self._kept_mask(keep)
        positions = self._base_positions() if exclude else {}
        excluded = np.array([positions[key] for key in exclude if key in positions], dtype=np.int64)
        buffers = self._buffers.__dict__
        acc = buffers.get("acc")
        if acc is None or acc.shape[0] != len(self.base):
            acc = buffers["acc"] = np.zeros(len(self.base), dtype=np.float32)
        rows, inverted = pruning.rows, pruning.inverted
        documents, scores = kernels.pruned_top_k(
            inverted[0], inverted[1], pruning.unit, self.base.norms, rows[0], rows[1], rows[2],
            terms[order], weights[order], impacts[order], dense,
            _NONE if kept is None else kept, self._dead_mask(), excluded,
            k, PRUNE_FIRST_TERMS, PRUNE_CANDIDATES, np.float32(PRUNE_SPLIT), acc)
        keys = self.base.keys
        return [(keys[d], s) for d, s in zip(documents.tolist(), scores.tolist(), strict=True)]

    def _pruning(self) -> "_Pruning":
        """The base segment's arrays as the kernel takes them, and the inverted weights at unit length."""
        pruning = self.__dict__.get("_pruning_arrays")
        if pruning is None:
            rows, inverted, norms = self.base.rows, self.base.inverted, self.base.norms
            unit = norms[inverted.indices]
            np.divide(inverted.data, unit, out=unit)
            max_unit = np.zeros(inverted.shape[0], dtype=np.float32)
            filled = np.diff(inverted.indptr) > 0
            max_unit[filled] = np.maximum.reduceat(unit, inverted.indptr[:-1][filled])
            pruning = self._pruning_arrays = _Pruning(
                rows=(rows.indptr.astype(np.int64), rows.indices.astype(np.int32, copy=False),
                      rows.data.astype(np.float32, copy=False)),
                inverted=(inverted.indptr.astype(np.int64), inverted.indices.astype(np.int32, copy=False)),
                unit=unit, max_unit=max_unit)
        return pruning

    def _dead_mask(self) -> np.ndarray:
        """Base documents removed since the fit, as a boolean array kept up to date one removal at a time."""
        if not self.removed:
            return _NONE
        dead = self.__dict__.get("_dead")
        if dead is None or dead.shape[0] != len(self.base.keys):
            dead = self._dead = np.zeros(len(self.base.keys), dtype=bool)
            self._dead_pending = list(self.removed)
        if self._dead_pending:
            positions = self._base_positions()
            while True:
                try:  # another thread searching may take the last one first
                    key = self._dead_pending.pop()
                except IndexError:
                    break
                position = positions.get(key)
                if position is not None:
                    dead[position] = True
        return dead

    def _reset_base_caches(self) -> None:
        """Forget what was derived from the previous base segment; prepare what the searches need."""
        for name in ("_kept_cache", "_pruning_arrays", "_dead", "_positions", "_terms"):
            self.__dict__.pop(name, None)
        self._dead_pending = []
        self._buffers = threading.local()
        if len(self.base) >= min(PRUNE_FROM, DENSE_FROM):
            self._pruning()
            kernels.warm_up()

    def _kept_mask(self, keep: Callable[[str], bool] | None) -> np.ndarray | None:
        """`keep` over the base segment as a boolean array, computed once per filter and fit.

        Valid because a base document whose facts change is replaced (removed here, re-added to the side),
        so the answer of `keep` for a live base document does not change until the next fit.
        """
        if keep is None:
            return None
        cache = self.__dict__.setdefault("_kept_cache", {})
        mask = cache.get(keep)
        if mask is None or len(mask) != len(self.base.keys):
            if len(cache) >= 8:  # filters are a handful of bound methods; never let one-off lambdas pile up
                cache.clear()
            mask = cache[keep] = np.fromiter((keep(key) for key in self.base.keys), bool, count=len(self.base.keys))
        return mask

    def search_side(self, queries: sp.csr_matrix, k: int, exclude: set[str],
                    keep: Callable[[str], bool] | None) -> list[list[tuple[str, float]]]:
        block = self._side_block(queries)
        return [_top_k(block, row, self.side.keys, k, exclude, keep) for row in range(block.shape[0])]

    def unit_vector(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        """A live document's vector at unit length, as (ascending columns, float32 weights): its row divided by
        its norm, the same numbers the cosines of `cosines_with` use."""
        self._side_matrix()
        if key in self._side_position:
            position, rows, norms = self._side_position[key], self.side.rows, self.side.norms
        elif key in self.removed or key not in self._base_positions():
            return None
        else:
            position, rows, norms = self._base_positions()[key], self.base.rows, self.base.norms
        start, end = rows.indptr[position], rows.indptr[position + 1]
        columns, weights = rows.indices[start:end], rows.data[start:end]
        order = np.argsort(columns, kind="stable")
        return columns[order].astype(np.int64), (weights[order] / norms[position]).astype(np.float32)

    def cosines_with(self, columns: np.ndarray, weights: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Every live document's cosine with one unit vector (ascending columns, float32 weights), in float64:
        each sum over the shared terms in ascending order, as a row's dot product is (people.row_dots)."""
        self._side_matrix()
        keys = self.base.keys + self.side.keys
        scores = np.zeros(len(keys), dtype=np.float64)
        if len(self.base) and self.base.inverted is not None:
            pruning = self._pruning()
            acc = np.zeros(len(self.base), dtype=np.float64)
            inside = columns < len(pruning.max_unit)
            touched = kernels.accumulate_postings(pruning.inverted[0], pruning.inverted[1].astype(np.int64),
                                                  pruning.unit, columns[inside].astype(np.int64),
                                                  weights[inside].astype(np.float32), self._dead_mask(), acc)
            scores[touched] = acc[touched]
        if len(self.side):
            rows = self.side.rows
            dense = np.zeros(rows.shape[1], dtype=np.float64)
            dense[columns] = weights.astype(np.float64)
            row_of = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
            unit = rows.data / self.side.norms[row_of]
            products = unit.astype(np.float64) * dense[rows.indices]
            scores[len(self.base):] = np.bincount(row_of, weights=products, minlength=rows.shape[0])
        return keys, scores

    def explain(self, query: sp.csr_matrix, key: str, n: int) -> list[tuple[str, float]]:
        """The terms that contributed most to the score of document `key` for `query`."""
        row = self.document_vector(key)
        if row is None:
            return []
        contribution = query.multiply(row).tocsr()
        order = np.argsort(-contribution.data)[:n]
        terms = self.terms_by_column()
        return [(terms[contribution.indices[i]], float(contribution.data[i])) for i in order
                if contribution.data[i] > 0]

    def explain_many(self, query: sp.csr_matrix, keys: list[str], n: int) -> list[list[tuple[str, float]]]:
        """`explain` for several documents at once: one gather of their rows, one of the query's weights."""
        positions = self._base_positions()
        if any(key in self.removed or key not in positions for key in keys):
            return [self.explain(query, key, n) for key in keys]
        rows = self.base.rows[[positions[key] for key in keys]]
        weights = np.zeros(query.shape[1], dtype=np.float32)
        weights[query.indices] = query.data
        contribution = rows.data * weights[rows.indices]
        terms = self.terms_by_column()
        explained = []
        for i in range(len(keys)):
            start, end = rows.indptr[i], rows.indptr[i + 1]
            part = contribution[start:end]
            best = np.argsort(-part)[:n]
            explained.append([(terms[rows.indices[start + j]], float(part[j])) for j in best if part[j] > 0])
        return explained

    def document_vector(self, key: str) -> sp.csr_matrix | None:
        self._side_matrix()
        if key in self._side_position:
            return self.side.rows[self._side_position[key]]
        if key in self.removed:
            return None
        position = self._base_positions().get(key)
        return None if position is None else self.base.rows[position]

    def _base_positions(self) -> dict[str, int]:
        positions = getattr(self, "_positions", None)
        if positions is None or len(positions) != len(self.base.keys):
            positions = self._positions = {key: i for i, key in enumerate(self.base.keys)}
        return positions

    def terms_by_column(self) -> list[str]:
        terms = getattr(self, "_terms", None)
        if terms is None or len(terms) != len(self.vocabulary):
            terms = [""] * len(self.vocabulary)
            for term, column in self.vocabulary.items():
                terms[column] = term
            self._terms = terms
        return terms

    # --- saving -----------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the index into `folder` (created if needed); the side segment is folded in by a refit first."""
        folder.mkdir(parents=True, exist_ok=True)
        self._side_matrix()
        sp.save_npz(folder / "base.npz", self.base.rows if self.base.rows is not None
                    else sp.csr_matrix((0, len(self.vocabulary)), dtype=np.float32))
        sp.save_npz(folder / "side.npz", self.side.rows)
        np.save(folder / "idf.npy", self.idf)
        meta = {"vocabulary": self.vocabulary, "average_length": self.average_length,
                "base_keys": self.base.keys, "side_keys": self.side.keys, "removed": sorted(self.removed),
                "unknown_terms": self.unknown_terms, "side_terms": self.side_terms,
                "settings": {"k1": self.settings.k1, "b": self.settings.b,
                             "field_weights": self.settings.field_weights}}
        (folder / "meta.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, folder: Path, analyzer: Analyzer, settings: TextSettings) -> "TextIndex":
        meta = json.loads((folder / "meta.json").read_text())
        index = cls(analyzer, settings)
        index.vocabulary = meta["vocabulary"]
        index.average_length = meta["average_length"]
        index.idf = np.load(folder / "idf.npy", allow_pickle=False)  # arrays only: nothing that runs code
        base = sp.load_npz(folder / "base.npz").tocsr()  # scipy reads .npz with allow_pickle=False too
        index.base = Segment(keys=meta["base_keys"], rows=base, inverted=base.T.tocsr(), norms=cls._norms(base))
        side = sp.load_npz(folder / "side.npz").tocsr()
        index.side = Segment(keys=meta["side_keys"])
        index._side_parts = [(side.indices[side.indptr[i]:side.indptr[i + 1]].astype(np.int32),
                              side.data[side.indptr[i]:side.indptr[i + 1]].astype(np.float32))
                             for i in range(side.shape[0])]
        index._side_position = {key: i for i, key in enumerate(index.side.keys)}
        index.removed = set(meta["removed"])
        index._reset_base_caches()
        index.unknown_terms, index.side_terms = meta["unknown_terms"], meta["side_terms"]
        return index


def _top_k(block: sp.csr_matrix, row: int, keys: list[str], k: int, skip: set[str],
           keep: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
    """The k best entries of one row of a sparse score block that are not skipped and pass `keep`.

    A partial selection of a few more than k comes first; only when filtering leaves fewer than k does
    it fall back to sorting the whole row.
    """
    start, end = block.indptr[row], block.indptr[row + 1]
    if start == end:
        return []
    data = block.data[start:end]
    columns = block.indices[start:end]
    wanted = min(len(data), 4 * k + len(skip))
    for attempt in (wanted, len(data)):
        if attempt < len(data):
            picked = np.argpartition(-data, attempt - 1)[:attempt]
        else:
            picked = np.arange(len(data))
        picked = picked[np.argsort(-data[picked], kind="stable")]
        result = []
        for i in picked:
            key = keys[columns[i]]
            if key in skip or (keep is not None and not keep(key)):
                continue
            result.append((key, float(data[i])))
            if len(result) == k:
                return result
        if attempt == len(data):
            return result
    return result
