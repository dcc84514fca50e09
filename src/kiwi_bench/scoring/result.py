"""Assemble the JSON-ready result: point estimates, intervals, SemEval counts, per-label tables.

Every figure comes from the statistics (`Statistics`) and the headline values computed from
them; this module only arranges and names them. Undefined values are None (JSON null); a
layer the file does not predict is reported with status "not predicted", and the required keys
of the evaluation spec exist in every result (null where not applicable).
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, SENTENCE_SENTIMENTS
from kiwi_bench.scoring import columns as col
from kiwi_bench.scoring.bootstrap import interval
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.metrics import as_number, macro_f1, prf
from kiwi_bench.scoring.predicted import Predictions
from kiwi_bench.scoring.registry import REQUIRED_KEYS
from kiwi_bench.scoring.statistics import SCHEMES, Statistics

NOT_PREDICTED = "not predicted"
GOLD_LAYER = {"entities": "entities", "amounts": "amounts", "sentences": "sentence_sentiment",
              "documents": "document_sentiment"}


class Figures:
    """Point estimates and bootstrap samples, looked up by metric path."""

    def __init__(self, points: Mapping[str, float], samples: Mapping[str, np.ndarray]):
        self.points, self.samples = points, samples

    def block(self, path: str, names: tuple[str, ...]) -> dict[str, Any]:
        """{name: value, ..., "ci95": {name: [low, high]}} for the metrics `path.name`."""
        values: dict[str, Any] = {name: as_number(self.points.get(f"{path}.{name}", np.nan)) for name in names}
        values["ci95"] = {name: interval(self.samples[f"{path}.{name}"]) if f"{path}.{name}" in self.samples else None
                          for name in names}
        return values


def gold_status(gold: Gold, layer: str) -> str:
    """"complete", or "unfinished (k of n documents)" while annotation of the layer goes on."""
    unfinished = gold.unfinished[GOLD_LAYER[layer]]
    return "complete" if unfinished == 0 else f"unfinished ({unfinished} of {gold.n_documents} documents)"


def semeval_counts(counts: Mapping[str, np.ndarray], label: int | None = None) -> dict[str, Any]:
    """SemEval-2013 counts and P/R/F1 for one label (or summed over labels when `label` is None)."""
    pick = (lambda a: int(a.sum())) if label is None else (lambda a: int(a[label]))
    c, i, p, m, s = (pick(counts[k]) for k in ("correct", "incorrect", "partial", "missed", "spurious"))
    c_pred, i_pred, p_pred = (pick(counts[k]) for k in ("correct_pred", "incorrect_pred", "partial_pred"))
    possible, actual = c + i + p + m, c_pred + i_pred + p_pred + s
    precision, _, _ = prf(c_pred + 0.5 * p_pred, actual, possible)
    _, recall, _ = prf(c + 0.5 * p, actual, possible)
    f1 = _f1(precision, recall)
    result = {"correct": c, "incorrect": i, "partial": p, "missed": m, "spurious": s, "possible": possible,
              "actual": actual, "precision": as_number(precision), "recall": as_number(recall), "f1": as_number(f1)}
    if label is not None:
        result["as_predicted"] = {"correct": c_pred, "incorrect": i_pred, "partial": p_pred}  # type: ignore[assignment]
    return result


def _f1(precision, recall) -> float:
    precision, recall = float(precision), float(recall)
    if np.isnan(precision) or np.isnan(recall):
        return float("nan")
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def per_label(counts_by_scheme: Mapping[str, Mapping[str, np.ndarray]], labels: tuple[str, ...],
              schemes: Mapping[str, str]) -> dict[str, Any]:
    """Per label and scheme: counts and P/R/F1 (`schemes` maps output name -> counted scheme)."""
    return {label: {name: semeval_counts(counts_by_scheme[scheme], k) for name, scheme in schemes.items()}
            for k, label in enumerate(labels)}


def macro(table: Mapping[str, Mapping[str, Mapping[str, Any]]], schemes) -> dict[str, Any]:
    """Unweighted mean of the per-label figures over the labels with a gold or predicted item."""
    result = {}
    for scheme in schemes:
        rows = [row[scheme] for row in table.values() if row[scheme]["possible"] + row[scheme]["actual"] > 0]
        result[scheme] = {name: (float(np.mean([r[name] for r in rows])) if rows else None)
                          for name in ("precision", "recall", "f1")}
    return result


def confusion_table(matrix: np.ndarray, labels: tuple[str, ...], none: str = "(none)") -> dict[str, Any]:
    """Rows: gold label; columns: predicted label; `(none)` counts misses (column) and spurious items (row)."""
    names = (*labels, none)
    return {"rows": "gold", "columns": "predicted", "labels": list(names),
            "matrix": {gold: {pred: int(matrix[r, c]) for c, pred in enumerate(names)} for r, gold in enumerate(names)}}


def classification_table(matrix: np.ndarray, labels: tuple[str, ...]) -> dict[str, Any]:
    """Per-label precision/recall/F1/support from a gold x (predicted + missing) confusion matrix."""
    n = len(labels)
    tp = np.diag(matrix[:, :n])
    fp = matrix[:, :n].sum(axis=0) - tp
    fn = matrix.sum(axis=1) - tp
    p, r, f = prf(tp, tp + fp, tp + fn)
    table = {label: {"precision": as_number(p[k]), "recall": as_number(r[k]), "f1": as_number(f[k]),
                     "support": int(matrix[k].sum())} for k, label in enumerate(labels)}
    return {"per_label": table, "macro_f1": as_number(macro_f1(tp, fp, fn))}


def _not_predicted(gold: Gold, layer: str) -> dict[str, Any]:
    return {"status": NOT_PREDICTED, "gold": gold_status(gold, layer)}


def _counted(block: dict[str, Any], counts: dict[str, Any]) -> dict[str, Any]:
    """Counts first, then the figures (recomputed from the same sums, so they agree)."""
    return {**counts, **block}


def entities_block(gold: Gold, predictions: Predictions, stats: Statistics, figures: Figures) -> dict[str, Any]:
    """The `entities` section: four schemes, macro, per label, confusion, sentiment (or span-free)."""
    if predictions.entity_mode is None:
        return _not_predicted(gold, "entities")
    block: dict[str, Any] = {"status": "scored", "mode": predictions.entity_mode, "gold": gold_status(gold, "entities")}
    if predictions.entity_mode == "span-free":
        return {**block, **_span_free_entities(stats, figures, predictions.entity_sentiment_given)}
    details = stats.details["entities"]
    block.update({"gold_items": details["gold"], "predicted_items": details["predicted"]})
    schemes = {scheme: scheme for scheme in SCHEMES}
    for scheme in SCHEMES:
        counts = semeval_counts(details["labels"][scheme])
        counts = {k: v for k, v in counts.items() if k not in ("precision", "recall", "f1")}
        block[scheme] = _counted(figures.block(f"entities.{scheme}", ("precision", "recall", "f1")), counts)
    table = per_label(details["labels"], ENTITY_LABELS, schemes)
    block.update({"macro": macro(table, SCHEMES), "per_label": table,
                  "attribution": "correct/incorrect/partial/missed count for the gold label, predictions "
                                 "(actual, spurious) for the predicted label",
                  "confusion": confusion_table(details["confusion"], ENTITY_LABELS),
                  "sentiment": _entity_sentiment(stats, figures, predictions.entity_sentiment_given)})
    return block


def _entity_sentiment(stats: Statistics, figures: Figures, given: bool) -> dict[str, Any]:
    if not given:
        return {"status": NOT_PREDICTED}
    details = stats.details["entity_sentiment"]
    matrix = np.concatenate([details["confusion"], np.zeros((len(ENTITY_SENTIMENTS), 1), dtype=np.int64)], axis=1)
    table = classification_table(matrix, ENTITY_SENTIMENTS)
    accuracy = figures.block("entities.sentiment", ("accuracy",))
    return {"status": "scored", "accuracy": accuracy["accuracy"], "macro_f1": table["macro_f1"],
            "scored": int(stats.sentence[col.ESENT_SCORED].sum()), "strict_matches": details["strict_matches"],
            "ci95": accuracy["ci95"], "per_label": table["per_label"],
            "end_to_end": figures.block("entities.sentiment.end_to_end", ("precision", "recall", "f1"))}


def _span_free_entities(stats: Statistics, figures: Figures, given: bool) -> dict[str, Any]:
    columns = stats.document
    counts = {"correct": int(columns[col.EFREE_TP].sum()), "actual": int(columns[col.EFREE_ACTUAL].sum()),
              "possible": int(columns[col.EFREE_POSSIBLE].sum())}
    block = _counted(figures.block("entities.span_free", ("precision", "recall", "f1")), counts)
    block["bootstrap_unit"] = "document"
    if given:
        block["sentiment"] = {"end_to_end": figures.block("entities.span_free.sentiment.end_to_end",
                                                          ("precision", "recall", "f1"))}
    return {"span_free": block, "sentiment": {"status": "see span_free.sentiment" if given else NOT_PREDICTED}}


def amounts_block(gold: Gold, predictions: Predictions, stats: Statistics, figures: Figures) -> dict[str, Any]:
    """The `amounts` section: span strict/partial, value, end to end, attributes (or span-free)."""
    if predictions.amount_mode is None:
        return _not_predicted(gold, "amounts")
    block: dict[str, Any] = {"status": "scored", "mode": predictions.amount_mode, "gold": gold_status(gold, "amounts")}
    if predictions.amount_mode == "span-free":
        columns = stats.document
        counts = {"correct": int(columns[col.AFREE_TP].sum()), "actual": int(columns[col.AFREE_ACTUAL].sum()),
                  "possible": int(columns[col.AFREE_POSSIBLE].sum())}
        free = _counted(figures.block("amounts.span_free", ("precision", "recall", "f1")), counts)
        return {**block, "span_free": {**free, "bootstrap_unit": "document"}}
    details = stats.details["amounts"]
    span_schemes = {"strict": "exact", "partial": "partial"}
    span = {}
    for name, scheme in span_schemes.items():
        counts = {k: v for k, v in semeval_counts(details["labels"][scheme]).items() if k not in ("precision", "recall", "f1")}
        span[name] = _counted(figures.block(f"amounts.span.{name}", ("precision", "recall", "f1")), counts)
    value = figures.block("amounts.value", ("accuracy",))
    value.update({"correct": int(stats.sentence[col.AMT_VALUE].sum()), "scored": int(stats.sentence[col.span(col.AMOUNTS, "exact")].sum())})
    block.update({"gold_items": details["gold"], "predicted_items": details["predicted"], "span": span, "value": value,
                  "end_to_end": figures.block("amounts.end_to_end", ("precision", "recall", "f1")),
                  **{name: _attribute(counts) for name, counts in details["attributes"].items()},
                  "per_kind": per_label(details["labels"], AMOUNT_KINDS, span_schemes),
                  "confusion": confusion_table(details["confusion"], AMOUNT_KINDS)})
    return block


def _attribute(counts: Mapping[str, int]) -> dict[str, Any]:
    """Accuracy of one attribute over strict span matches where the prediction gives it."""
    accuracy = counts["correct"] / counts["scored"] if counts["scored"] else None
    result = {"accuracy": accuracy, "correct": counts["correct"], "scored": counts["scored"]}
    if "matched" in counts:
        result["coverage"] = counts["scored"] / counts["matched"] if counts["matched"] else None
    return result


def classification_block(gold: Gold, layer: str, path: str, columns: Mapping[str, np.ndarray] | None,
                         matrix: np.ndarray | None, figures: Figures, unit: str) -> dict[str, Any]:
    """Sentence or document sentiment: accuracy, macro-F1 with intervals, per label, confusion."""
    if columns is None or matrix is None:
        return _not_predicted(gold, layer)
    prefix = col.SENTENCE_SENTIMENT if layer == "sentences" else col.DOCUMENT_SENTIMENT
    figures_block = figures.block(path, ("accuracy", "macro_f1"))
    table = classification_table(matrix, SENTENCE_SENTIMENTS)
    return {"status": "scored", "gold": gold_status(gold, layer), **figures_block,
            "scored": int(columns[col.classification(prefix, "scored")].sum()), "bootstrap_unit": unit,
            "per_label": table["per_label"],
            "confusion": confusion_table(np.vstack([matrix, np.zeros((1, matrix.shape[1]), dtype=np.int64)]),
                                         SENTENCE_SENTIMENTS, none="(no prediction)")}


def ensure_required(result: dict[str, Any]) -> dict[str, Any]:
    """Give every required key of the spec a value (None where the layer was not scored that way)."""
    for path in REQUIRED_KEYS:
        node = result
        *parents, leaf = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node.setdefault(leaf, {} if leaf == "per_label" else None)
    return result
