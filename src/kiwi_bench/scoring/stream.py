"""Statistics summed over batches of documents, so that memory does not grow with the predictions.

Alignment never crosses documents and every statistic is a per-sentence or per-document count
(or a total of such counts), so scoring a split in parts and adding the parts' statistics gives
exactly the statistics of scoring it at once. `StatisticsAccumulator` does that: each batch
(`PredictionBuilder.take_batch`: the documents read since the last batch and their items) is
aligned against the gold items of its own documents (a `Scope`), its per-sentence and
per-document columns are added into split-sized columns and its item columns are dropped.
Documents that had no item of a layer before its mode (span or span-free) was known, and
documents missing from the file (`--allow-missing`), are scored with no predictions in the
final mode by `finish`. Sentence and document sentiment are split-sized arrays anyway and are
scored once at the end.

`StreamingBuilder` is a drop-in for `PredictionBuilder` (`add`, `finish`) that takes a batch
whenever more than `batch_items` entities and amounts are waiting, so peak memory is the
gold-sized structures plus one batch. Its result, `ScoredPredictions`, goes to `evaluate` and
`compare` like `Predictions`. A normal file is one batch, scored with the same vectorised code.
No file is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, SENTENCE_SENTIMENTS
from kiwi_bench.scoring import columns as col
from kiwi_bench.scoring import spanfree, statistics
from kiwi_bench.scoring.codes import Vocabulary
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.predicted import SPAN, EntityLinks, FreeColumns, PredictionBuilder, Predictions
from kiwi_bench.scoring.spans import empty_columns
from kiwi_bench.scoring.statistics import Scope, Statistics

BATCH_ITEMS = 200_000
"""Default batch size of `StreamingBuilder`: predicted entities plus amounts held before they are scored."""

LAYERS = ("entities", "amounts")
_ATTRIBUTES = {"entities": ("sentiment",), "amounts": ("value", "currency", "qualifier", "per", "unit")}


@dataclass(frozen=True)
class ScoredPredictions:
    """A prediction file already reduced to its statistics (what `evaluate` needs, without item columns).

    The fields the report reads have the meaning they have in `Predictions`.
    """

    entity_mode: str | None
    entity_sentiment_given: bool
    amount_mode: str | None
    sentence_sentiment: np.ndarray | None
    document_sentiment: np.ndarray | None
    documents_seen: np.ndarray
    statistics: Statistics
    batches: int
    entity_ids_given: bool = False
    entity_links: EntityLinks | None = None


def _empty(layer: str, mode: str):
    """A layer with no predicted items in `mode`."""
    if mode == SPAN:
        columns = empty_columns(_ATTRIBUTES[layer])
        if layer == "amounts":
            columns.attrs["value"] = np.zeros(0, dtype=np.float64)  # type: ignore[index]
        return columns
    ints = np.zeros(0, dtype=np.int64)
    attrs = {name: (np.zeros(0, dtype=np.float64) if name == "value" else ints.copy()) for name in _ATTRIBUTES[layer]}
    return FreeColumns(doc=ints, label=ints.copy(), key=ints.copy(), attrs=attrs)


def layer_statistics(gold: Gold, scope: Scope, layer: str, mode: str, pred, texts: Vocabulary) -> Statistics:
    """Statistics of one layer on the documents of `scope` (its columns numbered locally).

    `pred` holds exactly the predicted items of those documents (`texts`: the codes of their
    span-free texts). Sentiment columns are always
    computed: whether the file gives entity sentiment is known only at its end.
    """
    stats = Statistics()
    if layer == "entities" and mode == SPAN:
        statistics.entity_statistics(scope.items(gold.entities), scope.local(pred), scope.n_sentences, stats,
                                     len(ENTITY_LABELS), len(ENTITY_SENTIMENTS), True)
    elif layer == "entities":
        spanfree.entity_statistics(gold, scope, pred, texts, stats, True)
    elif mode == SPAN:
        statistics.amount_statistics(scope.items(gold.amounts), scope.local(pred), scope.n_sentences, stats,
                                     len(AMOUNT_KINDS))
    else:
        spanfree.amount_statistics(gold, scope, pred, stats)
    return stats


def _merge(total: Any, part: Any) -> Any:
    """Sum of two report totals (nested dicts of ints and arrays); never modifies either."""
    if total is None:
        return part
    if isinstance(total, dict):
        return {key: _merge(total.get(key), part.get(key)) if key in part else total[key]
                for key in {**total, **part}}
    return total + part


class StatisticsAccumulator:
    """Per-layer statistics of a split, summed over batches of documents (see the module docstring)."""

    def __init__(self, gold: Gold):
        self.gold = gold
        self.parts: dict[str, Statistics] = {layer: Statistics() for layer in LAYERS}
        self.covered = {layer: np.zeros(gold.n_documents, dtype=bool) for layer in LAYERS}
        self.modes: dict[str, str | None] = {layer: None for layer in LAYERS}
        self.batches = 0

    def add(self, batch: Predictions, scope: Scope | None = None) -> None:
        """Score a batch: the documents of `batch.documents_seen` (or `scope`) and all their items.

        A layer whose mode is None is skipped (no item of it seen yet); its documents are scored
        as empty by `finish`. Every document must be added at most once per layer.
        """
        if scope is None:
            scope = Scope.of(self.gold, np.flatnonzero(batch.documents_seen))
        self.batches += 1
        for layer, mode, pred in (("entities", batch.entity_mode, batch.entities),
                                  ("amounts", batch.amount_mode, batch.amounts)):
            if mode is None:
                continue
            if self.modes[layer] not in (None, mode):
                raise ValueError(f"{layer}: {mode} batch after {self.modes[layer]} batches")
            self.modes[layer] = mode
            self._add(layer, scope, layer_statistics(self.gold, scope, layer, mode, pred, batch.texts))

    def _add(self, layer: str, scope: Scope, stats: Statistics) -> None:
        part, covered = self.parts[layer], self.covered[layer]
        if scope.is_whole:
            covered[:] = True
        else:
            covered[scope.docs] = True
        for level, index, size in (("sentence", scope.sentences, self.gold.n_sentences),
                                   ("document", scope.docs, self.gold.n_documents)):
            totals = getattr(part, level)
            for name, column in getattr(stats, level).items():
                if index is None:
                    totals[name] = column if name not in totals else totals[name] + column
                else:
                    if name not in totals:
                        totals[name] = np.zeros(size, dtype=np.int64)
                    totals[name][index] += column
        part.details = _merge(part.details or None, stats.details) or {}

    def finish(self, predictions: Predictions) -> ScoredPredictions:
        """The split's statistics; `predictions` is the builder's final state (final modes, sentiments).

        Its item columns are not used (after the last batch they are empty).
        """
        stats = Statistics()
        for layer, mode in (("entities", predictions.entity_mode), ("amounts", predictions.amount_mode)):
            if mode is None:
                continue
            rest = np.flatnonzero(~self.covered[layer])
            if len(rest):
                scope = Scope.of(self.gold, rest)
                self._add(layer, scope, layer_statistics(self.gold, scope, layer, mode, _empty(layer, mode),
                                                         Vocabulary()))
            part = self.parts[layer]
            if layer == "entities" and not predictions.entity_sentiment_given:
                for name in (*statistics.ENTITY_SENTIMENT_COLUMNS, *spanfree.SENTIMENT_COLUMNS):
                    part.sentence.pop(name, None)
                    part.document.pop(name, None)
                part.details.pop("entity_sentiment", None)
            stats.sentence.update(part.sentence)
            stats.document.update(part.document)
            stats.details.update(part.details)
        classify(self.gold, stats, predictions)
        return ScoredPredictions(
            entity_mode=predictions.entity_mode, entity_sentiment_given=predictions.entity_sentiment_given,
            amount_mode=predictions.amount_mode, sentence_sentiment=predictions.sentence_sentiment,
            document_sentiment=predictions.document_sentiment, documents_seen=predictions.documents_seen,
            statistics=stats, batches=self.batches, entity_ids_given=predictions.entity_ids_given,
            entity_links=predictions.entity_links)


def classify(gold: Gold, stats: Statistics, predictions: Predictions) -> None:
    """Sentence and document sentiment columns (split-sized, scored once).

    The gold codes are read only for a predicted level: gold sentence sentiments come from the documents'
    sentence dicts on first use, which costs a pass over every sentence of the split."""
    n = len(SENTENCE_SENTIMENTS)
    for level, prefix, name in (("sentence", col.SENTENCE_SENTIMENT, "sentence_sentiment"),
                                ("document", col.DOCUMENT_SENTIMENT, "document_sentiment")):
        pred_codes = getattr(predictions, name)
        if pred_codes is None:
            continue
        gold_codes = getattr(gold, name)
        getattr(stats, level).update(statistics.classification_columns(gold_codes, pred_codes, n, prefix))
        stats.details[f"{level}_confusion"] = statistics.confusion_counts(gold_codes, pred_codes, n)


def score_at_once(gold: Gold, predictions: Predictions) -> Statistics:
    """The statistics of a whole prediction set (every item in memory): one batch, the whole split."""
    accumulator = StatisticsAccumulator(gold)
    accumulator.add(predictions, Scope.whole(gold))
    return accumulator.finish(predictions).statistics


class StreamingBuilder:
    """`PredictionBuilder` that scores a batch whenever more than `batch_items` items wait (add/finish)."""

    def __init__(self, gold: Gold, batch_items: int = BATCH_ITEMS):
        if batch_items < 1:
            raise ValueError(f"batch_items must be >= 1 (got {batch_items})")
        self.builder = PredictionBuilder(gold)
        self.accumulator = StatisticsAccumulator(gold)
        self.batch_items = batch_items

    def add(self, doc: int, record: dict[str, Any]) -> None:
        """Add one validated record (see `PredictionBuilder.add`); score the batch once it is full."""
        self.builder.add(doc, record)
        if self.builder.pending >= self.batch_items:
            self.accumulator.add(self.builder.take_batch())

    def finish(self) -> ScoredPredictions:
        """Score the last batch and the documents without items, and return the split's statistics."""
        if self.builder.batch_pending:
            self.accumulator.add(self.builder.take_batch())
        return self.accumulator.finish(self.builder.finish())
