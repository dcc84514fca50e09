"""Builders of small hand-made gold documents and predictions for the scorer tests (no real data).

Imported by the other test_scoring*/test_crosscheck*/test_predictions* modules; holds no tests.
"""

from __future__ import annotations

import re
from typing import Any

STATUS_COMPLETE = {"sentence_sentiment": "complete", "entities": "complete", "amounts": "complete",
                   "document_sentiment": "complete"}


def make_document(doc_id: str, sentences: list[str], *, entities=(), amounts=(), sentence_sentiments=None,
                  sentiment: str | None = "neutral", language: str = "de", split: str = "test",
                  status: dict | None = None) -> dict[str, Any]:
    """A gold document whose text is the sentences joined by single spaces.

    `entities` are (surface, label, sentiment) or (surface, label, sentiment, occurrence) tuples
    found in the text; `amounts` are dicts with a "surface" key plus the amount fields.
    """
    text = " ".join(sentences)
    spans, position = [], 0
    for k, sentence in enumerate(sentences):
        spans.append({"id": f"s{k + 1}", "start": position, "end": position + len(sentence), "text": sentence,
                      "sentiment": (sentence_sentiments or ["neutral"] * len(sentences))[k]})
        position += len(sentence) + 1
    gold_entities = []
    for n, (surface, label, polarity, *occurrence) in enumerate(entities, start=1):
        start = find(text, surface, occurrence[0] if occurrence else 0)
        gold_entities.append({"id": f"e{n}", "start": start, "end": start + len(surface), "text": surface,
                              "label": label, "entity_id": re.sub(r"[^a-z0-9]+", "-", surface.lower()).strip("-") or "x",
                              "sentiment": polarity})
    gold_amounts = []
    for n, amount in enumerate(amounts, start=1):
        amount = dict(amount)
        surface = amount.pop("surface")
        start = find(text, surface, amount.pop("occurrence", 0))
        gold_amounts.append({"id": f"a{n}", "start": start, "end": start + len(surface), "text": surface,
                             "unit": None, "qualifier": "exact", "per": None, "currency": None, **amount})
    return {"id": doc_id, "language": language, "split": split, "title": sentences[0],
            "source": {"file": f"{doc_id}.txt", "sha256": "0" * 64, "url": None},
            "status": status or dict(STATUS_COMPLETE), "text": text, "sentiment": sentiment,
            "sentences": spans, "entities": gold_entities, "amounts": gold_amounts}


def find(text: str, surface: str, occurrence: int = 0) -> int:
    """Start of the `occurrence`-th (0-based) occurrence of `surface` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start


def span(document: dict, surface: str, occurrence: int = 0) -> dict[str, int]:
    """{"start", "end"} of a surface string in a gold document."""
    start = find(document["text"], surface, occurrence)
    return {"start": start, "end": start + len(surface)}


def entity(document: dict, surface: str, label: str, sentiment: str | None = None, occurrence: int = 0) -> dict:
    """A predicted span-based entity."""
    item = {**span(document, surface, occurrence), "label": label}
    if sentiment is not None:
        item["sentiment"] = sentiment
    return item


def score(documents: list[dict], records: list[dict], **options) -> dict[str, Any]:
    """Validate `records` against `documents` and return the report dict."""
    from kiwi_bench.api.predictions import predictions_from_records
    from kiwi_bench.scoring import evaluate, load_gold

    gold = load_gold(documents)
    read = predictions_from_records(records, gold, allow_missing=options.pop("allow_missing", False))
    options.setdefault("resamples", 200)
    return evaluate(gold, read.predictions, split="test", missing=read.missing, **options).report
