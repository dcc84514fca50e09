"""One order-independent, one-to-one alignment of predicted to gold spans, shared by every scheme.

Rule: among all (gold, predicted) pairs that overlap (half-open spans; touching is not
overlapping), pairs are ranked by

1. tier: exact span and same label, then exact span, then same-label overlap, then any overlap;
2. larger overlap (in characters) first;
3. more agreeing attributes first (entity sentiment; amount value/currency, qualifier, per, unit);
4. then gold position and the prediction's canonical position (its content order, never its
   position in the input list, so shuffling the predictions changes nothing).

The alignment is the greedy matching on that ranking: take the best-ranked pair, remove both
its items, repeat. Every scheme (strict, exact, partial, type) and every attribute metric is
then read off the same matched pairs.

Implementation: a pair whose gold and predicted items overlap nothing else ("lone") is matched
without ranking: no other pair can take either item, so the greedy matching takes it whatever its
rank (most pairs of a good system are lone). For the rest, the greedy matching equals repeatedly
taking every pair that is the best remaining pair of both its gold and its predicted item
("locally dominant"), which numpy does for all pairs at once; the few pairs left after some
rounds (long chains of overlaps) are finished by the plain greedy loop, which gives the same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from kiwi_bench.scoring.spans import SpanColumns

_ROUNDS = 32
_SEQUENTIAL_BELOW = 256


@dataclass(frozen=True)
class Alignment:
    """Matched pairs: `gold_match[g]` is the matched prediction of gold g (or -1), and vice versa."""

    gold_match: np.ndarray
    pred_match: np.ndarray

    @property
    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(gold indices, prediction indices) of the matched pairs, in gold order."""
        gold = np.flatnonzero(self.gold_match >= 0)
        return gold, self.gold_match[gold]


def overlapping_pairs(gold: SpanColumns, pred: SpanColumns) -> tuple[np.ndarray, np.ndarray]:
    """All (gold, prediction) index pairs whose spans share at least one character.

    Gold columns are sorted by global start; for each prediction the candidates are the gold
    spans starting before its end and after its start minus the longest gold span.
    """
    if len(gold) == 0 or len(pred) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    longest = int((gold.end - gold.start).max())
    low = np.searchsorted(gold.start, pred.start - longest, side="right")
    high = np.searchsorted(gold.start, pred.end, side="left")
    counts = np.maximum(high - low, 0)
    pred_index = np.repeat(np.arange(len(pred)), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    gold_index = np.repeat(low, counts) + within
    keep = gold.end[gold_index] > pred.start[pred_index]
    return gold_index[keep], pred_index[keep]


def rank_pairs(gold: SpanColumns, pred: SpanColumns, g: np.ndarray, p: np.ndarray,
               agreement: Callable[[np.ndarray, np.ndarray], np.ndarray] | None) -> np.ndarray:
    """Order of the candidate pairs from best to worst (see the module docstring)."""
    same_span = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p])
    same_label = gold.label[g] == pred.label[p]
    tier = np.where(same_span, np.where(same_label, 0, 1), np.where(same_label, 2, 3))
    overlap = np.minimum(gold.end[g], pred.end[p]) - np.maximum(gold.start[g], pred.start[p])
    agree = agreement(g, p) if agreement is not None else np.zeros(len(g), dtype=np.int64)
    return np.lexsort((p, g, -agree, -overlap, tier))


def _first_occurrences(values: np.ndarray) -> np.ndarray:
    """Mask of the positions holding the first occurrence of their value."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    mask = np.zeros(len(values), dtype=bool)
    mask[order[first]] = True
    return mask


def greedy_matching(g: np.ndarray, p: np.ndarray, n_gold: int, n_pred: int) -> Alignment:
    """The greedy one-to-one matching of pairs (g[k], p[k]) given in rank order (best first)."""
    gold_match = np.full(n_gold, -1, dtype=np.int64)
    pred_match = np.full(n_pred, -1, dtype=np.int64)
    for _ in range(_ROUNDS):
        if len(g) < _SEQUENTIAL_BELOW:
            break
        dominant = _first_occurrences(g) & _first_occurrences(p)
        gold_match[g[dominant]] = p[dominant]
        pred_match[p[dominant]] = g[dominant]
        alive = (gold_match[g] < 0) & (pred_match[p] < 0)
        g, p = g[alive], p[alive]
    for gi, pi in zip(g.tolist(), p.tolist()):
        if gold_match[gi] < 0 and pred_match[pi] < 0:
            gold_match[gi], pred_match[pi] = pi, gi
    return Alignment(gold_match, pred_match)


def align(gold: SpanColumns, pred: SpanColumns,
          agreement: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None) -> Alignment:
    """The alignment of `pred` to `gold` (both in canonical order); `agreement` scores attribute ties."""
    g, p = overlapping_pairs(gold, pred)
    lone = (np.bincount(g, minlength=len(gold))[g] == 1) & (np.bincount(p, minlength=len(pred))[p] == 1)
    g_rest, p_rest = g[~lone], p[~lone]
    order = rank_pairs(gold, pred, g_rest, p_rest, agreement)
    alignment = greedy_matching(g_rest[order], p_rest[order], len(gold), len(pred))
    alignment.gold_match[g[lone]] = p[lone]
    alignment.pred_match[p[lone]] = g[lone]
    return alignment
