"""Contrast-set metrics (Gardner et al. 2020): figures per edit type, and consistency across each bundle.

A contrast item is a one-sentence document; a bundle is an unedited base sentence (`original`) and its
edits. An edit targets one layer, named by its edit type's prefix (`amount_*` -> amounts, `entity_*` ->
entities, `sentiment_*` -> sentence sentiment). An item is *fully right* on a layer when the system finds
every gold item of that layer and nothing else: entities all strict-correct (span and label), amounts all
end-to-end correct (span, kind and value/currency), the sentence sentiment right. A bundle is *consistent*
on a layer when its original and every edit targeting that layer are fully right on it; contrast
consistency is the share of consistent bundles among those with such an edit, and `all` the share of
bundles consistent on every layer their edits target. Pure: per-item count columns in, figures out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from kiwi_bench.scoring import columns as c
from kiwi_bench.scoring.metrics import accuracy, as_number, prf

ORIGINAL = "original"
LAYERS = ("entities", "amounts", "sentences")
EDIT_LAYER = {"amount": "amounts", "entity": "entities", "sentiment": "sentences"}
# Per layer, the figure reported per edit type and its count columns: (credit, actual, possible) of the span
# scorer, else of the span-free scorer (predictions without offsets); (correct, scored) for sentence sentiment.
_COLUMNS = {
    "entities": (("entities.strict.f1", (c.span(c.ENTITIES, "strict"), c.span(c.ENTITIES, "actual"), c.span(c.ENTITIES, "possible"))),
                 ("entities.span_free.f1", (c.EFREE_TP, c.EFREE_ACTUAL, c.EFREE_POSSIBLE))),
    "amounts": (("amounts.end_to_end.f1", (c.AMT_E2E, c.span(c.AMOUNTS, "actual"), c.span(c.AMOUNTS, "possible"))),
                ("amounts.span_free.f1", (c.AFREE_TP, c.AFREE_ACTUAL, c.AFREE_POSSIBLE))),
    "sentences": (("sentences.sentiment.accuracy", (c.classification(c.SENTENCE_SENTIMENT, "correct"),
                                                     c.classification(c.SENTENCE_SENTIMENT, "scored"))),),
}


def edit_layer(edit_type: str) -> str | None:
    """The layer an edit type targets; None for the original."""
    return None if edit_type == ORIGINAL else EDIT_LAYER[edit_type.split("_", 1)[0]]


Counts = Mapping[str, tuple[str, tuple[np.ndarray, ...]]]
"""layer -> (figure name, per-item count columns)."""


def item_counts(columns: Mapping[str, np.ndarray]) -> dict[str, tuple[str, tuple[np.ndarray, ...]]]:
    """Per layer, the figure and the per-item count columns the predictions have (an unpredicted layer is absent).

    `columns` maps a statistic's name to one count per item."""
    counts = {}
    for layer, options in _COLUMNS.items():
        for figure, names in options:
            if all(name in columns for name in names):
                counts[layer] = (figure, tuple(np.asarray(columns[name], dtype=np.float64) for name in names))
                break
    return counts


def fully_right(layer: str, counts: tuple[np.ndarray, ...]) -> np.ndarray:
    """Per item: every gold item of the layer found (with full credit) and nothing spurious."""
    if layer == "sentences":
        correct, scored = counts
        return correct == scored
    credit, actual, possible = counts
    return (credit == possible) & (actual == possible)


def _figure(layer: str, counts: tuple[np.ndarray, ...], rows: np.ndarray) -> float | None:
    sums = [column[rows].sum() for column in counts]
    if layer == "sentences":
        return as_number(accuracy(*sums))
    return as_number(prf(*sums)[2])


def by_edit_type(edit_types: Sequence[str], counts: Counts) -> dict[str, dict[str, Any]]:
    """Per edit type (sorted, `original` first): its number of items and the figure of every predicted layer."""
    types = np.asarray(edit_types)
    block = {}
    for edit_type in sorted(set(edit_types), key=lambda t: (t != ORIGINAL, t)):
        rows = np.flatnonzero(types == edit_type)
        block[edit_type] = {"items": len(rows), **{counts[layer][0]: _figure(layer, counts[layer][1], rows)
                                                  for layer in LAYERS if layer in counts}}
    return block


def consistency(edit_types: Sequence[str], bundles: Sequence[str], counts: Counts) -> dict[str, Any]:
    """Contrast consistency per predicted layer and over all layers (see the module docstring)."""
    right = {layer: fully_right(layer, counts[layer][1]) for layer in counts}
    members: dict[str, list[int]] = {}
    for index, bundle in enumerate(bundles):
        members.setdefault(bundle, []).append(index)
    verdicts: dict[str, dict[str, bool]] = {layer: {} for layer in LAYERS}
    for bundle, items in members.items():
        original = [i for i in items if edit_types[i] == ORIGINAL]
        for layer in LAYERS:
            edits = [i for i in items if edit_layer(edit_types[i]) == layer]
            if edits and layer in right:
                verdicts[layer][bundle] = bool(all(right[layer][i] for i in original + edits))
    result: dict[str, Any] = {}
    for layer in LAYERS:
        if layer not in right:
            result[layer] = None
            continue
        consistent = sum(verdicts[layer].values())
        n = len(verdicts[layer])
        result[layer] = {"bundles": n, "consistent": consistent, "consistency": consistent / n if n else None}
    if all(layer in right for layer in LAYERS):
        overall = [all(verdicts[layer].get(bundle, True) for layer in LAYERS) for bundle in members]
        result["all"] = {"bundles": len(overall), "consistent": sum(overall), "consistency": sum(overall) / len(overall) if overall else None}
    else:
        result["all"] = None
    return result


def contrast_block(edit_types: Sequence[str], bundles: Sequence[str], columns: Mapping[str, np.ndarray]) -> dict[str, Any]:
    """The `contrast` key of a report: items and bundles, figures per edit type, contrast consistency."""
    counts = item_counts(columns)
    return {
        "items": len(edit_types), "bundles": len(set(bundles)),
        "edits": sum(t != ORIGINAL for t in edit_types),
        "by_edit_type": by_edit_type(edit_types, counts),
        "consistency": consistency(edit_types, bundles, counts),
    }


def document_columns(sentence: Mapping[str, np.ndarray], document: Mapping[str, np.ndarray],
                     first_sentence: np.ndarray) -> dict[str, np.ndarray]:
    """One count per document: sentence columns summed over each document's sentences, and the document columns."""
    starts = np.asarray(first_sentence, dtype=np.int64)
    summed = {name: np.add.reduceat(np.asarray(column), starts) if len(starts) else np.zeros(0) for name, column in sentence.items()}
    return {**summed, **document}


def is_contrast(documents: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the scored documents are contrast items (they carry bundle fields)."""
    return bool(documents) and all("contrast" in document for document in documents)


def report_block(documents: Sequence[Mapping[str, Any]], sentence: Mapping[str, np.ndarray],
                 document: Mapping[str, np.ndarray], first_sentence: np.ndarray) -> dict[str, Any]:
    """`contrast_block` of scored contrast items, from the scorer's sentence and document statistics."""
    edit_types = [d["contrast"]["edit_type"] for d in documents]
    bundles = [f"{d['contrast']['base']['document']}-{d['contrast']['base']['sentence']}" for d in documents]
    return contrast_block(edit_types, bundles, document_columns(sentence, document, first_sentence))
