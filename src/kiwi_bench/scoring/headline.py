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

from kiwi_bench.scoring import columns as col
from kiwi_bench.scoring.codes import SENTENCE_SENTIMENT_CODES
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
        return np.stack([s[col.label_count(prefix, kind, label)] for label in range(n_labels)], axis=-1)
    return {f"{path}.accuracy": lambda s: accuracy(s[col.classification(prefix, "correct")], s[col.classification(prefix, "scored")]),
            f"{path}.macro_f1": lambda s: macro_f1(stack(s, "tp"), stack(s, "fp"), stack(s, "fn"))}


def _classification_columns(prefix: str, n_labels: int) -> tuple[str, ...]:
    return (col.classification(prefix, "correct"), col.classification(prefix, "scored"),
            *(col.label_count(prefix, kind, label) for label in range(n_labels) for kind in ("tp", "fp", "fn")))


def _span_families(prefix: str, path: str) -> dict[str, MetricFunction]:
    credit = {"strict": lambda s: s[col.span(prefix, "strict")], "exact": lambda s: s[col.span(prefix, "exact")],
              "type": lambda s: s[col.span(prefix, "type")],
              "partial": lambda s: s[col.span(prefix, "exact")] + 0.5 * (s[col.span(prefix, "matched")] - s[col.span(prefix, "exact")])}
    metrics: dict[str, MetricFunction] = {}
    for scheme, function in credit.items():
        metrics.update(_prf_metrics(f"{path}.{scheme}", function, col.span(prefix, "actual"), col.span(prefix, "possible")))
    return metrics


def _amount_span_metrics() -> dict[str, MetricFunction]:
    """Amount spans: `strict` is the exact span (the kind is scored separately), `partial` gives overlaps half."""
    partial = lambda s: s[col.span(col.AMOUNTS, "exact")] + 0.5 * (s[col.span(col.AMOUNTS, "matched")] - s[col.span(col.AMOUNTS, "exact")])  # noqa: E731
    return {**_prf_metrics("amounts.span.strict", lambda s: s[col.span(col.AMOUNTS, "exact")], col.span(col.AMOUNTS, "actual"), col.span(col.AMOUNTS, "possible")),
            **_prf_metrics("amounts.span.partial", partial, col.span(col.AMOUNTS, "actual"), col.span(col.AMOUNTS, "possible"))}


_ENTITY_SPANS = (col.span(col.ENTITIES, "strict"), col.span(col.ENTITIES, "exact"), col.span(col.ENTITIES, "type"), col.span(col.ENTITIES, "matched"), col.span(col.ENTITIES, "actual"), col.span(col.ENTITIES, "possible"))
_AMOUNT_SPANS = (col.span(col.AMOUNTS, "exact"), col.span(col.AMOUNTS, "matched"), col.span(col.AMOUNTS, "actual"), col.span(col.AMOUNTS, "possible"))
_SENTENCE_LABELS = len(SENTENCE_SENTIMENT_CODES)

FAMILIES: tuple[Family, ...] = (
    Family("entities", "sentence", _ENTITY_SPANS, _span_families(col.ENTITIES, "entities")),
    Family("entity_sentiment", "sentence", (col.E2E_TP, col.E2E_ACTUAL, col.E2E_POSSIBLE, col.ESENT_CORRECT, col.ESENT_SCORED),
           {**_prf_metrics("entities.sentiment.end_to_end", lambda s: s[col.E2E_TP], col.E2E_ACTUAL, col.E2E_POSSIBLE),
            "entities.sentiment.accuracy": lambda s: accuracy(s[col.ESENT_CORRECT], s[col.ESENT_SCORED])}),
    Family("amount_spans", "sentence", _AMOUNT_SPANS, _amount_span_metrics()),
    Family("amount_values", "sentence", (col.AMT_VALUE, col.span(col.AMOUNTS, "exact")),
           {"amounts.value.accuracy": lambda s: accuracy(s[col.AMT_VALUE], s[col.span(col.AMOUNTS, "exact")])}),
    Family("amount_end_to_end", "sentence", (col.AMT_E2E, col.span(col.AMOUNTS, "actual"), col.span(col.AMOUNTS, "possible")),
           _prf_metrics("amounts.end_to_end", lambda s: s[col.AMT_E2E], col.span(col.AMOUNTS, "actual"), col.span(col.AMOUNTS, "possible"))),
    Family("sentence_sentiment", "sentence", _classification_columns(col.SENTENCE_SENTIMENT, _SENTENCE_LABELS),
           _classification("sentences.sentiment", col.SENTENCE_SENTIMENT, _SENTENCE_LABELS)),
    Family("document_sentiment", "document", _classification_columns(col.DOCUMENT_SENTIMENT, _SENTENCE_LABELS),
           _classification("documents.sentiment", col.DOCUMENT_SENTIMENT, _SENTENCE_LABELS)),
    Family("entities_span_free", "document", (col.EFREE_TP, col.EFREE_ACTUAL, col.EFREE_POSSIBLE),
           _prf_metrics("entities.span_free", lambda s: s[col.EFREE_TP], col.EFREE_ACTUAL, col.EFREE_POSSIBLE)),
    Family("entity_sentiment_span_free", "document", (col.EFREE_E2E_TP, col.EFREE_E2E_ACTUAL, col.EFREE_E2E_POSSIBLE),
           _prf_metrics("entities.span_free.sentiment.end_to_end", lambda s: s[col.EFREE_E2E_TP],
                        col.EFREE_E2E_ACTUAL, col.EFREE_E2E_POSSIBLE)),
    Family("amounts_span_free", "document", (col.AFREE_TP, col.AFREE_ACTUAL, col.AFREE_POSSIBLE),
           _prf_metrics("amounts.span_free", lambda s: s[col.AFREE_TP], col.AFREE_ACTUAL, col.AFREE_POSSIBLE)),
)



def check_columns(families: tuple[Family, ...]) -> None:
    """Fail unless every column a family needs is a known statistics column (a typo would leave it inactive)."""
    unknown = sorted({name for family in families for name in family.columns} - col.ALL)
    if unknown:
        raise ValueError(f"metric families use unknown statistics columns: {', '.join(unknown)}")


check_columns(FAMILIES)


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
