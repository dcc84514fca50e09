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

from kiwi_bench.scoring.align import Alignment, align
from kiwi_bench.scoring.codes import ENTITY_LABEL_CODES, KIND_CODES
from kiwi_bench.scoring.gold import Gold, load_gold
from kiwi_bench.scoring.predicted import PredictionBuilder
from kiwi_bench.scoring.spans import SpanColumns, canonical_order, offsets
from kiwi_bench.scoring.statistics import amount_agreement, entity_agreement

SPAN_LAYERS = ("entities", "amounts")
_ATTRIBUTES = {"entities": ("sentiment",), "amounts": ("value", "currency", "qualifier", "per", "unit")}
_LABEL = {"entities": "label", "amounts": "kind"}
_AGREEMENT = {"entities": entity_agreement, "amounts": amount_agreement}
_LABEL_CODES = {"label": ENTITY_LABEL_CODES, "kind": KIND_CODES}


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
    return _by_position(alignment, gold_order, pred_order)


def _by_position(alignment: Alignment, order_a: np.ndarray, order_b: np.ndarray) -> ItemAlignment:
    """The pairs of an alignment of canonically ordered columns, mapped back to the items' list positions."""
    match_a = np.full(len(order_a), -1, dtype=np.int64)
    match_b = np.full(len(order_b), -1, dtype=np.int64)
    g, p = alignment.pairs
    match_a[order_a[g]] = order_b[p]
    match_b[order_b[p]] = order_a[g]
    return ItemAlignment(tuple(match_a.tolist()), tuple(match_b.tolist()))


def _label_code(item: Mapping[str, Any]) -> int:
    """The scorer's code of an entity's label or an amount's kind."""
    key = "label" if "label" in item else "kind"
    return _LABEL_CODES[key][item[key]]


def align_spans(items_a: Sequence[Mapping[str, Any]], items_b: Sequence[Mapping[str, Any]]) -> ItemAlignment:
    """The scorer's alignment rule on two item lists of one document (e.g. two annotation passes).

    Items are entities (`label`) or amounts (`kind`) with local offsets; the ranking is the
    scorer's (exact span and label, exact span, same-label overlap, any overlap; larger overlap;
    canonical position), without its attribute tie-break, so agreement and the scores match
    spans by one rule."""
    def columns(items: Sequence[Mapping[str, Any]]) -> tuple[SpanColumns, np.ndarray]:
        start, end = offsets(items)
        label = np.fromiter(map(_label_code, items), np.int64, len(items))
        zeros = np.zeros(len(items), dtype=np.int64)
        encoded = SpanColumns(start, end, label, zeros, zeros.copy())
        order = canonical_order(encoded)
        return encoded.take(order), order

    (a, order_a), (b, order_b) = columns(items_a), columns(items_b)
    return _by_position(align(a, b), order_a, order_b)

