"""Disagreement listing and applying decisions, on two small hand-made passes."""

from __future__ import annotations

import pytest

from kiwi_bench.annotation.adjudication import apply_decisions, disagreements
from kiwi_bench.core.errors import KiwiError

TEXT = "OpenAI und Amazon zahlen 38 Milliarden Dollar."


def _doc(entities, amounts, sentence_sentiment="neutral", sentiment="positive"):
    return {"id": "kiwi-001", "text": TEXT, "sentiment": sentiment,
            "sentences": [{"id": "s1", "start": 0, "end": len(TEXT), "text": TEXT, "sentiment": sentence_sentiment}],
            "entities": entities, "amounts": amounts}


def _entity(start, end, label="ORG", entity_id="openai", sentiment="neutral", number=1):
    return {"id": f"e{number}", "start": start, "end": end, "text": TEXT[start:end], "label": label, "entity_id": entity_id, "sentiment": sentiment}


def _amount(start, end, value, number=1):
    return {"id": f"a{number}", "start": start, "end": end, "text": TEXT[start:end], "kind": "money", "value": value,
            "currency": "USD", "unit": None, "qualifier": "exact", "per": None}


A = _doc([_entity(0, 6), _entity(11, 17, entity_id="amazon", number=2)], [_amount(25, 45, 38e9)], "positive")
B = _doc([_entity(0, 6, sentiment="positive")], [_amount(25, 38, 38e9)], "positive", sentiment="mixed")


def test_every_difference_is_listed_once():
    lines = disagreements([A], [B])
    items = [(line["item"]["layer"], line["item"].get("start")) for line in lines]
    # document sentiment; OpenAI sentiment; Amazon only in A; two different amount spans
    assert items == [("document", None), ("entities", 0), ("entities", 11), ("amounts", 25), ("amounts", 25)]
    assert lines[2]["pass_b"] is None and lines[2]["pass_a"]["entity_id"] == "amazon"
    assert all(line["decision"] is None for line in lines)


def test_applying_decisions_builds_renumbered_gold():
    log = disagreements([A], [B])
    log[0]["decision"] = {"sentiment": "positive"}
    log[1]["decision"] = {"label": "ORG", "entity_id": "openai", "sentiment": "positive"}
    log[2]["decision"] = log[2]["pass_a"]
    log[3]["decision"] = None  # B's shorter amount span is dropped
    log[4]["decision"] = log[4]["pass_a"]
    for line in log:
        line["reason"] = "test"
    assert (log[3]["item"]["end"], log[4]["item"]["end"]) == (38, 45)
    (gold,) = apply_decisions([A], [B], log)
    assert gold["sentiment"] == "positive"
    assert [(e["id"], e["text"], e["sentiment"]) for e in gold["entities"]] == [("e1", "OpenAI", "positive"), ("e2", "Amazon", "neutral")]
    assert [(a["id"], a["text"]) for a in gold["amounts"]] == [("a1", "38 Milliarden Dollar")]


def test_an_undecided_disagreement_is_an_error():
    log = disagreements([A], [B])[:2]
    for line in log:
        line["decision"], line["reason"] = line["pass_a"], "test"
    with pytest.raises(KiwiError, match="undecided disagreement"):
        apply_decisions([A], [B], log)


def test_every_decision_needs_a_reason():
    log = disagreements([A], [B])
    for line in log:
        line["decision"] = line["pass_a"]
    with pytest.raises(KiwiError, match="reason: every decision needs a reason"):
        apply_decisions([A], [B], log)


def test_an_item_both_passes_share_can_be_corrected():
    log = disagreements([A], [B])
    for line in log:
        line["decision"], line["reason"] = line["pass_a"] or line["pass_b"], "test"
    log.append({"doc": "kiwi-001", "item": {"layer": "sentences", "id": "s1", "text": TEXT}, "pass_a": {"sentiment": "positive"},
                "pass_b": {"sentiment": "positive"}, "decision": {"sentiment": "neutral"}, "reason": "both passes over-read the framing"})
    (gold,) = apply_decisions([A], [B], log)
    assert gold["sentences"][0]["sentiment"] == "neutral"
