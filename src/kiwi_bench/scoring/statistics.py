"""Sufficient statistics: per-sentence (and per-document) counts computed once from the alignment.

Each count belongs to exactly one sentence: a matched pair and a missed gold item to the gold
item's sentence, a spurious prediction to its own sentence. Every metric, bootstrap resample
and paired comparison is a function of sums of these columns; nothing is matched twice.
Per-label totals and confusion matrices (not resampled) are kept beside them for the report.

Per-label attribution: correct, incorrect and partial pairs and misses count for the gold
label (they make up its `possible`), predictions count for their own label (`actual`), so the
per-label figures add up to the overall ones.

Alignment never crosses documents and every count belongs to one sentence or document, so the
statistics of a split are the sums of the statistics of any partition of its documents. A
`Scope` is one part: some documents and their sentences, numbered 0..n-1 in that part's own
columns (or the whole split, numbered as in the gold), which `kiwi_bench.scoring.stream` adds
into split-sized columns batch by batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from kiwi_bench.scoring import columns as col
from kiwi_bench.scoring.align import Alignment, align
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.spans import ABSENT, SpanColumns

SCHEMES = ("strict", "exact", "partial", "type")
VALUE_TOLERANCE = 1e-6
ENTITY_SENTIMENT_COLUMNS = (col.ESENT_CORRECT, col.ESENT_SCORED, col.E2E_TP, col.E2E_POSSIBLE, col.E2E_ACTUAL)


@dataclass
class Statistics:
    """Per-sentence and per-document columns (name -> counts) plus totals for the report."""

    sentence: dict[str, np.ndarray] = field(default_factory=dict)
    document: dict[str, np.ndarray] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Some documents of a split (sorted global indices) and their sentences, numbered locally.

    Local sentence k is global sentence `sentences[k]` and local document k is `docs[k]`; for the
    whole split (`docs is None`) local and global numbers are the same.
    """

    docs: np.ndarray | None
    sentences: np.ndarray | None
    shift: np.ndarray | None
    n_sentences: int
    n_documents: int

    @classmethod
    def whole(cls, gold: Gold) -> "Scope":
        return cls(None, None, None, gold.n_sentences, gold.n_documents)

    @classmethod
    def of(cls, gold: Gold, docs: np.ndarray) -> "Scope":
        """The documents `docs` (sorted, unique global indices) of `gold`."""
        docs = np.asarray(docs, dtype=np.int64)
        if len(docs) == gold.n_documents:
            return cls.whole(gold)
        first = gold.first_sentence[docs]
        counts = gold.last_sentence[docs] - first + 1
        local_first = np.cumsum(counts) - counts
        sentences = np.repeat(first - local_first, counts) + np.arange(int(counts.sum()), dtype=np.int64)
        return cls(docs, sentences, local_first - first, int(counts.sum()), len(docs))

    @property
    def is_whole(self) -> bool:
        return self.docs is None

    def document(self, doc: np.ndarray) -> np.ndarray:
        """Local index of global documents `doc` (all inside the scope)."""
        return doc if self.docs is None else np.searchsorted(self.docs, doc)

    def items(self, columns: SpanColumns) -> SpanColumns:
        """The gold items of the scope's documents (columns sorted by document), sentences numbered locally."""
        if self.docs is None:
            return columns
        low = np.searchsorted(columns.doc, self.docs, side="left")
        counts = np.searchsorted(columns.doc, self.docs, side="right") - low
        index = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()), dtype=np.int64)
        return self.local(columns.take(index))

    def local(self, columns: SpanColumns) -> SpanColumns:
        """Items of the scope's documents with their sentences numbered locally (documents stay global)."""
        if self.docs is None:
            return columns
        return replace(columns, sentence=columns.sentence + self.shift[self.document(columns.doc)])  # type: ignore[index]


