"""The metric registry: every headline figure once, with its family, display name, resampling unit and uses.

As sacreBLEU's METRICS or MTEB's main_score: the compared metrics (`HEADLINE`), the spec's required
keys, the headline table of the text report, the leaderboard's columns and the per-language and
per-document breakdowns are all derived from `METRICS`, so a metric is added or renamed here only.
"""

from __future__ import annotations

from dataclasses import dataclass

LINKING = "linking"
"""Family of the linking metrics: computed from clusters of the whole split, so no bootstrap (see clusters.py)."""


@dataclass(frozen=True)
class Metric:
    """One headline figure of the report.

    `path` is its dotted JSON path; `family` the `headline.Family` that computes it (or LINKING);
    `unit` what the bootstrap resamples ("sentence", "document", or "none"); `table` whether the
    text report's headline table shows it; `column` its leaderboard column title (None: not
    listed); `required` whether evaluation spec 1 requires the key.
    """

    path: str
    family: str
    name: str
    unit: str
    table: bool = True
    column: str | None = None
    required: bool = False


METRICS: tuple[Metric, ...] = (
    Metric("entities.strict.precision", "entities", "entities strict precision", "sentence", table=False, required=True),
    Metric("entities.strict.recall", "entities", "entities strict recall", "sentence", table=False, required=True),
    Metric("entities.strict.f1", "entities", "entities strict F1", "sentence", column="Entities strict F1",
           required=True),
    Metric("entities.exact.f1", "entities", "entities exact F1", "sentence", table=False, required=True),
    Metric("entities.partial.f1", "entities", "entities partial F1", "sentence", table=False, required=True),
    Metric("entities.type.f1", "entities", "entities type F1", "sentence", table=False, required=True),
    Metric("entities.sentiment.accuracy", "entity_sentiment", "entity sentiment accuracy", "sentence"),
    Metric("entities.sentiment.end_to_end.f1", "entity_sentiment", "entity sentiment end-to-end F1", "sentence",
           column="Entity sentiment e2e F1", required=True),
    Metric("entities.span_free.f1", "entities_span_free", "entities span-free F1", "document"),
    Metric("entities.span_free.sentiment.end_to_end.f1", "entity_sentiment_span_free",
           "entity sentiment span-free end-to-end F1", "document"),
    Metric("entities.linking.end_to_end.conll_f1", LINKING, "linking CoNLL F1 (end to end)", "none",
           column="Linking CoNLL F1"),
    Metric("amounts.span.strict.f1", "amount_spans", "amount span strict F1", "sentence", column="Amounts span F1",
           required=True),
    Metric("amounts.span.partial.f1", "amount_spans", "amount span partial F1", "sentence"),
    Metric("amounts.value.accuracy", "amount_values", "amount value accuracy", "sentence", column="Amount value acc.",
           required=True),
    Metric("amounts.end_to_end.f1", "amount_end_to_end", "amount end-to-end F1", "sentence", column="Amounts e2e F1",
           required=True),
    Metric("amounts.span_free.f1", "amounts_span_free", "amounts span-free F1", "document"),
    Metric("sentences.sentiment.accuracy", "sentence_sentiment", "sentence sentiment accuracy", "sentence",
           column="Sentence sent. acc.", required=True),
    Metric("sentences.sentiment.macro_f1", "sentence_sentiment", "sentence sentiment macro-F1", "sentence",
           column="Sentence sent. macro-F1", required=True),
    Metric("documents.sentiment.accuracy", "document_sentiment", "document sentiment accuracy", "document",
           column="Document sent. acc.", required=True),
)

HEADLINE: tuple[str, ...] = tuple(m.path for m in METRICS if m.family != LINKING)
"""The bootstrapped headline metrics (what `compare` tests)."""

TABLE: tuple[Metric, ...] = tuple(m for m in METRICS if m.table)
COLUMNS: tuple[Metric, ...] = tuple(m for m in METRICS if m.column)
EXTRA_REQUIRED = ("entities.strict.ci95", "entities.per_label")
"""Required keys of the spec that are not figures of their own."""
REQUIRED_KEYS: tuple[str, ...] = (*(m.path for m in METRICS if m.required), *EXTRA_REQUIRED)
