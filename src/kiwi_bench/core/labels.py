"""The label inventories of the annotation spec, read from the document schema (one source of truth)."""

from __future__ import annotations

from kiwi_bench.core.schemas import load_schema

_DEFS = load_schema("document")["$defs"]

ENTITY_LABELS: tuple[str, ...] = tuple(_DEFS["entity"]["properties"]["label"]["enum"])
ENTITY_SENTIMENTS: tuple[str, ...] = tuple(_DEFS["entity"]["properties"]["sentiment"]["enum"])
SENTENCE_SENTIMENTS: tuple[str, ...] = tuple(_DEFS["document_sentiment"]["enum"])
DOCUMENT_SENTIMENTS: tuple[str, ...] = SENTENCE_SENTIMENTS
AMOUNT_KINDS: tuple[str, ...] = tuple(_DEFS["amount"]["properties"]["kind"]["enum"])
QUALIFIERS: tuple[str, ...] = tuple(_DEFS["amount"]["properties"]["qualifier"]["enum"])
PERIODS: tuple[str, ...] = tuple(_DEFS["amount"]["properties"]["per"]["anyOf"][0]["enum"])
LANGUAGES: tuple[str, ...] = tuple(load_schema("document")["properties"]["language"]["enum"])
SPLITS: tuple[str, ...] = ("train", "validation", "test")

# Annotation spec, "Documents": split and language of every document (whole documents only).
DOCUMENT_SPLITS: dict[str, str] = {
    "kiwi-000": "train",
    "kiwi-001": "test",
    "kiwi-002": "validation",
    "kiwi-003": "test",
    "kiwi-004": "test",
}
DOCUMENT_LANGUAGES: dict[str, str] = {
    "kiwi-000": "de",
    "kiwi-001": "de",
    "kiwi-002": "de",
    "kiwi-003": "nl",
    "kiwi-004": "de",
}
