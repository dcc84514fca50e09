"""The scorer's alignment of one document's predicted items to its gold items, by item position.

`kiwi-bench evaluate` aligns columns in canonical order; the viewer needs the same matched pairs
in terms of the items as they stand in the gold document and in the prediction record. This
module encodes both lists with the scorer's own encoder (`PredictionBuilder`), sorts them with
`spans.canonical_order`, aligns them with `align.align` and the scorer's tie-break scores, and
maps the pairs back to list positions. Nothing is re-implemented: alignment never crosses
documents, so these pairs are exactly the ones behind the figures of `evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from kiwi_bench.scoring.align import align
from kiwi_bench.scoring.gold import Gold, load_gold
from kiwi_bench.scoring.predicted import PredictionBuilder
from kiwi_bench.scoring.spans import SpanColumns, canonical_order
from kiwi_bench.scoring.statistics import amount_agreement, entity_agreement

SPAN_LAYERS = ("entities", "amounts")
_ATTRIBUTES = {"entities": ("sentiment",), "amounts": ("value", "currency", "qualifier", "per", "unit")}
_LABEL = {"entities": "label", "amounts": "kind"}
_AGREEMENT = {"entities": entity_agreement, "amounts": amount_agreement}


@dataclass(frozen=True)
class ItemAlignment:
    """`gold_match[i]`: the position of the prediction matched to gold item i, or -1; `pred_match` the converse."""

    gold_match: tuple[int, ...]
    pred_match: tuple[int, ...]


def _columns(gold: Gold, layer: str, items: Sequence[Mapping[str, Any]]) -> tuple[SpanColumns, np.ndarray]:
    """The items encoded as the scorer encodes predictions, in canonical order, and that order."""
    builder = PredictionBuilder(gold)
    builder.add(0, {layer: list(items)})
    encoded = getattr(builder, layer)
    attrs = {name: encoded.numpy(name, np.float64 if name == "value" else np.int64) for name in _ATTRIBUTES[layer]}
    doc = encoded.numpy("doc")
    columns = SpanColumns(encoded.numpy("start"), encoded.numpy("end"), encoded.numpy(_LABEL[layer]), doc, doc, attrs)
    order = canonical_order(columns)
    return columns.take(order), order


def align_items(document: Mapping[str, Any], layer: str, predicted: Sequence[Mapping[str, Any]],
                gold: Gold | None = None) -> ItemAlignment:
    """The scorer's one-to-one alignment of the span-based `predicted` items of `layer` to the gold ones.

    `document` is one gold document; `predicted` the (validated, span-based) items of its record;
    `gold` may pass `load_gold([document])` when it is already built.
    """
    if layer not in SPAN_LAYERS:
        raise ValueError(f"no span alignment for layer {layer!r} (expected one of {', '.join(SPAN_LAYERS)})")
    gold = gold if gold is not None else load_gold([dict(document)])
    gold_items = list(document.get(layer) or ())
    gold_columns, gold_order = _columns(gold, layer, gold_items)
    pred_columns, pred_order = _columns(gold, layer, predicted)
    alignment = align(gold_columns, pred_columns, _AGREEMENT[layer](gold_columns, pred_columns))
    gold_match = np.full(len(gold_items), -1, dtype=np.int64)
    pred_match = np.full(len(predicted), -1, dtype=np.int64)
    g, p = alignment.pairs
    gold_match[gold_order[g]] = pred_order[p]
    pred_match[pred_order[p]] = gold_order[g]
    return ItemAlignment(tuple(gold_match.tolist()), tuple(pred_match.tolist()))
