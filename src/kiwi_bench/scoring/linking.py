"""Cross-document entity-linking (coreference) metrics: MUC, B-cubed, CEAF-e, LEA, CoNLL F1, pairwise links.

A clustering is a mapping mention -> cluster id: mentions are any hashable keys (e.g. tuples
``(document_id, start, end)``), ids any hashable (only equality matters). A cluster is the set of
mentions sharing an id across all documents, so clusters may span documents; singletons count.
``key`` is the gold clustering, ``response`` the predicted one.

Mentions are matched exactly, as in the CoNLL-2012 reference scorer (Pradhan et al. 2014,
reference-coreference-scorers v8.01): a key mention without an identical response mention
(missed, or a boundary error) and a response mention without a key twin (spurious) need no
special treatment; they only count in the recall, respectively precision, denominators. MUC
ignores singletons by construction; B-cubed, CEAF-e and LEA count them (LEA with the one
self-link of Moosavi & Strube 2016, resolved when the mention is a singleton on the other side).
The whole input is scored as one partition: for clusterings that never cross a document this
gives exactly the reference scorer's corpus totals (its numerators and denominators add up over
documents, and the CEAF assignment decomposes by document).

Degenerate cases give 0.0, never a division by zero, exactly as the reference does: a recall is
0.0 when the key has nothing to find (no mention; for MUC no link), a precision is 0.0 when the
response has nothing (no mention; for MUC no link), and F1 is 0.0 when precision + recall is 0.
So MUC is 0.0 whenever either side has no link (all singletons, one mention, empty), and every
metric is 0.0 for an empty key or an empty response.

Everything derives from one sparse contingency table of (key cluster, response cluster) overlap
counts built with numpy: `linking_report` on a million mentions (200,000 gold clusters, a response
with merges, splits and wrong links) takes about a second (`python -m kiwi_bench.scoring.linking`).
CEAF-e's optimal one-to-one alignment stays exact and is solved per connected component of the
overlap graph: in closed form when a side has one or two clusters, after fixing dominant edges (an
exact reduction), else by scipy's dense or, for big components, sparse assignment. A response that
is unrelated to the key and tangles most clusters into one component defeats those shortcuts: the
sparse matcher then needs seconds per 100,000 mentions, growing about quadratically.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass
from itertools import repeat
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

__all__ = ["PRF", "b_cubed", "ceaf_e", "conll_f1", "lea", "linking_report", "muc", "pairwise",
           "restrict_to_matched"]

Clustering = Mapping[Any, Hashable]

# A CEAF-e component whose dense key x response matrix would exceed this many cells (about
# 250 x 250) goes to the sparse matcher, which is faster from there on and never needs GBs.
_DENSE_LIMIT = 1 << 16


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one metric, as plain floats."""

    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        """The three figures as a JSON-ready dict."""
        return {name: float(value) for name, value in asdict(self).items()}


# ---------------------------------------------------------------------------------------------
# Encoding: mentions and ids to integer codes, and the contingency table.


def _hashes(items: Iterable[Hashable], count: int) -> np.ndarray:
    return np.fromiter(map(hash, items), dtype=np.int64, count=count)


def _objects(items: Iterable[Hashable], count: int) -> np.ndarray:
    return np.fromiter(items, dtype=object, count=count)


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group equal int64 values by sorting: each value's group code, one member per group, group sizes."""
    order = np.argsort(values)
    ordered = values[order]
    start = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=start[1:])
    codes = np.empty(len(ordered), dtype=np.int64)
    codes[order] = np.cumsum(start) - 1
    starts = np.flatnonzero(start)
    return codes, order[starts], np.diff(starts, append=len(ordered))


def _all_equal(left: np.ndarray, right: np.ndarray) -> bool:
    return bool(np.equal(left, right, dtype=object).astype(bool).all())


