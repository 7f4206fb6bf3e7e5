"""Compiled kernels of the index (numba): the exact top k of one document query (pruned), or of many; the
postings of one query accumulated in float64 (academics' texts, people.py).

Compiled once per machine (`cache=True` keeps the machine code next to this file, or in numba's cache
folder when that is not writable); `warm_up` loads or compiles it, so that no search pays for it.
The kernels release the GIL: threads search at the same time, each with its own accumulator.
"""
import numba
import numpy as np

# Candidate scores are bounds computed in another order than the exact scores: a relative margin keeps
# a document whose bound is a rounding error under the bar.
_MARGIN = np.float32(1e-4)


@numba.njit(cache=True, nogil=True)
def _eligible(document, allowed, dead, excluded):
    if allowed.shape[0] and not allowed[document]:
        return False
    if dead.shape[0] and dead[document]:
        return False
    for position in excluded:
        if position == document:
            return False
    return True


@numba.njit(cache=True, nogil=True)
def _exact(document, rows_indptr, rows_indices, rows_data, query, norms):
    """The document's cosine, summed along its row in float32 as scipy's row-major product does."""
    score = np.float32(0)
    for j in range(rows_indptr[document], rows_indptr[document + 1]):
        score += rows_data[j] * query[rows_indices[j]]
    return score / norms[document]


@numba.njit(cache=True, nogil=True)
def _lowest(best_scores, best_documents, k):
    """Where the worst of k held is: the lowest score, and of equal scores the latest position."""
    worst = 0
    for i in range(1, k):
        if best_scores[i] < best_scores[worst] or (best_scores[i] == best_scores[worst]
                                                   and best_documents[i] > best_documents[worst]):
            worst = i
    return worst


@numba.njit(cache=True, nogil=True)
def _offer(best_scores, best_documents, n, score, document, k):
    """Put (score, document) among the k best, ordered by score then position; returns how many are held."""
    for i in range(n):
        if best_documents[i] == document:
            return n
    if n < k:
        best_scores[n], best_documents[n] = score, document
        return n + 1
    worst = _lowest(best_scores, best_documents, k)
    if score > best_scores[worst] or (score == best_scores[worst] and document < best_documents[worst]):
        best_scores[worst], best_documents[worst] = score, document
    return n


@numba.njit(cache=True, nogil=True)
def _bar(best_scores, n, k):
    """The k-th best score held, or 0 while fewer than k are held."""
    if n < k:
        return np.float32(0)
    lowest = best_scores[0]
    for i in range(1, k):
        lowest = min(lowest, best_scores[i])
    return lowest


@numba.njit(cache=True, nogil=True)
def _best_first(best_scores, best_documents, n):
    """Sort the n held in place: best first, equal scores by position (as a stable sort of all scores)."""
    for i in range(1, n):
        score, document = best_scores[i], best_documents[i]
        j = i - 1
        while j >= 0 and (best_scores[j] < score or (best_scores[j] == score and best_documents[j] > document)):
            best_scores[j + 1], best_documents[j + 1] = best_scores[j], best_documents[j]
            j -= 1
        best_scores[j + 1], best_documents[j + 1] = score, document


