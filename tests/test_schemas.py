"""Both JSON Schemas are valid draft 2020-12, the gold validates, and invalid inputs are rejected."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from kiwi_bench.core.schemas import load_schema, validator
from kiwi_test_paths import DATASET, ROOT


@pytest.mark.parametrize("name", ["document", "predictions", "llm-reply"])
def test_schema_is_valid_draft_2020_12_with_versioned_id(name):
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith({"document": ":1.0.0", "predictions": ":1.2.0", "llm-reply": ":1.0.0"}[name])


@pytest.mark.parametrize("path", sorted((DATASET / "source").glob("kiwi-*.json")), ids=lambda p: p.stem)
def test_every_gold_file_validates(path):
    assert list(validator("document").iter_errors(json.loads(path.read_text()))) == []


def _gold():
    return json.loads((DATASET / "source" / "kiwi-001.json").read_text())


def _entity():
    return {"id": "e1", "start": 0, "end": 6, "text": "OpenAI", "label": "ORG", "entity_id": "openai", "sentiment": "neutral"}


def _amount():
    return {"id": "a1", "start": 0, "end": 2, "text": "38", "kind": "money", "value": 38, "currency": None,
            "unit": None, "qualifier": "exact", "per": None}


INVALID_DOCUMENTS = {
    "extra top-level key": lambda d: d.update(comment="x"),
    "unknown language": lambda d: d.update(language="en"),
    "unknown split": lambda d: d.update(split="dev"),
    "missing status": lambda d: d.pop("status"),
    "bad sha256": lambda d: d["source"].update(sha256="xyz"),
    "negative offset": lambda d: d["sentences"][0].update(start=-1),
    "float offset": lambda d: d["sentences"][0].update(end=3.5),
    "unknown entity label": lambda d: d.update(entities=[{**_entity(), "label": "COMPANY"}]),
    "lowercase label": lambda d: d.update(entities=[{**_entity(), "label": "org"}]),
    "mixed entity sentiment": lambda d: d.update(entities=[{**_entity(), "sentiment": "mixed"}]),
    "entity_id not a slug": lambda d: d.update(entities=[{**_entity(), "entity_id": "Open AI"}]),
    "amount value as string": lambda d: d.update(amounts=[{**_amount(), "value": "38"}]),
    "lowercase currency": lambda d: d.update(amounts=[{**_amount(), "currency": "usd"}]),
    "currency on a count": lambda d: d.update(amounts=[{**_amount(), "kind": "count", "currency": "USD"}]),
    "unit on money": lambda d: d.update(amounts=[{**_amount(), "unit": "dollars"}]),
    "unknown qualifier": lambda d: d.update(amounts=[{**_amount(), "qualifier": "about"}]),
    "missing per": lambda d: d.update(amounts=[{k: v for k, v in _amount().items() if k != "per"}]),
}


@pytest.mark.parametrize("mutate", INVALID_DOCUMENTS.values(), ids=INVALID_DOCUMENTS.keys())
def test_invalid_documents_are_rejected(mutate):
    document = copy.deepcopy(_gold())
    mutate(document)
    assert list(validator("document").iter_errors(document)), "the schema accepted an invalid document"


VALID_LINES = [
    {"id": "kiwi-001"},
    {"id": "kiwi-001", "entities": [], "amounts": [], "sentences": [], "sentiment": "mixed"},
    {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "sentiment": "neutral"}],
     "amounts": [{"start": 40, "end": 62, "kind": "money", "value": 38000000000, "currency": "USD", "qualifier": "exact", "per": None}],
     "sentences": [{"id": "s3", "sentiment": "negative"}]},
    {"id": "kiwi-001", "entities": [{"text": "OpenAI", "label": "ORG"}], "amounts": [{"kind": "count", "value": 3, "currency": None}]},
    # version 1.1: entity ids, currency optional
    {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": "x" * 200}],
     "amounts": [{"start": 40, "end": 62, "kind": "count", "value": 3}, {"kind": "percent", "value": 5}]},
    {"id": "kiwi-001", "entities": [{"text": "OpenAI", "label": "ORG", "entity_id": "openai"}]},
]
INVALID_LINES = {
    "no id": {"entities": []},
    "extra field": {"id": "kiwi-001", "confidence": 0.5},
    "unknown label": {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "COMPANY"}]},
    "span and text together": {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "text": "OpenAI", "label": "ORG"}]},
    "offset as string": {"id": "kiwi-001", "entities": [{"start": "0", "end": 6, "label": "ORG"}]},
    "amount without value": {"id": "kiwi-001", "amounts": [{"kind": "money", "currency": "USD"}]},
    "empty entity id": {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": ""}]},
    "value as string": {"id": "kiwi-001", "amounts": [{"kind": "money", "value": "1,5", "currency": None}]},
    "bad sentence id": {"id": "kiwi-001", "sentences": [{"id": "3", "sentiment": "neutral"}]},
    "unknown document sentiment": {"id": "kiwi-001", "sentiment": "good"},
}


@pytest.mark.parametrize("line", VALID_LINES)
def test_valid_prediction_lines_are_accepted(line):
    assert list(validator("predictions").iter_errors(line)) == []


@pytest.mark.parametrize("line", INVALID_LINES.values(), ids=INVALID_LINES.keys())
def test_invalid_prediction_lines_are_rejected(line):
    assert list(validator("predictions").iter_errors(line))


def test_labels_module_reads_the_schema_enums():
    from kiwi_bench.core import labels

    assert labels.ENTITY_LABELS == ("PER", "ORG", "LOC", "PRODUCT", "MISC")
    assert labels.AMOUNT_KINDS == ("money", "count", "percent")
    assert labels.SENTENCE_SENTIMENTS == ("positive", "negative", "neutral", "mixed")
    assert load_schema("document")["$defs"]["entity"]["properties"]["sentiment"]["enum"] == list(labels.ENTITY_SENTIMENTS)


def test_currency_with_a_trailing_newline_is_rejected():
    # Python's `$` matches before a final newline; the exact length closes that gap in both schemas.
    line = {"id": "kiwi-001", "amounts": [{"kind": "money", "value": 1, "currency": "USD\n"}]}
    assert list(validator("predictions").iter_errors(line))
    document = _gold()
    document["amounts"] = [{**_amount(), "currency": "USD\n"}]
    assert list(validator("document").iter_errors(document))
