"""Gold documents -> rows of each Hugging Face config (pure functions, no file I/O)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.tokens import tokenize
from kiwi_bench.corpus.documents import Document

Row = dict[str, Any]


def _shift(item: dict, offset: int) -> dict:
    return {**item, "start": item["start"] - offset, "end": item["end"] - offset}


def _inside(item: dict, sentence: dict) -> bool:
    return sentence["start"] <= item["start"] and item["end"] <= sentence["end"]


def document_row(document: Document) -> Row:
    """The `documents` row of a gold document."""
    return {
        "id": document["id"],
        "language": document["language"],
        "title": document["title"],
        "text": document["text"],
        "source_file": document["source"]["file"],
        "source_sha256": document["source"]["sha256"],
        "url": document["source"]["url"],
        "sentiment": document["sentiment"],
        "sentences": document["sentences"],
        "entities": document["entities"],
        "amounts": document["amounts"],
    }


def sentence_rows(document: Document) -> Iterator[Row]:
    """The `sentences` rows: each sentence with its items, offsets relative to the sentence."""
    for sentence in document["sentences"]:
        offset = sentence["start"]
        yield {
            "doc_id": document["id"],
            "sentence_id": sentence["id"],
            "language": document["language"],
            "text": sentence["text"],
            "sentiment": sentence["sentiment"],
            "entities": [_shift(e, offset) for e in document["entities"] if _inside(e, sentence)],
            "amounts": [_shift(a, offset) for a in document["amounts"] if _inside(a, sentence)],
        }


def iob2_tags(spans: list[tuple[int, int]], items: list[dict], tag_of: str, where: str) -> list[str]:
    """IOB2 tags of tokens `spans` for `items` (attribute `tag_of` names the type); spans must align."""
    starts = {start: index for index, (start, _) in enumerate(spans)}
    ends = {end: index for index, (_, end) in enumerate(spans)}
    tags = ["O"] * len(spans)
    for item in items:
        first, last = starts.get(item["start"]), ends.get(item["end"])
        if first is None or last is None:
            raise KiwiError([Problem(where, item["id"], f"span {item['text']!r} [{item['start']}, {item['end']}) does not align with token boundaries")])
        tags[first] = f"B-{item[tag_of]}"
        for index in range(first + 1, last + 1):
            tags[index] = f"I-{item[tag_of]}"
    return tags


def token_rows(document: Document) -> Iterator[Row]:
    """The `tokens` rows: one per sentence, spaCy tokens with IOB2 entity and amount tags."""
    text = document["text"]
    for sentence in document["sentences"]:
        offset = sentence["start"]
        spans = [(start + offset, end + offset) for start, end in tokenize(sentence["text"], document["language"])]
        where = f"{document['id']}:{sentence['id']}"
        entities = [e for e in document["entities"] if _inside(e, sentence)]
        amounts = [a for a in document["amounts"] if _inside(a, sentence)]
        yield {
            "doc_id": document["id"],
            "sentence_id": sentence["id"],
            "language": document["language"],
            "tokens": [text[start:end] for start, end in spans],
            "token_starts": [start for start, _ in spans],
            "token_ends": [end for _, end in spans],
            "ner_tags": iob2_tags(spans, entities, "label", where),
            "amount_tags": iob2_tags(spans, amounts, "kind", where),
        }


def annotator_row(document: Document) -> Row:
    """The `annotators` row of one pass's document (offsets into the gold text of the same id)."""
    return {
        "doc_id": document["id"],
        "annotator": document["annotator"],
        "blind": document["blind"],
        "sentiment": document["sentiment"],
        "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in document["sentences"]],
        "entities": document["entities"],
        "amounts": document["amounts"],
    }


def contrast_row(item: Document) -> Row:
    """The `contrast` row of a contrast item (a one-sentence document with bundle fields)."""
    base = item["contrast"]["base"]
    return {
        "id": item["id"],
        "bundle_id": f"{base['document']}-{base['sentence']}",
        "base_doc_id": base["document"],
        "base_sentence_id": base["sentence"],
        "edit_type": item["contrast"]["edit_type"],
        "edit": item["contrast"]["edit"],
        "language": item["language"],
        "text": item["text"],
        "sentiment": item["sentiment"],
        "entities": item["entities"],
        "amounts": item["amounts"],
    }


CONFIG_ROWS = {
    "contrast": lambda item: iter([contrast_row(item)]),
    "documents": lambda document: iter([document_row(document)]),
    "sentences": sentence_rows,
    "tokens": token_rows,
    "annotators": lambda document: iter([annotator_row(document)]),
}
