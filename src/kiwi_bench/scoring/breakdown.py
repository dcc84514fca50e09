"""Headline figures per language and per document (`by_language`, `by_document` in the report).

Every statistic is a per-sentence or per-document count, so a subset's figures are the same
metric functions applied to the sums over that subset's rows: nothing is re-aligned. Linking is
re-scored on the subset's mentions (clusters restricted to its documents). Point estimates only:
a subset of one or two documents has no meaningful interval, and each entry says how many
documents and sentences it rests on, with a caution when it is a single document.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from kiwi_bench.scoring.clusters import linking_block
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.headline import Family, point_estimates
from kiwi_bench.scoring.metrics import as_number
from kiwi_bench.scoring.paths import assign
from kiwi_bench.scoring.predicted import EntityLinks
from kiwi_bench.scoring.registry import LINKING, METRICS

Columns = Mapping[str, Mapping[str, np.ndarray]]
ONE_DOCUMENT = "one document: an anecdote, not an estimate; do not compare systems on it alone"


def _subset_columns(gold: Gold, columns: Columns, documents: np.ndarray,
                    sentence_rows: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    document_rows = np.zeros(gold.n_documents, dtype=bool)
    document_rows[documents] = True
    rows = {"sentence": sentence_rows, "document": document_rows}
    return {level: {name: column[rows[level]] for name, column in columns[level].items()} for level in rows}


def _entry(gold: Gold, families: Sequence[Family], columns: Columns, documents: np.ndarray, ids_given: bool,
           links: EntityLinks | None) -> dict[str, Any]:
    sentence_rows = np.isin(gold.sentence_doc, documents)
    points = point_estimates(list(families), _subset_columns(gold, columns, documents, sentence_rows))
    entry: dict[str, Any] = {"documents_scored": int(len(documents)),
                             "sentences_scored": int(sentence_rows.sum()),
                             "caution": ONE_DOCUMENT if len(documents) == 1 else None}
    linking = linking_block(gold, ids_given, links, documents.tolist())
    for metric in METRICS:
        if metric.family == LINKING:
            value = linking["end_to_end"]["conll_f1"] if linking and linking.get("status") == "scored" else None
            if value is not None:
                assign(entry, metric.path, value)
        elif metric.path in points:
            assign(entry, metric.path, as_number(points[metric.path]))
    return entry


def breakdowns(gold: Gold, families: Sequence[Family], columns: Columns, ids_given: bool,
               links: EntityLinks | None) -> dict[str, Any]:
    """{"by_language": {lang: entry}, "by_document": {doc_id: entry}}, languages and ids sorted."""
    languages: dict[str, list[int]] = {}
    for doc, document in enumerate(gold.documents):
        languages.setdefault(document["language"], []).append(doc)
    return {
        "by_language": {language: _entry(gold, families, columns, np.array(docs), ids_given, links)
                        for language, docs in sorted(languages.items())},
        "by_document": {gold.ids[doc]: _entry(gold, families, columns, np.array([doc]), ids_given, links)
                        for doc in range(gold.n_documents)},
    }
