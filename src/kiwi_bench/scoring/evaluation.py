"""Score one prediction set against the gold, or compare two: statistics once, then every figure.

`evaluate` computes the sufficient statistics (or takes those a `StreamingBuilder` summed batch
by batch), the point estimates, the bootstrap intervals and the signature, and arranges them in
one JSON-ready dict. `compare` reuses two evaluations'
statistics for a paired bootstrap test per headline metric. No file is read or written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.jsonl import report_json
from kiwi_bench.scoring import contrast, statistics
from kiwi_bench.scoring.bootstrap import bootstrap, interval, p_value, paired
from kiwi_bench.scoring.breakdown import breakdowns
from kiwi_bench.scoring.clusters import linking_block
from kiwi_bench.scoring.gold import Gold, load_gold
from kiwi_bench.scoring.headline import FAMILIES, Family, active, point_estimates
from kiwi_bench.scoring.metrics import as_number
from kiwi_bench.scoring.paths import lookup
from kiwi_bench.scoring.predicted import Predictions
from kiwi_bench.scoring.registry import HEADLINE
from kiwi_bench.scoring.result import Figures, amounts_block, classification_block, ensure_required, entities_block
from kiwi_bench.scoring.signature import SCORER_VERSION, data_hash, signature
from kiwi_bench.scoring.stream import ScoredPredictions, score_at_once


@dataclass(frozen=True)
class Evaluation:
    """The result of scoring one prediction set: the report dict plus the statistics behind it."""

    signature: str
    report: dict[str, Any]
    statistics: statistics.Statistics
    families: tuple[Family, ...]
    data: str
    split: str

    def __getitem__(self, path: str) -> Any:
        """A figure by dotted path, e.g. `evaluation["entities.strict.f1"]`."""
        return lookup(self.report, path)

    def to_json(self) -> str:
        """The report as `kiwi-bench evaluate --json` prints it."""
        return report_json(self.report)

    @property
    def columns(self) -> dict[str, dict[str, np.ndarray]]:
        return {"sentence": self.statistics.sentence, "document": self.statistics.document}


def compute_statistics(gold: Gold, predictions: Predictions | ScoredPredictions) -> statistics.Statistics:
    """All per-sentence and per-document statistics of one prediction set."""
    if isinstance(predictions, ScoredPredictions):
        return predictions.statistics
    return score_at_once(gold, predictions)


def _check_settings(resamples: int, seed: int) -> None:
    """Bootstrap settings a user can type: numpy's generator needs a non-negative seed."""
    if resamples < 0:
        raise KiwiError(f"resamples must be >= 0 (got {resamples})")
    if seed < 0:
        raise KiwiError(f"seed must be >= 0 (got {seed})")


def evaluate(gold: Gold | Sequence[dict], predictions: Predictions | ScoredPredictions, *, split: str, resamples: int = 1000,
             seed: int = 0, missing: Sequence[str] = ()) -> Evaluation:
    """Score `predictions` against `gold` (a `Gold` or the split's gold documents)."""
    _check_settings(resamples, seed)
    if not isinstance(gold, Gold):
        gold = load_gold(gold)
    stats = compute_statistics(gold, predictions)
    columns = {"sentence": stats.sentence, "document": stats.document}
    families = tuple(active(tuple(FAMILIES), columns))
    figures = Figures(point_estimates(list(families), columns),
                      bootstrap(list(families), columns, resamples, seed) if resamples > 0 else {})
    data = data_hash(gold.documents)
    sig = signature(data, split, resamples, seed, len(missing))
    report = _report(gold, predictions, stats, figures, sig, data, split, resamples, seed, missing)
    if predictions.entity_mode is not None:
        report["entities"]["linking"] = linking_block(gold, predictions.entity_ids_given, predictions.entity_links)
    report.update(breakdowns(gold, families, columns, predictions.entity_ids_given, predictions.entity_links))
    return Evaluation(sig, report, stats, families, data, split)


