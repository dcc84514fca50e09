"""Grounding: an LLM's cited (sentence, text) items -> character offsets in the gold text.

Rules (docs/llm.md, "Grounding"):

1. Each item is searched inside the sentence it cites. Within a layer, the k-th item with the same
   (sentence, text) takes the k-th occurrence in text order, because each item takes the first
   occurrence that does not overlap an item of the same layer already grounded.
2. Matching is tried in three passes over all items, so that a looser match never takes the place
   of a stricter one: `exact`, then `case` (case-insensitive), then `normalised` (quotes, dashes
   and runs of white space unified, case-insensitive), each mapped back to original offsets.
3. An item citing a sentence id the document does not have is searched in the whole document
   (status `document`), after every item with a valid citation.
4. An item found nowhere is `ungrounded`; it is kept, never dropped (the scorer counts it as a
   spurious prediction in its cited sentence, prediction format 1.2).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kiwi_bench.corpus.documents import Document

STATUSES = ("exact", "case", "normalised", "document", "ungrounded")
LAYERS = ("entities", "amounts")
_QUOTES = {c: '"' for c in "\"„“”«»″‟〝〞＂"} | {c: "'" for c in "'‚‘’‹›′‛`´＇"}
_DASHES = {c: "-" for c in "-‐‑‒–—―−﹣－"}
_SPACE = re.compile(r"\s+")


_TABLE = str.maketrans({**_QUOTES, **_DASHES})


def _lower(char: str) -> str:
    """The lower case of one character when it is one character (offsets must not move)."""
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold_case(text: str) -> str:
    """Case-insensitive form of `text` with the same length (character for character)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(map(_lower, text))


def normalise(text: str) -> tuple[str, list[int]]:
    """(normalised text, offset in `text` of each normalised character): quotes to ' or ",
    dashes to -, each run of white space to one space, case folded."""
    mapped = fold_case(text.translate(_TABLE))
    parts: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _SPACE.finditer(mapped):
        parts.append(mapped[position:match.start()])
        origin.extend(range(position, match.start()))
        parts.append(" ")
        origin.append(match.start())
        position = match.end()
    parts.append(mapped[position:])
    origin.extend(range(position, len(mapped)))
    return "".join(parts), origin


class _Region:
    """A stretch of the document (one sentence, or the whole text); its folded and normalised forms
    are computed on first use (most items match exactly)."""

    def __init__(self, start: int, text: str):
        self.start, self.text = start, text

    @cached_property
    def folded(self) -> str:
        return fold_case(self.text)

    @cached_property
    def normalised(self) -> tuple[str, list[int]]:
        return normalise(self.text)

    def candidates(self, mode: str, needle: str) -> list[tuple[int, int]]:
        """Every (start, end) in document offsets where `needle` occurs under `mode`, in text order."""
        if mode == "exact":
            return [(self.start + k, self.start + k + len(needle)) for k in _find_all(self.text, needle)]
        if mode == "case":
            folded = fold_case(needle)
            return [(self.start + k, self.start + k + len(needle)) for k in _find_all(self.folded, folded)]
        target = normalise(needle.strip())[0]
        text, origin = self.normalised
        spans = []
        for k in _find_all(text, target):
            last = k + len(target) - 1
            spans.append((self.start + origin[k], self.start + origin[last] + 1))
        return spans


class _Regions:
    """The sentence regions of a document by id, and the whole text, each built on first use."""

    def __init__(self, document: Document):
        self.document = document
        self.sentences = {s["id"]: s for s in document["sentences"]}
        self._built: dict[str | None, _Region] = {}

    def __contains__(self, sentence_id: str) -> bool:
        return sentence_id in self.sentences

    def get(self, sentence_id: str | None) -> _Region:
        """The region of a sentence id, or of the whole text for None."""
        region = self._built.get(sentence_id)
        if region is None:
            if sentence_id is None:
                region = _Region(0, self.document["text"])
            else:
                sentence = self.sentences[sentence_id]
                region = _Region(sentence["start"], sentence["text"])
            self._built[sentence_id] = region
        return region


def _find_all(haystack: str, needle: str) -> list[int]:
    if not needle:
        return []
    found, index = [], haystack.find(needle)
    while index != -1:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


@dataclass
class Grounded:
    """The grounding of one layer's items: for each item, its (start, end) or None, and its status."""

    spans: list[tuple[int, int] | None]
    statuses: list[str]


def ground_layer(items: list[dict[str, Any]], document: Document, regions: _Regions | None = None) -> Grounded:
    """Offsets and statuses of `items` (each with `sentence` and `text`) in `document` (see the module rules)."""
    regions = regions or _Regions(document)
    spans: list[tuple[int, int] | None] = [None] * len(items)
    statuses = ["ungrounded"] * len(items)
    taken: list[tuple[int, int]] = []  # sorted; grounded spans never overlap, so only neighbours can clash

    def free(span: tuple[int, int]) -> bool:
        k = bisect_left(taken, span)
        return (k == 0 or taken[k - 1][1] <= span[0]) and (k == len(taken) or span[1] <= taken[k][0])

    def run(selected: Callable[[dict], bool], region_of: Callable[[dict], _Region], status_of: Callable[[str], str]) -> None:
        for mode in ("exact", "case", "normalised"):
            for index, item in enumerate(items):
                if spans[index] is not None or not selected(item):
                    continue
                span = next((c for c in region_of(item).candidates(mode, item["text"]) if free(c)), None)
                if span is not None:
                    spans[index], statuses[index] = span, status_of(mode)
                    insort(taken, span)

    run(lambda item: item["sentence"] in regions, lambda item: regions.get(item["sentence"]), lambda mode: mode)
    run(lambda item: item["sentence"] not in regions, lambda item: regions.get(None), lambda mode: "document")
    return Grounded(spans, statuses)


