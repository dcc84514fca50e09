"""Span-free scoring, for systems (such as LLMs) that give no offsets: multiset matching per document.

Entities match on (normalised text, label) (and sentiment, for the end-to-end figure), amounts
on (kind, currency) and a value within the relative tolerance. True positives per document are
the size of the multiset intersection, so the counts belong to documents and the bootstrap of
span-free figures resamples documents. Each function scores the documents of one `Scope`
(numbered locally in its columns); the text codes only need to agree within that call.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from kiwi_bench.scoring import columns as col
from kiwi_bench.scoring.codes import ENTITY_LABEL_CODES, ENTITY_SENTIMENT_CODES, Vocabulary, normalise_text
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.predicted import FreeColumns
from kiwi_bench.scoring.spans import ABSENT, SpanColumns
from kiwi_bench.scoring.statistics import Scope, Statistics, per_unit, values_close

SENTIMENT_COLUMNS = (col.EFREE_E2E_TP, col.EFREE_E2E_ACTUAL, col.EFREE_E2E_POSSIBLE)


def multiset_hits(doc_gold: np.ndarray, key_gold: np.ndarray, doc_pred: np.ndarray, key_pred: np.ndarray,
                  n_docs: int) -> np.ndarray:
    """Per document: the size of the multiset intersection of gold and predicted keys (ints >= 0)."""
    width = int(max(key_gold.max(initial=0), key_pred.max(initial=0))) + 1
    gold_keys, gold_counts = np.unique(doc_gold * width + key_gold, return_counts=True)
    pred_keys, pred_counts = np.unique(doc_pred * width + key_pred, return_counts=True)
    common, in_gold, in_pred = np.intersect1d(gold_keys, pred_keys, assume_unique=True, return_indices=True)
    return per_unit(common // width, n_docs, np.minimum(gold_counts[in_gold], pred_counts[in_pred]))


def gold_text_codes(gold: Gold, items: SpanColumns, texts: Vocabulary) -> np.ndarray:
    """Normalised-text codes of the gold entities `items` (global offsets and documents), in their order."""
    starts = items.start - gold.doc_base[items.doc]
    ends = items.end - gold.doc_base[items.doc]
    documents = gold.documents
    return np.array([texts.code(normalise_text(documents[d]["text"][s:e]))
                     for d, s, e in zip(items.doc.tolist(), starts.tolist(), ends.tolist())], dtype=np.int64)


def entity_statistics(gold: Gold, scope: Scope, pred: FreeColumns, texts: Vocabulary, stats: Statistics,
                      sentiment_given: bool) -> None:
    """Document columns for span-free entities of `scope` (and end-to-end sentiment when predictions give it)."""
    texts = texts.copy()
    n, labels, sentiments = scope.n_documents, len(ENTITY_LABEL_CODES), len(ENTITY_SENTIMENT_CODES)
    items = scope.items(gold.entities)
    gold_doc, pred_doc = scope.document(items.doc), scope.document(pred.doc)
    gold_key = gold_text_codes(gold, items, texts) * labels + items.label
    pred_key = pred.key * labels + pred.label
    stats.document.update({
        col.EFREE_TP: multiset_hits(gold_doc, gold_key, pred_doc, pred_key, n),
        col.EFREE_ACTUAL: per_unit(pred_doc, n), col.EFREE_POSSIBLE: per_unit(gold_doc, n)})
    if sentiment_given:
        gold_sentiment, pred_sentiment = items.attrs["sentiment"], pred.attrs["sentiment"]
        known, given = gold_sentiment != ABSENT, pred_sentiment != ABSENT
        stats.document.update({
            col.EFREE_E2E_TP: multiset_hits(gold_doc[known], (gold_key * sentiments + gold_sentiment)[known],
                                          pred_doc[given], (pred_key * sentiments + pred_sentiment)[given], n),
            col.EFREE_E2E_ACTUAL: per_unit(pred_doc, n), col.EFREE_E2E_POSSIBLE: per_unit(gold_doc[known], n)})


def _matched_values(gold_values: list[float], pred_values: list[float]) -> int:
    """Size of a maximum matching of sorted values within the tolerance (two pointers)."""
    gold_values, pred_values = sorted(gold_values), sorted(pred_values)
    i = j = hits = 0
    while i < len(gold_values) and j < len(pred_values):
        if values_close(np.float64(gold_values[i]), np.float64(pred_values[j])):
            hits, i, j = hits + 1, i + 1, j + 1
        elif gold_values[i] < pred_values[j]:
            i += 1
        else:
            j += 1
    return hits


def _groups(doc: np.ndarray, kind: np.ndarray, currency: np.ndarray, value: np.ndarray) -> dict:
    groups: dict[tuple[int, int, int], list[float]] = defaultdict(list)
    for key in zip(doc.tolist(), kind.tolist(), currency.tolist(), value.tolist()):
        groups[key[:3]].append(key[3])
    return groups


def amount_statistics(gold: Gold, scope: Scope, pred: FreeColumns, stats: Statistics) -> None:
    """Document columns for span-free amounts of `scope`: (kind, value, currency) multiset matching."""
    n = scope.n_documents
    items = scope.items(gold.amounts)
    gold_doc, pred_doc = scope.document(items.doc), scope.document(pred.doc)
    gold_groups = _groups(gold_doc, items.label, items.attrs["currency"], items.attrs["value"])
    pred_groups = _groups(pred_doc, pred.label, pred.attrs["currency"], pred.attrs["value"])
    tp = np.zeros(n, dtype=np.int64)
    for key, values in pred_groups.items():
        if key in gold_groups:
            tp[key[0]] += _matched_values(gold_groups[key], values)
    stats.document.update({col.AFREE_TP: tp, col.AFREE_ACTUAL: per_unit(pred_doc, n),
                           col.AFREE_POSSIBLE: per_unit(gold_doc, n)})
