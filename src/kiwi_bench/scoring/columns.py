"""Names of the per-sentence and per-document statistics columns, defined once.

`statistics` and `spanfree` write these columns, `headline`, `result` and `stream` read them.
Each name is a constant here (or built by `span`/`label_count`, which reject unknown parts), and
`headline` checks at import that every column a metric family needs is one of `ALL`: a misspelt
column fails at import instead of leaving a family silently inactive (its metrics missing).
"""

from __future__ import annotations

from kiwi_bench.core.labels import SENTENCE_SENTIMENTS

ENTITIES, AMOUNTS = "ent_", "amt_"
"""Prefixes of the span-matching counts of the two span layers."""
SENTENCE_SENTIMENT, DOCUMENT_SENTIMENT = "ssent_", "dsent_"
"""Prefixes of the classification counts of sentence and document sentiment."""
SPAN_COUNTS = ("possible", "actual", "matched", "strict", "exact", "type")
LABEL_COUNTS = ("tp", "fp", "fn")

ESENT_CORRECT, ESENT_SCORED = "esent_correct", "esent_scored"
E2E_TP, E2E_POSSIBLE, E2E_ACTUAL = "e2e_tp", "e2e_possible", "e2e_actual"
AMT_VALUE, AMT_E2E = "amt_value", "amt_e2e"
EFREE_TP, EFREE_ACTUAL, EFREE_POSSIBLE = "efree_tp", "efree_actual", "efree_possible"
EFREE_E2E_TP, EFREE_E2E_ACTUAL, EFREE_E2E_POSSIBLE = "efree_e2e_tp", "efree_e2e_actual", "efree_e2e_possible"
AFREE_TP, AFREE_ACTUAL, AFREE_POSSIBLE = "afree_tp", "afree_actual", "afree_possible"


def span(prefix: str, count: str) -> str:
    """The column of one span-matching count of a layer, e.g. span(ENTITIES, "strict") == "ent_strict"."""
    if prefix not in (ENTITIES, AMOUNTS) or count not in SPAN_COUNTS:
        raise ValueError(f"no span column {prefix!r} + {count!r}")
    return prefix + count


def classification(prefix: str, count: str) -> str:
    """"correct" or "scored" of sentence or document sentiment, e.g. "ssent_correct"."""
    if prefix not in (SENTENCE_SENTIMENT, DOCUMENT_SENTIMENT) or count not in ("correct", "scored"):
        raise ValueError(f"no classification column {prefix!r} + {count!r}")
    return prefix + count


def label_count(prefix: str, kind: str, label: int) -> str:
    """Per-label true/false positive/negative count of a sentiment classification, e.g. "ssent_tp0"."""
    if prefix not in (SENTENCE_SENTIMENT, DOCUMENT_SENTIMENT) or kind not in LABEL_COUNTS \
            or not 0 <= label < len(SENTENCE_SENTIMENTS):
        raise ValueError(f"no label column {prefix!r} + {kind!r} + {label!r}")
    return f"{prefix}{kind}{label}"


ALL: frozenset[str] = frozenset({
    *(span(prefix, count) for prefix in (ENTITIES, AMOUNTS) for count in SPAN_COUNTS),
    *(classification(prefix, count) for prefix in (SENTENCE_SENTIMENT, DOCUMENT_SENTIMENT)
      for count in ("correct", "scored")),
    *(label_count(prefix, kind, label) for prefix in (SENTENCE_SENTIMENT, DOCUMENT_SENTIMENT)
      for kind in LABEL_COUNTS for label in range(len(SENTENCE_SENTIMENTS))),
    ESENT_CORRECT, ESENT_SCORED, E2E_TP, E2E_POSSIBLE, E2E_ACTUAL, AMT_VALUE, AMT_E2E,
    EFREE_TP, EFREE_ACTUAL, EFREE_POSSIBLE, EFREE_E2E_TP, EFREE_E2E_ACTUAL, EFREE_E2E_POSSIBLE,
    AFREE_TP, AFREE_ACTUAL, AFREE_POSSIBLE,
})