def _first_seen(codes: np.ndarray, k: int) -> np.ndarray:
    """`codes` renumbered in order of first appearance.

    Hash order differs between processes for strings (PYTHONHASHSEED), and the order of the
    clusters decides the order of floating-point sums: renumbering makes every figure the same
    to the last bit in every run."""
    first = np.full(k, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    rank = np.empty(k, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(k, dtype=np.int64)
    return rank[codes]


def _factorize(values: Iterable[Hashable], count: int) -> tuple[np.ndarray, int]:
    """Integer codes 0..k-1 of hashable values, equal codes exactly for equal values, and k."""
    values = list(values)
    if not values:
        return np.zeros(0, dtype=np.int64), 0
    if type(values[0]) in (int, bool) and set(map(type, values)) <= {int, bool}:
        try:
            codes, _, sizes = _runs(np.fromiter(values, dtype=np.int64, count=count))
            return codes, len(sizes)
        except OverflowError:
            pass
    # Group by hash in numpy, then check that every value equals its group's representative: a
    # hash collision between unequal values sends us to the (slower, exact) dict.
    codes, members, sizes = _runs(_hashes(values, count))
    objects = _objects(values, count)
    if _all_equal(objects, objects[members][codes]):
        return _first_seen(codes, len(sizes)), len(sizes)
    table = {value: code for code, value in enumerate(dict.fromkeys(values))}
    return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=count), len(table)


def _twins(key: Clustering, response: Clustering) -> np.ndarray:
    """Per response mention, the position of the identical key mention, or -1."""
    n_key, n_response = len(key), len(response)
    twin = np.full(n_response, -1, dtype=np.int64)
    if not n_key or not n_response:
        return twin
    # Sort both sides' hashes together: a response mention's only candidate twin is the key
    # mention in its run of equal hashes (unless two key mentions share a hash: then a dict).
    codes, _, sizes = _runs(np.concatenate([_hashes(key, n_key), _hashes(response, n_response)]))
    key_codes = codes[:n_key]
    if np.bincount(key_codes, minlength=len(sizes)).max() > 1:
        index = dict(zip(key, range(n_key)))
        return np.fromiter(map(index.get, response, repeat(-1)), dtype=np.int64, count=n_response)
    key_of_run = np.full(len(sizes), -1, dtype=np.int64)
    key_of_run[key_codes] = np.arange(n_key)
    candidate_key = key_of_run[codes[n_key:]]
    candidate = np.flatnonzero(candidate_key >= 0)
    if len(candidate):
        candidate_key = candidate_key[candidate]
        equal = np.equal(_objects(key, n_key)[candidate_key], _objects(response, n_response)[candidate],
                         dtype=object).astype(bool)
        twin[candidate[equal]] = candidate_key[equal]
    return twin


@dataclass(frozen=True)
class _Encoded:
    key_cluster: np.ndarray       # per key mention: its key cluster code
    response_cluster: np.ndarray  # per response mention: its response cluster code
    twin: np.ndarray              # per response mention: index of the identical key mention, or -1
    n_key_clusters: int
    n_response_clusters: int


def _encode(key: Clustering, response: Clustering) -> _Encoded:
    key_cluster, n_key = _factorize(key.values(), len(key))
    response_cluster, n_response = _factorize(response.values(), len(response))
    return _Encoded(key_cluster, response_cluster, _twins(key, response), n_key, n_response)


@dataclass(frozen=True)
class _Table:
    """Sparse key x response contingency: the non-empty cells and both sides' cluster sizes."""

    cell_key: np.ndarray       # key cluster of each non-empty cell
    cell_response: np.ndarray  # response cluster of each non-empty cell
    cell_count: np.ndarray     # |K ∩ R| of each cell (>= 1)
    key_size: np.ndarray       # |K| per key cluster code (0 for a cluster emptied by restriction)
    response_size: np.ndarray  # |R| per response cluster code (idem)
    cell_of: np.ndarray        # per twinned response mention (twin >= 0, in order): its cell


def _table(encoded: _Encoded) -> _Table:
    twinned = encoded.twin >= 0
    width = max(encoded.n_response_clusters, 1)
    combined = encoded.key_cluster[encoded.twin[twinned]] * width + encoded.response_cluster[twinned]
    cells, cell_of, counts = np.unique(combined, return_inverse=True, return_counts=True)
    return _Table(cell_key=cells // width, cell_response=cells % width, cell_count=counts.astype(np.int64),
                  key_size=np.bincount(encoded.key_cluster, minlength=encoded.n_key_clusters),
                  response_size=np.bincount(encoded.response_cluster, minlength=encoded.n_response_clusters),
                  cell_of=cell_of.reshape(-1))


def _matched_table(table: _Table) -> _Table:
    """The same overlaps with cluster sizes counted over matched mentions only."""
    key_size = np.bincount(table.cell_key, weights=table.cell_count, minlength=len(table.key_size))
    response_size = np.bincount(table.cell_response, weights=table.cell_count, minlength=len(table.response_size))
    return _Table(table.cell_key, table.cell_response, table.cell_count, key_size.astype(np.int64),
                  response_size.astype(np.int64), table.cell_of)


# ---------------------------------------------------------------------------------------------
# Metrics on a contingency table.


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator) / float(denominator) if denominator else 0.0