def per_unit(index: np.ndarray, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Counts (or weight sums) per sentence/document/label index, as int64."""
    if weights is not None:
        weights = np.asarray(weights, dtype=np.float64)
    return np.bincount(index, weights=weights, minlength=n).astype(np.int64)


def values_close(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a - b| <= 1e-6 * max(|a|, |b|): the spec's relative tolerance for amount values."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.abs(a - b) <= VALUE_TOLERANCE * np.maximum(np.abs(a), np.abs(b))


def scheme_masks(same_span: np.ndarray, same_label: np.ndarray) -> dict[str, np.ndarray]:
    """Which matched pairs are correct under each scheme (the others are incorrect, or partial)."""
    return {"strict": same_span & same_label, "exact": same_span, "partial": same_span, "type": same_label}


def label_counts(gold: SpanColumns, pred: SpanColumns, alignment: Alignment, n_labels: int) -> dict[str, dict]:
    """SemEval-2013 counts per scheme and label, attributed as the module docstring says."""
    g, p = alignment.pairs
    gl, pl = gold.label[g], pred.label[p]
    same_span = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p])
    missed = per_unit(gold.label[alignment.gold_match < 0], n_labels)
    spurious = per_unit(pred.label[alignment.pred_match < 0], n_labels)
    zero = np.zeros(n_labels, dtype=np.int64)
    result = {}
    for scheme, correct in scheme_masks(same_span, gl == pl).items():
        wrong = "partial" if scheme == "partial" else "incorrect"
        counts = {"correct": per_unit(gl, n_labels, correct), "incorrect": zero, "partial": zero,
                  "missed": missed, "spurious": spurious,
                  "correct_pred": per_unit(pl, n_labels, correct), "incorrect_pred": zero, "partial_pred": zero}
        counts[wrong] = per_unit(gl, n_labels, ~correct)
        counts[f"{wrong}_pred"] = per_unit(pl, n_labels, ~correct)
        result[scheme] = counts
    return result


def confusion(gold: SpanColumns, pred: SpanColumns, alignment: Alignment, n_labels: int) -> np.ndarray:
    """(labels+1) x (labels+1) counts of aligned pairs; the last row/column is "no item" (spurious/missed)."""
    g, p = alignment.pairs
    size = n_labels + 1
    cells = np.concatenate([gold.label[g] * size + pred.label[p],
                            gold.label[alignment.gold_match < 0] * size + n_labels,
                            n_labels * size + pred.label[alignment.pred_match < 0]])
    return np.bincount(cells, minlength=size * size).reshape(size, size)


def span_columns(gold: SpanColumns, pred: SpanColumns, alignment: Alignment, n: int, prefix: str) -> dict[str, np.ndarray]:
    """Per-sentence possible, actual, matched and the correct counts of every scheme."""
    g, p = alignment.pairs
    sentence = gold.sentence[g]
    same_span = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p])
    same_label = gold.label[g] == pred.label[p]
    matched = per_unit(sentence, n)
    return {
        col.span(prefix, "possible"): per_unit(gold.sentence, n),
        col.span(prefix, "actual"): matched + per_unit(pred.sentence[alignment.pred_match < 0], n),
        col.span(prefix, "matched"): matched,
        col.span(prefix, "strict"): per_unit(sentence, n, same_span & same_label),
        col.span(prefix, "exact"): per_unit(sentence, n, same_span),
        col.span(prefix, "type"): per_unit(sentence, n, same_label),
    }


def classification_columns(gold_codes: np.ndarray, pred_codes: np.ndarray, n_labels: int, prefix: str) -> dict[str, np.ndarray]:
    """Per-item columns for a classification layer: correct, scored, and tp/fp/fn per label.

    Items whose gold label is unknown (ABSENT) are not scored; a missing prediction is wrong.
    """
    scored = gold_codes != ABSENT
    correct = scored & (gold_codes == pred_codes)
    columns = {col.classification(prefix, "correct"): correct.astype(np.int64), col.classification(prefix, "scored"): scored.astype(np.int64)}
    for label in range(n_labels):
        columns[col.label_count(prefix, "tp", label)] = (correct & (gold_codes == label)).astype(np.int64)
        columns[col.label_count(prefix, "fp", label)] = (scored & ~correct & (pred_codes == label)).astype(np.int64)
        columns[col.label_count(prefix, "fn", label)] = (scored & ~correct & (gold_codes == label)).astype(np.int64)
    return columns


def confusion_counts(gold_codes: np.ndarray, pred_codes: np.ndarray, n_labels: int) -> np.ndarray:
    """n_labels x (n_labels+1) confusion of scored items; the last column counts missing predictions."""
    scored = gold_codes != ABSENT
    predicted = np.where(pred_codes == ABSENT, n_labels, pred_codes)
    cells = gold_codes[scored] * (n_labels + 1) + predicted[scored]
    return np.bincount(cells, minlength=n_labels * (n_labels + 1)).reshape(n_labels, n_labels + 1)


def entity_agreement(gold: SpanColumns, pred: SpanColumns):
    """Tie-break score of a candidate pair: 1 when the predicted sentiment is given and right."""
    def score(g: np.ndarray, p: np.ndarray) -> np.ndarray:
        ps = pred.attrs["sentiment"][p]
        return ((ps != ABSENT) & (ps == gold.attrs["sentiment"][g])).astype(np.int64)
    return score


def amount_hits(gold: SpanColumns, pred: SpanColumns, g: np.ndarray, p: np.ndarray) -> dict[str, np.ndarray]:
    """Per pair: value (within tolerance, same currency) and each optional attribute right and given."""
    hits = {"value": values_close(gold.attrs["value"][g], pred.attrs["value"][p])
                     & (gold.attrs["currency"][g] == pred.attrs["currency"][p])}
    for name in ("qualifier", "per", "unit"):
        given = pred.attrs[name][p] != ABSENT
        hits[f"{name}_given"] = given
        hits[name] = given & (pred.attrs[name][p] == gold.attrs[name][g])
    return hits


def amount_agreement(gold: SpanColumns, pred: SpanColumns):
    """Tie-break score: value first, then qualifier, per and unit."""
    def score(g: np.ndarray, p: np.ndarray) -> np.ndarray:
        hits = amount_hits(gold, pred, g, p)
        return 8 * hits["value"] + 4 * hits["qualifier"] + 2 * hits["per"] + hits["unit"].astype(np.int64)
    return score


def entity_statistics(gold_items: SpanColumns, pred: SpanColumns, n: int, stats: Statistics, n_labels: int,
                      sentiments: int, sentiment_given: bool) -> None:
    """Entity columns (all schemes, entity sentiment) and details for the report.

    `gold_items` and `pred` are the items of one scope with sentences numbered 0..n-1.
    """
    alignment = align(gold_items, pred, entity_agreement(gold_items, pred))
    stats.sentence.update(span_columns(gold_items, pred, alignment, n, col.ENTITIES))
    stats.details["entities"] = {"labels": label_counts(gold_items, pred, alignment, n_labels),
                                 "confusion": confusion(gold_items, pred, alignment, n_labels),
                                 "gold": len(gold_items), "predicted": len(pred)}
    if sentiment_given:
        _entity_sentiment(gold_items, pred, alignment, stats, n, sentiments)


def _entity_sentiment(gold: SpanColumns, pred: SpanColumns, alignment: Alignment, stats: Statistics, n: int,
                      sentiments: int) -> None:
    g, p = alignment.pairs
    strict = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p]) & (gold.label[g] == pred.label[p])
    gs, ps = gold.attrs["sentiment"][g], pred.attrs["sentiment"][p]
    known = gs != ABSENT
    scored = strict & known & (ps != ABSENT)
    right = scored & (gs == ps)
    sentence = gold.sentence[g]
    stats.sentence.update({
        col.ESENT_CORRECT: per_unit(sentence, n, right), col.ESENT_SCORED: per_unit(sentence, n, scored),
        col.E2E_TP: per_unit(sentence, n, right),
        col.E2E_POSSIBLE: per_unit(gold.sentence, n, gold.attrs["sentiment"] != ABSENT),
        col.E2E_ACTUAL: stats.sentence[col.span(col.ENTITIES, "actual")] - per_unit(sentence, n, strict & ~known),
    })
    cells = gs[scored] * sentiments + ps[scored]
    stats.details["entity_sentiment"] = {
        "confusion": np.bincount(cells, minlength=sentiments * sentiments).reshape(sentiments, sentiments),
        "strict_matches": int(strict.sum()), "gold_known": int((gold.attrs["sentiment"] != ABSENT).sum())}


def amount_statistics(gold_items: SpanColumns, pred: SpanColumns, n: int, stats: Statistics, n_kinds: int) -> None:
    """Amount columns (span, value, end to end) and attribute accuracies for the report (items as above)."""
    alignment = align(gold_items, pred, amount_agreement(gold_items, pred))
    stats.sentence.update(span_columns(gold_items, pred, alignment, n, col.AMOUNTS))
    g, p = alignment.pairs
    sentence = gold_items.sentence[g]
    exact = (gold_items.start[g] == pred.start[p]) & (gold_items.end[g] == pred.end[p])
    hits = amount_hits(gold_items, pred, g, p)
    same_kind = gold_items.label[g] == pred.label[p]
    stats.sentence[col.AMT_VALUE] = per_unit(sentence, n, exact & hits["value"])
    stats.sentence[col.AMT_E2E] = per_unit(sentence, n, exact & hits["value"] & same_kind)
    attributes = {"kind": {"correct": int((exact & same_kind).sum()), "scored": int(exact.sum())}}
    for name in ("qualifier", "per", "unit"):
        attributes[name] = {"correct": int((exact & hits[name]).sum()), "scored": int((exact & hits[f"{name}_given"]).sum()),
                            "matched": int(exact.sum())}
    stats.details["amounts"] = {"labels": label_counts(gold_items, pred, alignment, n_kinds),
                                "confusion": confusion(gold_items, pred, alignment, n_kinds),
                                "attributes": attributes, "gold": len(gold_items), "predicted": len(pred)}
