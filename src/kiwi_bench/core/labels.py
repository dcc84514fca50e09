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
