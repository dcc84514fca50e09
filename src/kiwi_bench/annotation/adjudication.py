"""Adjudication: list every disagreement between two passes, and build the gold from the decisions.

A log line is {"doc", "item", "pass_a", "pass_b", "decision", "reason"}. `item` identifies a span
(layer, start, end, text), a sentence (layer "sentences", id) or the document (layer "document");
`pass_a`/`pass_b`/`decision` hold the item's attributes, or null where the item is absent (a null
decision removes the span). Items on which both passes agree are kept as they are; every
disagreement must have a decided log line; a line may also correct an item both passes share.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document, renumber
from kiwi_bench.scoring.equality import value_equal

ATTRIBUTES = {
    "entities": ("label", "entity_id", "sentiment"),
    "amounts": ("kind", "value", "currency", "unit", "qualifier", "per"),
    "sentences": ("sentiment",),
    "document": ("sentiment",),
}


def _same(x: Any, y: Any) -> bool:
    if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
        return value_equal(x, y)
    return x == y


def _attributes(item: dict | None, layer: str) -> dict | None:
    return None if item is None else {key: item[key] for key in ATTRIBUTES[layer]}


def _key(layer: str, item: dict) -> tuple:
    return (layer, item["id"]) if layer == "sentences" else (layer, item["start"], item["end"])


def item_label(layer: str, item: dict) -> dict:
    """The `item` field of a log line: which span, sentence or document it is about."""
    if layer == "document":
        return {"layer": "document"}
    if layer == "sentences":
        return {"layer": "sentences", "id": item["id"], "text": item["text"]}
    return {"layer": layer, "start": item["start"], "end": item["end"], "text": item["text"]}


def _layer_items(document: Document, layer: str) -> dict[tuple, dict]:
    if layer == "document":
        return {("document",): document}
    return {_key(layer, item): item for item in document[layer]}


def disagreements(pass_a: list[Document], pass_b: list[Document]) -> list[dict]:
    """One undecided log line per item on which the passes differ, in document and text order."""
    by_id_b = {d["id"]: d for d in pass_b}
    lines = []
    for doc_a in sorted(pass_a, key=lambda d: d["id"]):
        doc_b = by_id_b[doc_a["id"]]
        for layer in ("document", "sentences", "entities", "amounts"):
            items_a, items_b = _layer_items(doc_a, layer), _layer_items(doc_b, layer)
            for key in sorted(set(items_a) | set(items_b), key=lambda k: tuple(str(p).zfill(8) for p in k)):
                a, b = _attributes(items_a.get(key), layer), _attributes(items_b.get(key), layer)
                if a is not None and b is not None and all(_same(a[k], b[k]) for k in a):
                    continue
                lines.append({"doc": doc_a["id"], "item": item_label(layer, items_a.get(key) or items_b[key]),
                              "pass_a": a, "pass_b": b, "decision": None, "reason": ""})
    return lines


def _line_key(line: dict) -> tuple:
    item = line["item"]
    if item["layer"] == "document":
        return (line["doc"], "document")
    if item["layer"] == "sentences":
        return (line["doc"], "sentences", item["id"])
    return (line["doc"], item["layer"], item["start"], item["end"])


def _check_log(pass_a: list[Document], pass_b: list[Document], log: list[dict], source: str) -> None:
    problems = []
    decided = {_line_key(line): index for index, line in enumerate(log, 1)}
    for line in disagreements(pass_a, pass_b):
        if _line_key(line) not in decided:
            problems.append(Problem(source, "-", f"undecided disagreement: {line['doc']} {json.dumps(line['item'], ensure_ascii=False)}"))
    for index, line in enumerate(log, 1):
        if not line.get("reason"):
            problems.append(Problem(source, str(index), "reason: every decision needs a reason"))
        layer = line["item"]["layer"]
        if line["decision"] is None and layer in ("sentences", "document"):
            problems.append(Problem(source, str(index), "decision: a sentiment decision cannot be null"))
        elif line["decision"] is not None and set(line["decision"]) != set(ATTRIBUTES[layer]):
            problems.append(Problem(source, str(index), f"decision: must have exactly the keys {', '.join(ATTRIBUTES[layer])}"))
    if problems:
        raise KiwiError(problems)


def apply_decisions(pass_a: list[Document], pass_b: list[Document], log: list[dict], source: str = "adjudication.jsonl") -> list[Document]:
    """The adjudicated documents: agreed items, plus every decided item; ids renumbered in text order."""
    _check_log(pass_a, pass_b, log, source)
    by_id_b = {d["id"]: d for d in pass_b}
    result = []
    for doc_a in sorted(pass_a, key=lambda d: d["id"]):
        doc_b = by_id_b[doc_a["id"]]
        gold = copy.deepcopy(doc_a)
        lines = {_line_key(line): line for line in log if line["doc"] == gold["id"]}
        if (gold["id"], "document") in lines:
            gold["sentiment"] = lines[(gold["id"], "document")]["decision"]["sentiment"]
        for sentence in gold["sentences"]:
            line = lines.get((gold["id"], "sentences", sentence["id"]))
            if line is not None:
                sentence["sentiment"] = line["decision"]["sentiment"]
        for layer in ("entities", "amounts"):
            items_a, items_b = _layer_items(doc_a, layer), _layer_items(doc_b, layer)
            kept = []
            for key in set(items_a) | set(items_b):
                line = lines.get((gold["id"], *key))
                base = items_a.get(key) or items_b[key]
                if line is None:
                    kept.append(copy.deepcopy(base))
                elif line["decision"] is not None:
                    kept.append({**{k: base[k] for k in ("start", "end", "text")}, **line["decision"]})
            for key, line in lines.items():  # decided spans that neither pass had (the adjudicator's own)
                if key[1] == layer and (key[2], key[3]) not in {(k[1], k[2]) for k in set(items_a) | set(items_b)} and line["decision"]:
                    item = line["item"]
                    kept.append({"start": item["start"], "end": item["end"], "text": item["text"], **line["decision"]})
            gold[layer] = renumber(layer, kept)
        result.append(gold)
    return result
