"""Prediction format 1.2: `ungrounded` items are one spurious prediction each, in their cited sentence.

Expected figures are computed by hand from the gold counts: a perfect span-based file plus k
ungrounded items has precision n / (n + k), recall 1, and the cited sentence's `actual` grows by one.
"""

from __future__ import annotations

import copy
import json
import random

import pytest

from kiwi_bench import KiwiError, evaluate
from kiwi_bench.api.predictions import schema_ok
from kiwi_bench.core.schemas import validator
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.scoring import load_gold
from kiwi_test_paths import DATASET

TEST = load_documents(DATASET, "test")


def _perfect() -> list[dict]:
    return [{"id": d["id"],
             "entities": [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in d["entities"]],
             "amounts": [{"start": a["start"], "end": a["end"], "kind": a["kind"], "value": a["value"],
                          "currency": a["currency"]} for a in d["amounts"]]} for d in TEST]


def _in_sentence(document: dict, layer: str, sentence_id: str) -> int:
    sentence = next(s for s in document["sentences"] if s["id"] == sentence_id)
    return sum(sentence["start"] <= item["start"] < sentence["end"] for item in document[layer])


def test_each_ungrounded_item_is_one_spurious_prediction_in_its_cited_sentence():
    records = _perfect()
    n_entities = sum(len(d["entities"]) for d in TEST)
    n_amounts = sum(len(d["amounts"]) for d in TEST)
    records[0]["ungrounded"] = {"entities": [{"sentence": "s2", "text": "Foo AG", "label": "ORG"}],
                                "amounts": [{"sentence": "s3", "text": "12 Mrd.", "kind": "money", "value": 1.2e10}]}
    records[1]["ungrounded"] = {"entities": [{"sentence": None, "text": "Jan Jansen", "label": "PER", "sentiment": "neutral"}]}
    result = evaluate(records, split="test", resamples=0)
    strict = result.report["entities"]["strict"]
    assert (strict["correct"], strict["spurious"], strict["missed"]) == (n_entities, 2, 0)
    assert strict["precision"] == pytest.approx(n_entities / (n_entities + 2))
    assert strict["recall"] == 1.0
    per_label = result.report["entities"]["per_label"]
    assert per_label["ORG"]["strict"]["spurious"] == 1 and per_label["PER"]["strict"]["spurious"] == 1
    assert per_label["LOC"]["strict"]["spurious"] == 0
    amounts = result.report["amounts"]["span"]["strict"]
    assert (amounts["correct"], amounts["spurious"]) == (n_amounts, 1)
    assert amounts["precision"] == pytest.approx(n_amounts / (n_amounts + 1))
    assert result.report["amounts"]["value"]["accuracy"] == 1.0  # over matched pairs only: unchanged

    gold = load_gold(TEST)
    actual = result.statistics.sentence["ent_actual"]
    s2 = gold.sentence_lookup(gold.index[TEST[0]["id"]])["s2"]
    first_of_second = gold.sentence_lookup(gold.index[TEST[1]["id"]])["s1"]
    assert actual[s2] == _in_sentence(TEST[0], "entities", "s2") + 1
    assert actual[first_of_second] == _in_sentence(TEST[1], "entities", "s1") + 1  # sentence null: the first one
    assert int(actual.sum()) == n_entities + 2
    s3 = gold.sentence_lookup(gold.index[TEST[0]["id"]])["s3"]
    assert result.statistics.sentence["amt_actual"][s3] == _in_sentence(TEST[0], "amounts", "s3") + 1


def test_a_file_without_ungrounded_items_scores_as_before():
    plain = evaluate(_perfect(), split="test", resamples=0).report
    records = _perfect()
    records[0]["ungrounded"] = {"entities": [], "amounts": []}
    assert evaluate(records, split="test", resamples=0).report == plain


@pytest.mark.parametrize(("ungrounded", "message"), [
    ({"entities": [{"sentence": "s999", "text": "X", "label": "ORG"}]}, "ungrounded.entities[0].sentence: no sentence 's999'"),
    ({"entities": [{"sentence": "s1", "text": "X", "label": "COMPANY"}]}, "ungrounded"),
    ({"amounts": [{"sentence": "s1", "kind": "money", "value": 3}]}, "ungrounded"),
    ({"people": []}, "ungrounded"),
])
def test_bad_ungrounded_items_are_one_line_errors(ungrounded, message):
    records = _perfect()
    records[0]["ungrounded"] = ungrounded
    with pytest.raises(KiwiError) as error:
        evaluate(records, split="test", resamples=0)
    assert len(error.value.problems) == 1 and message in str(error.value.problems[0])


def test_ungrounded_items_need_a_span_based_layer():
    records = [{"id": d["id"], "entities": [{"text": e["text"], "label": e["label"]} for e in d["entities"]]} for d in TEST]
    records[1]["ungrounded"] = {"entities": [{"sentence": "s1", "text": "X", "label": "ORG"}]}
    with pytest.raises(KiwiError, match="ungrounded items in a span-free layer"):
        evaluate(records, split="test", resamples=0)


def test_schema_mirror_agrees_with_jsonschema_on_ungrounded_items():
    schema = validator("predictions")
    rng = random.Random(12)
    values = [None, True, 0, 2.5, "", "x", "s1", "s0", "ORG", "COMPANY", "money", "USD", "usd", [], {}]
    base = {"id": "kiwi-001", "ungrounded": {
        "entities": [{"sentence": "s1", "text": "Foo", "label": "ORG", "sentiment": "neutral", "entity_id": "foo"}],
        "amounts": [{"sentence": None, "text": "3 Mio.", "kind": "count", "value": 3e6, "currency": None, "unit": "users",
                     "qualifier": "approx", "per": None}]}}
    for _ in range(1500):
        record = copy.deepcopy(base)
        for _ in range(rng.randint(0, 2)):
            layer = rng.choice(["entities", "amounts", None])
            items = record["ungrounded"].get(layer) if layer else None
            if layer and not (isinstance(items, list) and items and isinstance(items[0], dict)):
                continue
            target = record["ungrounded"] if layer is None else items[0]
            key = rng.choice([*target, "start", "extra", "sentence", "text", "label", "kind", "value"])
            if rng.random() < 0.2:
                target.pop(key, None)
            else:
                target[key] = rng.choice(values)
        assert schema_ok(record) == schema.is_valid(record), json.dumps(record)


def test_entity_ids_are_all_or_none_ungrounded_entities_included():
    records = [{"id": d["id"], "entities": [{"start": e["start"], "end": e["end"], "label": e["label"], "entity_id": e["entity_id"]}
                                            for e in d["entities"]]} for d in TEST]
    records[0]["ungrounded"] = {"entities": [{"sentence": "s2", "text": "Foo AG", "label": "ORG"}]}
    with pytest.raises(KiwiError, match=r"ungrounded.entities\[0\].entity_id: missing"):
        evaluate(records, split="test", resamples=0)
    records[0]["ungrounded"]["entities"][0]["entity_id"] = "foo-ag"
    report = evaluate(records, split="test", resamples=0).report
    n = sum(len(d["entities"]) for d in TEST)
    assert report["entities"]["strict"]["spurious"] == 1
    assert report["entities"]["linking"]["mentions"] == {"key": n, "response": n + 1, "matched": n}