def _prf(recall_num: float, recall_den: float, precision_num: float, precision_den: float) -> PRF:
    recall = _ratio(recall_num, recall_den)
    precision = _ratio(precision_num, precision_den)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision=precision, recall=recall, f1=f1)


def _muc(t: _Table) -> PRF:
    # A cluster of n mentions split into p parts (overlaps plus twinless mentions) recovers n - p
    # of its n - 1 links; summed over clusters, sum(n - p) is sum(|K ∩ R| - 1) over the cells.
    correct = int((t.cell_count - 1).sum())
    key_links = int(t.key_size.sum()) - int(np.count_nonzero(t.key_size))
    response_links = int(t.response_size.sum()) - int(np.count_nonzero(t.response_size))
    return _prf(correct, key_links, correct, response_links)


def _b_cubed(t: _Table) -> PRF:
    squared = t.cell_count.astype(np.float64) ** 2
    recall_num = float((squared / t.key_size[t.cell_key]).sum())
    precision_num = float((squared / t.response_size[t.cell_response]).sum())
    return _prf(recall_num, int(t.key_size.sum()), precision_num, int(t.response_size.sum()))


def _lea_side(size: np.ndarray, other_size: np.ndarray, count: np.ndarray) -> float:
    # Sum over clusters of |C| * resolved_links / links, where links = |C|(|C|-1)/2 and a cell of
    # overlap n resolves n(n-1)/2 of them; a singleton has one self-link, resolved when its mention
    # is a singleton on the other side too.
    multi = size > 1
    n = count[multi].astype(np.float64)
    total = float((n * (n - 1) / (size[multi] - 1)).sum())
    return total + float(np.count_nonzero((size == 1) & (other_size == 1)))


def _lea(t: _Table) -> PRF:
    ks, rs = t.key_size[t.cell_key], t.response_size[t.cell_response]
    recall_num = _lea_side(ks, rs, t.cell_count)
    precision_num = _lea_side(rs, ks, t.cell_count)
    return _prf(recall_num, int(t.key_size.sum()), precision_num, int(t.response_size.sum()))


def _sparse_assignment(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, n_rows: int, n_cols: int) -> float:
    """Maximum-weight matching of a sparse bipartite graph (weights in (0, 1]) without a dense matrix."""
    # As a minimum-cost full matching: each row also gets a private dummy column, so a full
    # matching always exists and leaving a row unmatched costs as much as a zero-weight edge.
    dummy = np.arange(n_rows)
    shape = (n_rows, n_cols + n_rows)
    cost = csr_matrix((np.concatenate([2.0 - weight, np.full(n_rows, 2.0)]),
                       (np.concatenate([rows, dummy]), np.concatenate([cols, n_cols + dummy]))), shape=shape)
    matched_rows, matched_cols = min_weight_full_bipartite_matching(cost)
    gain = csr_matrix((weight, (rows, cols)), shape=shape)
    return float(np.asarray(gain[matched_rows, matched_cols]).sum())