def _report(gold: Gold, predictions: Predictions | ScoredPredictions, stats: statistics.Statistics, figures: Figures, sig: str,
            data: str, split: str, resamples: int, seed: int, missing: Sequence[str]) -> dict[str, Any]:
    from kiwi_bench.core.version import __version__

    report = {
        "signature": sig, "kiwi_version": __version__, "scorer_version": SCORER_VERSION, "split": split,
        "data_hash": data,
        "bootstrap": {"resamples": resamples, "seed": seed, "confidence": 0.95, "method": "percentile",
                      "unit": "sentence; document for documents.* and span-free figures"},
        "documents_scored": gold.n_documents, "sentences_scored": gold.n_sentences,
        "missing_documents": list(missing),
        "entities": entities_block(gold, predictions, stats, figures),  # type: ignore[arg-type]
        "amounts": amounts_block(gold, predictions, stats, figures),  # type: ignore[arg-type]
        "sentences": {"sentiment": classification_block(
            gold, "sentences", "sentences.sentiment", stats.sentence if predictions.sentence_sentiment is not None else None,
            stats.details.get("sentence_confusion"), figures, "sentence")},
        "documents": {"sentiment": classification_block(
            gold, "documents", "documents.sentiment", stats.document if predictions.document_sentiment is not None else None,
            stats.details.get("document_confusion"), figures, "document")},
    }
    if contrast.is_contrast(gold.documents):  # contrast items: figures per edit type and bundle consistency
        report["contrast"] = contrast.report_block(gold.documents, stats.sentence, stats.document, gold.first_sentence)
    return ensure_required(report)


@dataclass(frozen=True)
class Comparison:
    """A paired comparison of two evaluations: the report `kiwi-bench compare --json` prints."""

    signature: str
    report: dict[str, Any]

    def __getitem__(self, path: str) -> Any:
        """A figure by dotted path, e.g. `comparison["metrics.entities.strict.f1"]` (metric paths stay whole)."""
        head, _, rest = path.partition(".")
        if head == "metrics" and rest:
            metric, _, field = rest.rpartition(".")
            if metric in self.report["metrics"]:
                return self.report["metrics"][metric][field]
            if rest in self.report["metrics"]:
                return self.report["metrics"][rest]
        return lookup(self.report, path)

    def to_json(self) -> str:
        """The report as `kiwi-bench compare --json` prints it."""
        return report_json(self.report)


def compare(a: Evaluation, b: Evaluation, *, resamples: int = 1000, seed: int = 0) -> Comparison:
    """Paired bootstrap comparison of two evaluations of the same split: p-value per headline metric."""
    _check_settings(resamples, seed)
    if (a.data, a.split) != (b.data, b.split):
        raise KiwiError(f"cannot compare evaluations of different data ({a.data}/{a.split} vs {b.data}/{b.split})")
    names_b = {family.name for family in b.families}
    families = [family for family in a.families if family.name in names_b]
    samples = paired(families, a.columns, b.columns, resamples, seed) if resamples > 0 else {}
    points_a, points_b = (point_estimates(families, e.columns) for e in (a, b))
    metrics = {}
    for path in HEADLINE:
        if path not in points_a:
            continue
        delta = points_a[path] - points_b[path]
        sample_a, sample_b = samples.get(path, (np.zeros(0), np.zeros(0)))
        metrics[path] = {"a": as_number(points_a[path]), "b": as_number(points_b[path]), "delta": as_number(delta),
                         "p_value": p_value(sample_a, sample_b, delta) if resamples > 0 else None,
                         "ci95_delta": interval(sample_a - sample_b) if resamples > 0 else None}
    sig = signature(a.data, a.split, resamples, seed)
    return Comparison(sig, {"signature": sig, "test": "paired bootstrap, two-sided, resampling sentences (documents "
                                                      "for document-level metrics); p = (1 + #|delta_b - mean| >= "
                                                      "|delta|) / (1 + B)",
                            "metrics": metrics})