@numba.njit(cache=True, nogil=True)
def pruned_top_k(inv_indptr, inv_indices, inv_unit, norms, rows_indptr, rows_indices, rows_data,
                 terms, weights, impacts, query, allowed, dead, excluded, k, first_terms, candidates, split, acc):
    """The exact k best documents of one unit-length query: (positions, cosines), best first.

    `terms`, `weights`, `impacts` (weight × the term's largest unit weight: the most it adds to any cosine)
    are sorted by impact, strongest first; `query` is the same vector dense; `inv_unit` the inverted
    layout's weights divided by their document's norm. `allowed` (empty: all), `dead` (empty: none) and
    `excluded` (positions) say which documents may be returned. `acc` is a zeroed float32 buffer with one
    slot per document, zeroed again on return.

    MaxScore, term at a time: the `first_terms` strongest terms are accumulated; the `candidates` best
    documents so far are scored exactly and the k-th best eligible score is the bar θ. The weakest terms
    whose bounds add up to less than `split` × θ are left out; the others are accumulated; a document can
    reach θ only if its accumulated score plus the left-out bound does, and only those are scored exactly,
    from their rows, raising θ as they go. Documents no accumulated term reaches score at most the
    left-out bound, under θ.
    """
    n_terms = terms.shape[0]
    first = min(first_terms, n_terms)
    postings = 0
    for i in range(first):
        term, weight = terms[i], weights[i]
        postings += inv_indptr[term + 1] - inv_indptr[term]
        for p in range(inv_indptr[term], inv_indptr[term + 1]):
            acc[inv_indices[p]] += weight * inv_unit[p]
    best_scores = np.zeros(k, np.float32)
    best_documents = np.zeros(k, np.int64)
    n = 0
    if postings > 0:
        reached = np.empty(postings, np.float32)
        j = 0
        for i in range(first):
            term = terms[i]
            for p in range(inv_indptr[term], inv_indptr[term + 1]):
                reached[j] = acc[inv_indices[p]]
                j += 1
        taken = min(candidates, postings)
        cut = np.partition(reached, postings - taken)[postings - taken]
        for i in range(first):
            term = terms[i]
            for p in range(inv_indptr[term], inv_indptr[term + 1]):
                document = inv_indices[p]
                if acc[document] >= cut and _eligible(document, allowed, dead, excluded):
                    score = _exact(document, rows_indptr, rows_indices, rows_data, query, norms)
                    if score > 0:
                        n = _offer(best_scores, best_documents, n, score, document, k)
    theta = _bar(best_scores, n, k)
    last = n_terms  # terms[last:] are left out
    left_out = np.float32(0)
    while last > first and left_out + impacts[last - 1] < split * theta:
        left_out += impacts[last - 1]
        last -= 1
    for i in range(first, last):
        term, weight = terms[i], weights[i]
        for p in range(inv_indptr[term], inv_indptr[term + 1]):
            acc[inv_indices[p]] += weight * inv_unit[p]
    slack = left_out * (1 + _MARGIN) + _MARGIN * theta + np.float32(1e-6)
    cut = theta - slack if theta > 0 else np.float32(1e-30)
    for document in range(acc.shape[0]):
        if acc[document] >= cut and _eligible(document, allowed, dead, excluded):
            score = _exact(document, rows_indptr, rows_indices, rows_data, query, norms)
            if score > 0:
                n = _offer(best_scores, best_documents, n, score, document, k)
                theta = max(theta, _bar(best_scores, n, k))
                cut = theta - slack
    acc[:] = 0
    _best_first(best_scores, best_documents, n)
    return best_documents[:n], best_scores[:n]


def warm_up() -> None:
    """Load (or, the first time on a machine, compile) the kernels on a tiny input."""
    empty = np.zeros(0, np.float32)
    pruned_top_k(np.zeros(2, np.int64), np.zeros(0, np.int32), empty, np.ones(1, np.float32),
                 np.zeros(2, np.int64), np.zeros(0, np.int32), empty,
                 np.zeros(1, np.int32), np.ones(1, np.float32), np.ones(1, np.float32), np.ones(1, np.float32),
                 np.zeros(0, np.bool_), np.zeros(0, np.bool_), np.zeros(0, np.int64), 1, 8, 200,
                 np.float32(0.15), np.zeros(1, np.float32))
    batch_top_k(np.zeros(2, np.int64), np.zeros(0, np.int32), empty, np.ones(1, np.float32),
                np.zeros((1, 1), np.float32), np.zeros(0, np.bool_), np.zeros(0, np.bool_), 1)
    acc = np.zeros(1, np.float64)
    accumulate_postings(np.zeros(2, np.int64), np.zeros(0, np.int64), empty, np.zeros(1, np.int64),
                                  np.ones(1, np.float32), np.zeros(0, np.bool_), acc)
    accumulate_dense(np.zeros(2, np.int64), np.zeros(0, np.int64), empty, np.zeros(1, np.int64),
                     np.ones(1, np.float32), np.zeros(0, np.bool_), acc)
    owner_sums(acc, np.zeros(2, np.int64), 8, np.zeros(1, np.float64), np.zeros(1, np.float64), np.zeros(1, np.int64))
    int8_dots(np.zeros((1, 4), np.int8), np.zeros(4, np.int8), np.zeros(1, np.int64), np.zeros(1, np.int32))


