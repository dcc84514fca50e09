"""Hyper-parameter selection on the validation split: the objectives and the grid search.

The objectives are selection criteria only, deliberately simple and computed here so that the
baselines do not depend on the scorer while it changes; the benchmark's numbers come from
`kiwi-bench evaluate`. Each is higher-is-better:
- `entity_strict_f1`: micro F1 of (document, start, end, label) over entities;
- `amount_strict_f1`: micro F1 of (document, start, end, kind) over amounts;
- `sentence_macro_f1`: mean F1 over the sentence labels that occur in the gold or the predictions.

A config's `[selection.<part>]` table names an `objective` and a `grid` over the keys of
`[params.<part>]`; `search` tries every combination (fit on train, predict validation) and reports
the best, part by part, with the other parts at their configured values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kiwi_bench.baselines.config import with_params
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import Record, load_extractor
from kiwi_bench.systems.protocols import Trial, expand_grid, tune


def _f1(predicted: set, gold: set) -> float:
    if not predicted and not gold:
        return 0.0
    correct = len(predicted & gold)
    return 2 * correct / (len(predicted) + len(gold))


def _items(records: Sequence[Mapping], layer: str, label: str) -> set[tuple]:
    return {(r["id"], item["start"], item["end"], item[label]) for r in records for item in r.get(layer, [])}


def entity_strict_f1(records: list[Record], gold: list[Document]) -> float:
    """Micro F1 over exact (document, span, label) entity matches."""
    return _f1(_items(records, "entities", "label"), _items(gold, "entities", "label"))


def amount_strict_f1(records: list[Record], gold: list[Document]) -> float:
    """Micro F1 over exact (document, span, kind) amount matches."""
    return _f1(_items(records, "amounts", "kind"), _items(gold, "amounts", "kind"))


def sentence_macro_f1(records: list[Record], gold: list[Document]) -> float:
    """Macro F1 of sentence sentiment over the labels present in the gold or the predictions."""
    truth = {(d["id"], s["id"]): s["sentiment"] for d in gold for s in d["sentences"]}
    guess = {(r["id"], s["id"]): s["sentiment"] for r in records for s in r.get("sentences", [])}
    labels = sorted(set(truth.values()) | set(guess.values()))
    scores = []
    for label in labels:
        gold_keys = {k for k, v in truth.items() if v == label}
        pred_keys = {k for k, v in guess.items() if v == label}
        scores.append(_f1(pred_keys, gold_keys))
    return sum(scores) / len(scores) if scores else 0.0


OBJECTIVES: dict[str, Callable[[list[Record], list[Document]], float]] = {
    "entity_strict_f1": entity_strict_f1,
    "amount_strict_f1": amount_strict_f1,
    "sentence_macro_f1": sentence_macro_f1,
}


def search(name: str, config: Mapping[str, Any], documents: Sequence[Document],
           on_step: Callable[[str], None] | None = None) -> dict[str, tuple[dict[str, Any], list[Trial]]]:
    """Grid search of every `[selection.<part>]` table of `config`: part -> (best, trials)."""
    results = {}
    for part, spec in sorted(config.get("selection", {}).items()):
        if not isinstance(spec, Mapping) or "grid" not in spec:
            continue
        if spec.get("objective") not in OBJECTIVES:
            raise KiwiError(f"{name}: selection.{part}.objective must be one of {', '.join(sorted(OBJECTIVES))}")
        candidates = expand_grid(spec["grid"])
        results[part] = tune(lambda candidate, part=part: load_extractor(name, with_params(config, part, candidate)),
                             candidates, documents, OBJECTIVES[spec["objective"]], f"{name}:{part}", on_step)
    return results
