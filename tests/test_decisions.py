"""Annotators' decisions (surface strings per sentence) compile to exact offsets, or to one-line errors."""

from __future__ import annotations

import pytest

from kiwi_bench.annotation.decisions import compile_decisions, find_surface
from kiwi_bench.core.errors import KiwiError

TEXT = "OpenAIs Partner OpenAI zahlt 38-Milliarden.\nOpenAI wächst."
SKELETON = {
    "id": "kiwi-009", "text": TEXT, "sentiment": None,
    "status": {"sentence_sentiment": "unfinished", "entities": "unfinished", "amounts": "unfinished", "document_sentiment": "unfinished"},
    "sentences": [{"id": "s1", "start": 0, "end": 43, "text": TEXT[:43], "sentiment": None},
                  {"id": "s2", "start": 44, "end": 58, "text": TEXT[44:], "sentiment": None}],
    "entities": [], "amounts": [],
}


def _entity(surface: str) -> dict:
    return {"text": surface, "label": "ORG", "entity_id": "openai", "sentiment": "neutral"}


def test_word_boundaries_skip_a_name_inside_a_longer_word():
    # "OpenAI" at 0 is the prefix of "OpenAIs" (followed by a letter): the first standalone one is at 16.
    assert find_surface(TEXT, "OpenAI", 0, 43) == 16
    assert find_surface(TEXT, "38-Milliarden", 0, 43) == 29


def test_repeated_mentions_are_found_in_reading_order():
    decisions = {"id": "kiwi-009", "sentiment": "positive", "sentences": [
        {"id": "s1", "sentiment": "neutral", "entities": [_entity("OpenAIs"), _entity("OpenAI")],
         "amounts": [{"text": "38-Milliarden", "kind": "money", "value": 38e9, "currency": None, "unit": None, "qualifier": "exact", "per": None}]},
        {"id": "s2", "sentiment": "positive", "entities": [_entity("OpenAI")]},
    ]}
    document = compile_decisions(SKELETON, decisions)
    assert [(e["id"], e["start"], e["end"]) for e in document["entities"]] == [("e1", 0, 7), ("e2", 16, 22), ("e3", 44, 50)]
    assert all(TEXT[e["start"]:e["end"]] == e["text"] for e in document["entities"])
    assert document["amounts"][0]["start"] == 29 and document["amounts"][0]["id"] == "a1"
    assert [s["sentiment"] for s in document["sentences"]] == ["neutral", "positive"]
    assert set(document["status"].values()) == {"complete"}
    assert SKELETON["entities"] == []  # the skeleton is not modified


def test_a_surface_missing_from_its_sentence_is_an_error_naming_the_item():
    decisions = {"id": "kiwi-009", "sentences": [{"id": "s1", "entities": [_entity("Amazon")]}, {"id": "s2"}]}
    with pytest.raises(KiwiError, match=r"d.json:\$.sentences\[0\].entities\[0\]: 'Amazon' not found in sentence s1"):
        compile_decisions(SKELETON, decisions, "d.json")


def test_every_sentence_must_be_listed_in_order():
    with pytest.raises(KiwiError, match="must list every sentence once"):
        compile_decisions(SKELETON, {"id": "kiwi-009", "sentences": [{"id": "s2"}, {"id": "s1"}]})
