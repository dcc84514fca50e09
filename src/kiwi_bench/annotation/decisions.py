"""Turn an annotator's decisions (surface strings per sentence) into a document with exact offsets.

Annotators never count characters: they list, per sentence and in reading order, each mention's
surface string and attributes. This module finds each surface in its sentence, after the previous
mention of the same layer, at word boundaries (no letter or digit directly before or after), and
numbers the items in text order. A surface that cannot be found is an error naming the item.
"""

from __future__ import annotations

import copy
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document, renumber

ENTITY_FIELDS = ("label", "entity_id", "sentiment")
AMOUNT_FIELDS = ("kind", "value", "currency", "unit", "qualifier", "per")


def _at_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def find_surface(text: str, surface: str, begin: int, end: int) -> int | None:
    """First start >= begin of `surface` in text[begin:end] at word boundaries, else None."""
    position = text.find(surface, begin, end)
    while position != -1:
        if _at_word_boundary(text, position, position + len(surface)):
            return position
        position = text.find(surface, position + 1, end)
    return None


def _locate(layer: str, fields: tuple[str, ...], document: Document, sentence: dict, items: list[dict],
            where: str, problems: list[Problem], source: str) -> list[dict]:
    text = document["text"]
    cursor = sentence["start"]
    located = []
    for index, item in enumerate(items):
        location = f"{where}.{layer}[{index}]"
        missing = [field for field in ("text", *fields) if field not in item]
        if missing:
            problems.append(Problem(source, location, f"missing field(s) {', '.join(missing)}"))
            continue
        start = find_surface(text, item["text"], cursor, sentence["end"])
        if start is None:
            problems.append(Problem(source, location, f"{item['text']!r} not found in sentence {sentence['id']} "
                                                       "after the previous mention (list mentions in reading order)"))
            continue
        end = start + len(item["text"])
        located.append({"start": start, "end": end, "text": item["text"], **{f: item[f] for f in fields}})
        cursor = end
    return located


def compile_decisions(skeleton: Document, decisions: dict[str, Any], source: str = "<decisions>") -> Document:
    """A complete document: the skeleton's text and sentences plus the decided annotations."""
    problems: list[Problem] = []
    document = copy.deepcopy(skeleton)
    if decisions.get("id") != document["id"]:
        raise KiwiError([Problem(source, "$.id", f"expected {document['id']!r}, got {decisions.get('id')!r}")])
    decided = decisions.get("sentences", [])
    expected_ids = [sentence["id"] for sentence in document["sentences"]]
    if [entry.get("id") for entry in decided] != expected_ids:
        raise KiwiError([Problem(source, "$.sentences", f"must list every sentence once, in order: {expected_ids[0]}..{expected_ids[-1]}")])
    entities, amounts = [], []
    for index, (sentence, entry) in enumerate(zip(document["sentences"], decided)):
        where = f"$.sentences[{index}]"
        sentence["sentiment"] = entry.get("sentiment")
        entities += _locate("entities", ENTITY_FIELDS, document, sentence, entry.get("entities", []), where, problems, source)
        amounts += _locate("amounts", AMOUNT_FIELDS, document, sentence, entry.get("amounts", []), where, problems, source)
    if problems:
        raise KiwiError(problems)
    document["entities"] = renumber("entities", entities)
    document["amounts"] = renumber("amounts", amounts)
    document["sentiment"] = decisions.get("sentiment")
    document["status"] = {layer: "complete" for layer in document["status"]}
    return document