def _local_rank(component: np.ndarray, node: np.ndarray) -> np.ndarray:
    """Rank of each edge's node among the distinct nodes of its component (edges sorted by component)."""
    width = int(node.max()) + 1
    pairs, rank = np.unique(component * width + node, return_inverse=True)
    return rank.reshape(-1) - np.searchsorted(pairs // width, component)


def _two_row_matching(row: np.ndarray, col: np.ndarray, weight: np.ndarray, component: np.ndarray) -> float:
    """Total of the best matchings of components whose smaller side has exactly two nodes (rows)."""
    order = np.lexsort((-weight, row, component))
    row, col, weight = row[order], col[order], weight[order]
    first = np.flatnonzero(np.diff(row, prepend=-1))  # each row's heaviest edge; rows come in pairs
    after = np.minimum(first + 1, len(row) - 1)
    second = np.where((first + 1 < len(row)) & (row[after] == row[first]), weight[after], 0.0)
    best, best_col, second = weight[first].reshape(-1, 2), col[first].reshape(-1, 2), second.reshape(-1, 2)
    apart = best[:, 0] + best[:, 1]
    clash = np.maximum(best[:, 0] + second[:, 1], second[:, 0] + best[:, 1])
    return float(np.where(best_col[:, 0] != best_col[:, 1], apart, clash).sum())


def _top_two(node: np.ndarray, weight: np.ndarray, n_nodes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: its heaviest edge weight, its second heaviest (0 if none), and the heaviest edge's index."""
    order = np.lexsort((-weight, node))
    ordered = node[order]
    first = np.flatnonzero(np.diff(ordered, prepend=-1))
    top, second, top_edge = np.zeros(n_nodes), np.zeros(n_nodes), np.full(n_nodes, -1, dtype=np.int64)
    top[ordered[first]] = weight[order[first]]
    top_edge[ordered[first]] = order[first]
    after = first + 1
    has_second = after < len(ordered)
    has_second[has_second] = ordered[after[has_second]] == ordered[first[has_second]]
    second[ordered[first[has_second]]] = weight[order[after[has_second]]]
    return top, second, top_edge


def _fix_dominant_edges(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, n_rows: int,
                        n_cols: int) -> tuple[float, np.ndarray]:
    """Exact reduction: fix every edge at least as heavy as the best other edges at its two ends together.

    Some maximum matching holds such an edge (swap it in for those two), so it is taken and its ends
    dropped, round after round; returns the fixed weight and the indices of the edges left."""
    alive = np.arange(len(weight))
    total = 0.0
    while len(alive):
        r, c, w = rows[alive], cols[alive], weight[alive]
        index = np.arange(len(alive))
        top_r, second_r, edge_r = _top_two(r, w, n_rows)
        top_c, second_c, edge_c = _top_two(c, w, n_cols)
        other_r = np.where(edge_r[r] == index, second_r[r], top_r[r])
        other_c = np.where(edge_c[c] == index, second_c[c], top_c[c])
        dominant = w >= other_r + other_c
        # Two dominant edges can share an end only on a tie: leave those to the exact solvers.
        dominant &= np.bincount(r[dominant], minlength=n_rows)[r] == 1
        dominant &= np.bincount(c[dominant], minlength=n_cols)[c] == 1
        if not dominant.any():
            break
        total += float(w[dominant].sum())
        dead_r, dead_c = np.zeros(n_rows, dtype=bool), np.zeros(n_cols, dtype=bool)
        dead_r[r[dominant]] = True
        dead_c[c[dominant]] = True
        alive = alive[~(dead_r[r] | dead_c[c])]
    return total, alive


def _max_matching(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray, n_rows: int, n_cols: int,
                  reduce: bool = True) -> float:
    """Maximum total weight of a matching in a sparse bipartite graph, solved per connected component."""
    if not len(weight):
        return 0.0
    graph = coo_matrix((np.ones(len(weight), dtype=np.int8), (rows, n_rows + cols)),
                       shape=(n_rows + n_cols, n_rows + n_cols))
    n_components, label = connected_components(graph, directed=False)
    label = label.astype(np.int64)
    component = label[rows]
    rows_in = np.bincount(label[:n_rows][np.bincount(rows, minlength=n_rows) > 0], minlength=n_components)
    cols_in = np.bincount(label[n_rows:][np.bincount(cols, minlength=n_cols) > 0], minlength=n_components)
    smaller = np.minimum(rows_in, cols_in)[component]
    total = 0.0
    one = smaller == 1  # one node on a side: a matching holds one edge, the heaviest
    if one.any():
        best = np.zeros(n_components)
        np.maximum.at(best, component[one], weight[one])
        total += float(best.sum())
    two = np.flatnonzero(smaller == 2)
    if len(two):
        on_rows = rows_in[component[two]] == 2
        row_node, col_node = rows[two], n_rows + cols[two]
        total += _two_row_matching(np.where(on_rows, row_node, col_node), np.where(on_rows, col_node, row_node),
                                   weight[two], component[two])
    rest = np.flatnonzero(smaller > 2)
    if len(rest) and reduce:
        fixed, left = _fix_dominant_edges(rows[rest], cols[rest], weight[rest], n_rows, n_cols)
        left = rest[left]
        return total + fixed + _max_matching(rows[left], cols[left], weight[left], n_rows, n_cols, reduce=False)
    if len(rest):
        rest = rest[np.argsort(component[rest], kind="stable")]
        comp = component[rest]
        local_rows, local_cols = _local_rank(comp, rows[rest]), _local_rank(comp, cols[rest])
        rest_weight = weight[rest]
        starts = np.flatnonzero(np.diff(comp, prepend=-1))
        for begin, end, c in zip(starts.tolist(), np.append(starts[1:], len(rest)).tolist(), comp[starts].tolist()):
            n_r, n_c = int(rows_in[c]), int(cols_in[c])
            if n_r * n_c <= _DENSE_LIMIT:
                matrix = np.zeros((n_r, n_c))
                matrix[local_rows[begin:end], local_cols[begin:end]] = rest_weight[begin:end]
                chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
                total += float(matrix[chosen_rows, chosen_cols].sum())
            else:
                total += _sparse_assignment(local_rows[begin:end], local_cols[begin:end], rest_weight[begin:end],
                                            n_r, n_c)
    return total


def _ceaf_similarity(t: _Table) -> float:
    """The maximum total phi4 of a one-to-one key/response cluster alignment."""
    phi = 2.0 * t.cell_count / (t.key_size[t.cell_key] + t.response_size[t.cell_response])
    return _max_matching(t.cell_key, t.cell_response, phi, len(t.key_size), len(t.response_size))


def _ceaf_e(t: _Table) -> PRF:
    similarity = _ceaf_similarity(t)
    return _prf(similarity, int(np.count_nonzero(t.key_size)), similarity, int(np.count_nonzero(t.response_size)))


def _conll(muc_: PRF, b3: PRF, ceafe: PRF) -> float:
    return (muc_.f1 + b3.f1 + ceafe.f1) / 3


def _scores(t: _Table) -> dict:
    m, b, c, le = _muc(t), _b_cubed(t), _ceaf_e(t), _lea(t)
    return {"muc": m.as_dict(), "b3": b.as_dict(), "ceafe": c.as_dict(), "lea": le.as_dict(),
            "conll_f1": float(_conll(m, b, c))}


# ---------------------------------------------------------------------------------------------
# Public metric functions.


def muc(key: Clustering, response: Clustering) -> PRF:
    """MUC (Vilain et al. 1995): the share of each side's spanning links the other side keeps.

    Ignores singletons; 0.0 for a side without links (all singletons, one mention, empty)."""
    return _muc(_table(_encode(key, response)))


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters.

    Counts singletons and twinless mentions (as zero overlap); 0.0 for an empty side."""
    return _b_cubed(_table(_encode(key, response)))


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    """Entity CEAF (Luo 2005): optimal one-to-one cluster alignment under phi4 = 2|K∩R|/(|K|+|R|).

    Recall divides by the key's cluster count, precision by the response's; 0.0 for an empty side."""
    return _ceaf_e(_table(_encode(key, response)))


def lea(key: Clustering, response: Clustering) -> PRF:
    """LEA (Moosavi & Strube 2016): the size-weighted share of each cluster's links the other side resolves.

    A singleton has one self-link, resolved if its mention is a singleton on the other side; 0.0 for an empty side."""
    return _lea(_table(_encode(key, response)))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B-cubed and CEAF-e F1 (each 0.0 when degenerate)."""
    t = _table(_encode(key, response))
    return float(_conll(_muc(t), _b_cubed(t), _ceaf_e(t)))


def restrict_to_matched(key: Clustering, response: Clustering) -> tuple[dict, dict]:
    """Both clusterings restricted to the mentions present on both sides (exact twins).

    The "matched" setting of Cattan et al. (2021), which scores linking apart from mention detection."""
    return ({m: c for m, c in key.items() if m in response}, {m: c for m, c in response.items() if m in key})


# ---------------------------------------------------------------------------------------------
# Pairwise links, split by document.


def _pairs(n: np.ndarray) -> int:
    n = n.astype(np.int64)
    return int((n * (n - 1) // 2).sum())


def _within_pairs(cluster: np.ndarray, document: np.ndarray, n_documents: int) -> int:
    return _pairs(_runs(cluster * max(n_documents, 1) + document)[2])


def _pairwise(encoded: _Encoded, table: _Table, key: Clustering, response: Clustering,
              document_of: Callable[[Any], Hashable]) -> dict[str, PRF]:
    twinned = encoded.twin >= 0
    twinless = np.flatnonzero(~twinned)
    response_list = list(response) if len(twinless) else []
    documents = list(map(document_of, key))
    documents.extend(map(document_of, (response_list[i] for i in twinless.tolist())))
    codes, n_documents = _factorize(documents, len(documents))
    key_document = codes[:len(key)]
    response_document = np.empty(len(response), dtype=np.int64)
    response_document[twinned] = key_document[encoded.twin[twinned]]
    response_document[twinless] = codes[len(key):]

    gold_all, predicted_all = _pairs(table.key_size), _pairs(table.response_size)
    correct_all = _pairs(table.cell_count)
    gold_within = _within_pairs(encoded.key_cluster, key_document, n_documents)
    predicted_within = _within_pairs(encoded.response_cluster, response_document, n_documents)
    correct_within = _within_pairs(table.cell_of, response_document[twinned], n_documents)
    result = {}
    for name, correct, gold, predicted in (
            ("within_document", correct_within, gold_within, predicted_within),
            ("cross_document", correct_all - correct_within, gold_all - gold_within, predicted_all - predicted_within)):
        result[name] = _prf(correct, gold, correct, predicted)
    return result


def pairwise(key: Clustering, response: Clustering,
             document_of: Callable[[Any], Hashable]) -> dict[str, PRF]:
    """Precision/recall/F1 of links (unordered same-id mention pairs), split into within- and cross-document.

    Counted from cluster sizes, not pair by pair; a class without gold (predicted) pairs has recall (precision) 0."""
    encoded = _encode(key, response)
    return _pairwise(encoded, _table(encoded), key, response, document_of)


def linking_report(key: Clustering, response: Clustering,
                   document_of: Callable[[Any], Hashable]) -> dict:
    """All linking figures as plain floats: end-to-end and matched metrics, pairwise links, mention counts.

    Encodes the input once and derives every figure from one contingency table."""
    encoded = _encode(key, response)
    table = _table(encoded)
    matched = int(np.count_nonzero(encoded.twin >= 0))
    return {
        "end_to_end": _scores(table),
        "matched": _scores(_matched_table(table)),
        "pairwise": {name: prf.as_dict()
                     for name, prf in _pairwise(encoded, table, key, response, document_of).items()},
        "mentions": {"key": len(key), "response": len(response), "matched": matched},
    }


# ---------------------------------------------------------------------------------------------
# Timing on synthetic data: python -m kiwi_bench.scoring.linking [n_mentions]


def _synthetic(n_mentions: int, n_clusters: int, seed: int = 0) -> tuple[dict, dict]:
    """A key of n_mentions in n_clusters over documents of ~50 mentions, and an erroneous response."""
    rng = np.random.default_rng(seed)
    document = np.arange(n_mentions) // 50
    start = (np.arange(n_mentions) % 50) * 10
    gold = rng.integers(0, n_clusters, n_mentions)
    predicted = gold.copy()
    merge = rng.random(n_clusters) < 0.05  # 5% of clusters merged into a neighbour
    predicted = np.where(merge[predicted], (predicted + 1) % n_clusters, predicted)
    split = rng.random(n_mentions) < 0.05  # 5% of mentions split off into new clusters
    predicted[split] = n_clusters + rng.integers(0, n_clusters // 2 + 1, int(split.sum()))
    wrong = rng.random(n_mentions) < 0.03  # 3% linked to a random other cluster
    predicted[wrong] = rng.integers(0, n_clusters, int(wrong.sum()))
    end = start + 2
    end[rng.random(n_mentions) < 0.02] += 1  # 2% boundary errors
    keep = rng.random(n_mentions) >= 0.03  # 3% missed
    key = dict(zip(zip(document.tolist(), start.tolist(), (start + 2).tolist()), gold.tolist()))
    response = dict(zip(zip(document[keep].tolist(), start[keep].tolist(), end[keep].tolist()),
                        predicted[keep].tolist()))
    n_spurious = n_mentions // 50  # spurious mentions at offsets no key mention uses
    spurious_doc = rng.integers(0, document[-1] + 1, n_spurious)
    for i, (d, c) in enumerate(zip(spurious_doc.tolist(), rng.integers(0, 2 * n_clusters, n_spurious).tolist())):
        offset = 5 + 10 * (i % 50)
        response[(d, offset, offset + 1)] = c
    return key, response


if __name__ == "__main__":  # pragma: no cover
    import sys
    import time
    from operator import itemgetter

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    key_, response_ = _synthetic(size, size // 5)
    began = time.perf_counter()
    report = linking_report(key_, response_, itemgetter(0))
    elapsed = time.perf_counter() - began
    print(f"linking_report on {len(key_):,} key / {len(response_):,} response mentions: {elapsed:.2f} s")
    print(report)