def _entity_output(item: dict[str, Any]) -> dict[str, Any]:
    """The prediction attributes of a reply entity (nulls left out: the prediction format has no null sentiment)."""
    return {key: item[key] for key in ("label", "sentiment", "entity_id") if item.get(key) is not None}


def _amount_output(item: dict[str, Any]) -> dict[str, Any]:
    output = {key: item.get(key) for key in ("kind", "value", "currency")}
    output.update({key: item[key] for key in ("unit", "per") if key in item})
    if item.get("qualifier") is not None:
        output["qualifier"] = item["qualifier"]
    return output


_OUTPUT = {"entities": _entity_output, "amounts": _amount_output}


@dataclass
class GroundedRecord:
    """One document's span-based record (with `ungrounded`), its span-free record, and status counts."""

    record: dict[str, Any]
    span_free: dict[str, Any]
    counts: dict[str, Counter]


def ground_reply(reply: dict[str, Any], document: Document) -> GroundedRecord:
    """The prediction records of a validated reply for `document` (its sentence ids decide the citations).

    Sentence sentiments for ids the document does not have, and repeats of an id, are left out of
    the records (counted as `sentences_dropped`).
    """
    doc_id = document["id"]
    known = {s["id"] for s in document["sentences"]}
    sentences, seen, dropped = [], set(), 0
    for sentence in reply.get("sentences", []):
        if sentence["id"] in known and sentence["id"] not in seen:
            sentences.append({"id": sentence["id"], "sentiment": sentence["sentiment"]})
            seen.add(sentence["id"])
        else:
            dropped += 1
    record: dict[str, Any] = {"id": doc_id}
    span_free: dict[str, Any] = {"id": doc_id}
    ungrounded: dict[str, list] = {}
    counts: dict[str, Counter] = {}
    regions = _Regions(document)
    for layer in LAYERS:
        items = reply.get(layer, [])
        grounded = ground_layer(items, document, regions)
        counts[layer] = Counter(grounded.statuses)
        record[layer] = []
        span_free[layer] = []
        for item, span in zip(items, grounded.spans):
            output = _OUTPUT[layer](item)
            span_free[layer].append({"text": item["text"], **output} if layer == "entities" else output)
            if span is None:
                cited = item["sentence"] if item["sentence"] in known else None
                ungrounded.setdefault(layer, []).append({"sentence": cited, "text": item["text"], **output})
            else:
                record[layer].append({"start": span[0], "end": span[1], **output})
    record["sentences"] = span_free["sentences"] = sentences
    if reply.get("sentiment") is not None:
        record["sentiment"] = span_free["sentiment"] = reply["sentiment"]
    if ungrounded:
        record["ungrounded"] = {layer: sorted(items, key=_ungrounded_key) for layer, items in ungrounded.items()}
    counts["sentences"] = Counter({"dropped": dropped}) if dropped else Counter()
    return GroundedRecord(record, span_free, counts)


def _ungrounded_key(item: dict[str, Any]) -> tuple:
    import json

    sentence = item.get("sentence")
    return (int(sentence[1:]) if sentence else 0, json.dumps(item, sort_keys=True, ensure_ascii=False))


def ground_file(path: Any, documents: list[Document]) -> tuple[list[dict], list[dict], dict[str, dict[str, int]]]:
    """Ground a JSON Lines file of replies (each with the document `id`): span-based and span-free records
    (canonical, sorted by id) and the status counts per layer. A bad line is a one-line error naming it."""
    import json

    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.core.jsonl import read_lines
    from kiwi_bench.systems.extractors import canonical_record
    from kiwi_bench.systems.llm.reply import ReplyError, parse_reply

    by_id = {document["id"]: document for document in documents}
    records, span_free, seen = [], [], set()
    totals: dict[str, Counter] = {layer: Counter() for layer in LAYERS}
    problems = []
    for line, value in read_lines(path):
        doc_id = value.get("id") if isinstance(value, dict) else None
        if doc_id not in by_id or doc_id in seen:
            problems.append(Problem(str(path), str(line), f"id: {doc_id!r} is {'repeated' if doc_id in seen else 'not a document of the dataset'}"))
            continue
        seen.add(doc_id)
        try:
            parsed = parse_reply(json.dumps({k: v for k, v in value.items() if k != "id"}, ensure_ascii=False),
                                 by_id[doc_id]["language"])
        except ReplyError as error:
            problems.append(Problem(str(path), str(line), str(error)))
            continue
        grounded = ground_reply(parsed.reply, by_id[doc_id])
        records.append(canonical_record(grounded.record))
        span_free.append(canonical_record(grounded.span_free))
        for layer in LAYERS:
            totals[layer].update(grounded.counts[layer])
    if problems:
        raise KiwiError(problems)
    return records, span_free, {layer: dict(totals[layer]) for layer in LAYERS}
