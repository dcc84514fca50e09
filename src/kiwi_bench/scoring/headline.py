"""The headline metrics: which statistics columns each needs and how it is computed from their sums.

A family is a set of metrics computed from the same columns at the same level ("sentence" or
"document"); the bootstrap resamples a family's columns together. A family is active when the
statistics hold its columns (its layer was predicted in that mode). Metric names are the JSON
paths of the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np

from kiwi_bench.scoring.codes import ENTITY_SENTIMENT_CODES, SENTENCE_SENTIMENT_CODES
from kiwi_bench.scoring.metrics import accuracy, macro_f1, prf

Sums = Mapping[str, np.ndarray]
MetricFunction = Callable[[Sums], np.ndarray]


@dataclass(frozen=True)
class Family:
    """Metrics that share columns; `level` is the resampling unit."""

    name: str
    level: str
    columns: tuple[str, ...]
    metrics: dict[str, MetricFunction]


def _prf_metrics(path: str, credit: MetricFunction, actual: str, possible: str) -> dict[str, MetricFunction]:
    """precision, recall and f1 under `path` from a credit function and two column names."""
    return {f"{path}.{name}": (lambda s, k=k: prf(credit(s), s[actual], s[possible])[k])
            for k, name in enumerate(("precision", "recall", "f1"))}


def _classification(path: str, prefix: str, n_labels: int) -> dict[str, MetricFunction]:
    def stack(s: Sums, kind: str) -> np.ndarray:
        return np.stack([s[f"{prefix}{kind}{label}"] for label in range(n_labels)], axis=-1)
    return {f"{path}.accuracy": lambda s: accuracy(s[f"{prefix}correct"], s[f"{prefix}scored"]),
            f"{path}.macro_f1": lambda s: macro_f1(stack(s, "tp"), stack(s, "fp"), stack(s, "fn"))}


def _classification_columns(prefix: str, n_labels: int) -> tuple[str, ...]:
    return (f"{prefix}correct", f"{prefix}scored",
            *(f"{prefix}{kind}{label}" for label in range(n_labels) for kind in ("tp", "fp", "fn")))


def _span_families(prefix: str, path: str) -> dict[str, MetricFunction]:
    credit = {"strict": lambda s: s[f"{prefix}strict"], "exact": lambda s: s[f"{prefix}exact"],
              "type": lambda s: s[f"{prefix}type"],
              "partial": lambda s: s[f"{prefix}exact"] + 0.5 * (s[f"{prefix}matched"] - s[f"{prefix}exact"])}
    metrics: dict[str, MetricFunction] = {}
    for scheme, function in credit.items():
        metrics.update(_prf_metrics(f"{path}.{scheme}", function, f"{prefix}actual", f"{prefix}possible"))
    return metrics


def _amount_span_metrics() -> dict[str, MetricFunction]:
    """Amount spans: `strict` is the exact span (the kind is scored separately), `partial` gives overlaps half."""
    partial = lambda s: s["amt_exact"] + 0.5 * (s["amt_matched"] - s["amt_exact"])  # noqa: E731
    return {**_prf_metrics("amounts.span.strict", lambda s: s["amt_exact"], "amt_actual", "amt_possible"),
            **_prf_metrics("amounts.span.partial", partial, "amt_actual", "amt_possible")}


_ENTITY_SPANS = ("ent_strict", "ent_exact", "ent_type", "ent_matched", "ent_actual", "ent_possible")
_AMOUNT_SPANS = ("amt_exact", "amt_matched", "amt_actual", "amt_possible")
_SENTENCE_LABELS = len(SENTENCE_SENTIMENT_CODES)

FAMILIES: tuple[Family, ...] = (
    Family("entities", "sentence", _ENTITY_SPANS, _span_families("ent_", "entities")),
    Family("entity_sentiment", "sentence", ("e2e_tp", "e2e_actual", "e2e_possible", "esent_correct", "esent_scored"),
           {**_prf_metrics("entities.sentiment.end_to_end", lambda s: s["e2e_tp"], "e2e_actual", "e2e_possible"),
            "entities.sentiment.accuracy": lambda s: accuracy(s["esent_correct"], s["esent_scored"])}),
    Family("amount_spans", "sentence", _AMOUNT_SPANS, _amount_span_metrics()),
    Family("amount_values", "sentence", ("amt_value", "amt_exact"),
           {"amounts.value.accuracy": lambda s: accuracy(s["amt_value"], s["amt_exact"])}),
    Family("amount_end_to_end", "sentence", ("amt_e2e", "amt_actual", "amt_possible"),
           _prf_metrics("amounts.end_to_end", lambda s: s["amt_e2e"], "amt_actual", "amt_possible")),
    Family("sentence_sentiment", "sentence", _classification_columns("ssent_", _SENTENCE_LABELS),
           _classification("sentences.sentiment", "ssent_", _SENTENCE_LABELS)),
    Family("document_sentiment", "document", _classification_columns("dsent_", _SENTENCE_LABELS),
           _classification("documents.sentiment", "dsent_", _SENTENCE_LABELS)),
    Family("entities_span_free", "document", ("efree_tp", "efree_actual", "efree_possible"),
           _prf_metrics("entities.span_free", lambda s: s["efree_tp"], "efree_actual", "efree_possible")),
    Family("entity_sentiment_span_free", "document", ("efree_e2e_tp", "efree_e2e_actual", "efree_e2e_possible"),
           _prf_metrics("entities.span_free.sentiment.end_to_end", lambda s: s["efree_e2e_tp"],
                        "efree_e2e_actual", "efree_e2e_possible")),
    Family("amounts_span_free", "document", ("afree_tp", "afree_actual", "afree_possible"),
           _prf_metrics("amounts.span_free", lambda s: s["afree_tp"], "afree_actual", "afree_possible")),
)

ENTITY_SENTIMENT_LABELS = len(ENTITY_SENTIMENT_CODES)


def active(families: tuple[Family, ...], columns: Mapping[str, Mapping[str, np.ndarray]]) -> list[Family]:
    """The families whose columns exist at their level (`columns` maps level -> name -> array)."""
    return [family for family in families if all(name in columns[family.level] for name in family.columns)]


def point_estimates(families: list[Family], columns: Mapping[str, Mapping[str, np.ndarray]]) -> dict[str, float]:
    """Every active metric on the whole split (sums with all weights 1)."""
    values: dict[str, float] = {}
    for family in families:
        sums = {name: columns[family.level][name].sum() for name in family.columns}
        values.update({path: float(function(sums)) for path, function in family.metrics.items()})
    return values