@numba.njit(cache=True, nogil=True)
def batch_top_k(rows_indptr, rows_indices, rows_data, norms, queries, allowed, dead, k):
    """The exact k best documents of each of a block of unit-length queries: (positions, cosines, counts).

    `queries` is dense, terms × queries (a column per query, a few dozen). Each document row is read once
    for the whole block: its weights times the query rows of its terms give its cosine with every query
    at once (summed along the row in float32, as scipy's row-major product does), and each query keeps its
    k best in a small array, replaced only when beaten. Row i of the results holds query i's `counts[i]`
    best, best first (equal scores by position).
    """
    width = queries.shape[1]
    best_scores = np.zeros((width, k), np.float32)
    best_documents = np.zeros((width, k), np.int64)
    held = np.zeros(width, np.int64)
    worst = np.zeros(width, np.int64)  # where the k-th best is, once k are held
    bar = np.zeros(width, np.float32)
    scores = np.zeros(width, np.float32)
    for document in range(rows_indptr.shape[0] - 1):
        if allowed.shape[0] and not allowed[document]:
            continue
        if dead.shape[0] and dead[document]:
            continue
        scores[:] = 0
        for j in range(rows_indptr[document], rows_indptr[document + 1]):
            weight = rows_data[j]
            row = queries[rows_indices[j]]
            for b in range(width):
                scores[b] += weight * row[b]
        norm = norms[document]
        for b in range(width):
            score = scores[b] / norm
            if score <= 0 or (held[b] == k and score <= bar[b]):  # a tie goes to the earlier position
                continue
            if held[b] < k:
                best_scores[b, held[b]], best_documents[b, held[b]] = score, document
                held[b] += 1
                if held[b] < k:
                    continue
            else:
                best_scores[b, worst[b]], best_documents[b, worst[b]] = score, document
            lowest = _lowest(best_scores[b], best_documents[b], k)
            worst[b], bar[b] = lowest, best_scores[b, lowest]
    for b in range(width):
        _best_first(best_scores[b], best_documents[b], held[b])
    return best_documents, best_scores, held


@numba.njit(cache=True, nogil=True)
def accumulate_postings(indptr, rows, data, terms, weights, dead, acc):
    """acc[row] += weight × data over the postings of each term, terms in the given (ascending) order.

    Each product is taken in float64 from float32 operands (exact) and each row's sum runs in term order, so
    the sum equals the same dot product taken along a document's sorted row: one number, whichever way round.
    Rows marked `dead` (empty: none) are skipped. Returns how many rows were reached; their positions are in
    the first entries of the returned array.
    """
    touched = np.empty(acc.shape[0], np.int64)
    n = 0
    for i in range(terms.shape[0]):
        term = terms[i]
        weight = np.float64(weights[i])
        for p in range(indptr[term], indptr[term + 1]):
            row = rows[p]
            if dead.shape[0] and dead[row]:
                continue
            if acc[row] == 0:
                touched[n] = row
                n += 1
            acc[row] += weight * np.float64(data[p])
    return touched[:n]


@numba.njit(cache=True, nogil=True)
def accumulate_dense(indptr, rows, data, terms, weights, dead, acc):
    """`accumulate_postings` without the list of rows reached (the caller reads `acc` whole): the same
    products in the same order, so the same numbers."""
    for i in range(terms.shape[0]):
        term = terms[i]
        weight = np.float64(weights[i])
        for p in range(indptr[term], indptr[term + 1]):
            row = rows[p]
            if dead.shape[0] and dead[row]:
                continue
            acc[row] += weight * np.float64(data[p])


@numba.njit(cache=True, nogil=True)
def owner_sums(acc, starts, top_k, best_sums, all_sums, reached):
    """For each owner, whose rows are acc[starts[o]:starts[o + 1]]: the sum of its `top_k` best nonzero values,
    the sum of all of them and how many there are (for ranking only: the exact scores are made elsewhere)."""
    best = np.zeros(top_k, np.float64)
    for owner in range(starts.shape[0] - 1):
        n = 0
        total = 0.0
        for row in range(starts[owner], starts[owner + 1]):
            value = acc[row]
            if value == 0:
                continue
            total += value
            if n < top_k:
                best[n] = value
            else:
                lowest = 0
                for j in range(1, top_k):
                    if best[j] < best[lowest]:
                        lowest = j
                if value > best[lowest]:
                    best[lowest] = value
            n += 1
        kept = 0.0
        for j in range(min(n, top_k)):
            kept += best[j]
        best_sums[owner], all_sums[owner], reached[owner] = kept, total, n


@numba.njit(cache=True, nogil=True)
def int8_dots(matrix, vector, rows, out):
    """Dot products of the given int8 rows with an int8 vector, exact in int32 (embeddings, semantic.py).

    numpy has no fast int8 product; this loop is vectorised by the compiler and reads a quarter of the memory
    a float32 matrix would (100,000 embeddings: 38 MB)."""
    width = matrix.shape[1]
    # An int8 × int8 product fits an int16 (127 × 127): the compiler then multiplies 16 pairs at a time.
    wide = vector.astype(np.int16)
    for n in range(rows.shape[0]):
        row = rows[n]
        total = np.int32(0)
        for j in range(width):
            total += np.int32(np.int16(matrix[row, j]) * wide[j])
        out[n] = total
