"""The prediction reader: one-line errors for every broken input, streaming, and the schema mirror."""

from __future__ import annotations

import io
import json
import random

import pytest

from kiwi_bench.api.predictions import collect, iter_lines, read_predictions, schema_ok
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.schemas import validator
from kiwi_bench.scoring import load_gold
from test_scoring_support import make_document

DOC = make_document("kiwi-001", ["OpenAI zahlt 38 Milliarden Dollar.", "Amazon jubelt."],
                    entities=[("OpenAI", "ORG", "neutral"), ("Amazon", "ORG", "positive")])
OTHER = make_document("kiwi-003", ["Nvidia groeit."], language="nl")
GOLD = load_gold([DOC, OTHER])
GOOD = {"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG"}]}


def read(data: bytes, allow_missing: bool = True, **options):
    return collect(iter_lines(io.BytesIO(data), "p.jsonl"), GOLD, "p.jsonl", "test", allow_missing=allow_missing, **options)


def problems(data: bytes, **options) -> list[str]:
    with pytest.raises(KiwiError) as error:
        read(data, **options)
    lines = [str(p) for p in error.value.problems]
    assert all("\n" not in line and line.startswith("p.jsonl:") for line in lines)
    return lines


def jsonl(*records) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


@pytest.mark.parametrize("record, expected", [
    ({"id": "kiwi-999"}, "p.jsonl:1: id: 'kiwi-999' is not a document of split test"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 99, "label": "ORG"}]}, "p.jsonl:1: entities[0].end: 99 is outside the text"),
    ({"id": "kiwi-001", "entities": [{"start": 6, "end": 6, "label": "ORG"}]}, "p.jsonl:1: entities[0]: start 6 >= end 6"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "COMPANY"}]}, "p.jsonl:1: entities[0].label: unknown label 'COMPANY'"),
    ({"id": "kiwi-001", "entities": [{"start": -1, "end": 6, "label": "ORG"}]}, "p.jsonl:1: entities[0].start:"),
    ({"id": "kiwi-001", "sentences": [{"id": "s9", "sentiment": "neutral"}]}, "p.jsonl:1: sentences[0].id: no sentence 's9' in kiwi-001"),
    ({"id": "kiwi-001", "sentences": [{"id": "s1", "sentiment": "neutral"}] * 2}, "p.jsonl:1: sentences[1].id: duplicate sentence 's1'"),
    ({"id": "kiwi-001", "amounts": [{"kind": "money", "value": 10 ** 400, "currency": "USD"}]},
     "p.jsonl:1: amounts[0].value: not a finite number"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG"}, {"text": "Amazon", "label": "ORG"}]},
     "p.jsonl:1: entities[1]: span-free item in a span layer"),
    ({"id": "kiwi-001", "entities": [{"text": "Amazon", "label": "ORG"}, {"start": 0, "end": 6, "label": "ORG"}]},
     "p.jsonl:1: entities[1]: span item in a span-free layer"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG"}, {"start": 0, "end": 10 ** 30, "label": "ORG"}]},
     f"p.jsonl:1: entities[1].end: {10 ** 30} is outside the text"),  # too large for int64: worded item by item
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG"}, {"start": 7.0, "end": 99.0, "label": "ORG"}]},
     "p.jsonl:1: entities[1].end: 99 is outside the text"),
    ({"id": "kiwi-001", "extra": 1}, "p.jsonl:1: $: Additional properties are not allowed"),
    ({"id": "kiwi-001", "amounts": [{"start": 0, "end": 6, "kind": "money", "currency": "USD"}]}, "p.jsonl:1: amounts[0]"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": ""}]},
     "p.jsonl:1: entities[0].entity_id: '' should be non-empty"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": "x" * 201}]},
     "p.jsonl:1: entities[0].entity_id: "),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": 7}]},
     "p.jsonl:1: entities[0].entity_id: 7 is not of type 'string'"),
    ({"id": "kiwi-001", "entities": [{"start": 0, "end": 6, "label": "ORG", "entity_id": "a"},
                                     {"start": 7, "end": 9, "label": "ORG"}]},
     "p.jsonl:1: entities[1].entity_id: missing, but entities are with entity_id since line 1"),
])
def test_semantic_and_schema_errors(record, expected):
    found = problems(jsonl(record))
    assert any(line.startswith(expected) for line in found), found


def test_entity_ids_all_or_none_across_lines():
    found = problems(jsonl({"id": "kiwi-001", "entities": [{"text": "OpenAI", "label": "ORG"}]},
                           {"id": "kiwi-003", "entities": [{"text": "OpenAI", "label": "ORG", "entity_id": "o"}]}),
                     allow_missing=True)
    assert found == ["p.jsonl:2: entities[0].entity_id: given, but entities are without entity_id since line 1 "
                     "(give ids on all entities of the file or on none)"]


def test_amount_currency_may_be_omitted_and_reads_as_null():
    """Spec 1.1: an absent currency is null, so a count without it scores like one with "currency": null."""
    given = {"start": 13, "end": 15, "kind": "count", "value": 38}
    with_null = read(jsonl({"id": "kiwi-001", "amounts": [{**given, "currency": None}]}), allow_missing=True)
    without = read(jsonl({"id": "kiwi-001", "amounts": [given]}), allow_missing=True)
    null, absent = (r.predictions.amounts.attrs["currency"].tolist() for r in (with_null, without))
    assert null == absent == [0]  # codes.NULL


def test_errors_name_the_line_and_keep_going():
    found = problems(jsonl(GOOD, GOOD, {"id": "kiwi-001", "entities": [{"text": "x", "label": "ORG"}]}))
    assert found[0].startswith("p.jsonl:2: id: duplicate document 'kiwi-001' (first at line 1)")


def test_mixing_modes_across_lines():
    found = problems(jsonl({"id": "kiwi-001", "entities": [{"text": "OpenAI", "label": "ORG"}]},
                           {"id": "kiwi-003", "entities": [{"start": 0, "end": 6, "label": "ORG"}]}))
    assert found == ["p.jsonl:2: entities[0]: span item in a span-free layer (the layer is span-free since line 1; "
                     "do not mix the two in one file)"]


def test_other_split_hint_and_missing_documents():
    assert "belongs to split train" in problems(jsonl({"id": "kiwi-000"}), other_splits={"kiwi-000": "train"})[0]
    missing = problems(jsonl(GOOD), allow_missing=False)
    assert missing == ["p.jsonl:EOF: id: 1 document(s) of split test missing: kiwi-003 (use --allow-missing to score "
                       "them as empty)"]
    assert read(jsonl(GOOD)).missing == ["kiwi-003"]


@pytest.mark.parametrize("data, expected", [
    (b"\xef\xbb\xbf" + jsonl(GOOD), "p.jsonl:1: encoding: the file starts with a UTF-8 byte order mark"),
    (json.dumps(GOOD).encode("utf-16"), "p.jsonl:1: encoding: the file is UTF-16"),
    (json.dumps(GOOD).encode("utf-16-le"), "p.jsonl:1: encoding: NUL bytes"),
    (b'{"id": "kiwi-001", "x": "\xff"}\n', "p.jsonl:1: encoding: invalid UTF-8"),
    (json.dumps([GOOD]).encode(), "p.jsonl:1: $: expected one JSON object per line (JSON Lines), found a JSON array"),
    (json.dumps([GOOD], indent=1).encode(), "p.jsonl:1: $: this looks like a JSON array"),
    (b'{"id": "kiwi-001", "amounts": [{"kind": "money", "value": NaN, "currency": null}]}\n', "p.jsonl:1: $: NaN is not valid JSON"),
    (b'{"id": "kiwi-001", "amounts": [{"kind": "money", "value": Infinity, "currency": null}]}\n', "p.jsonl:1: $: Infinity"),
    (b'{"id": "kiwi-001", "amounts": [{"kind": "money", "value": 1e999, "currency": null}]}\n', "p.jsonl:1: $: 1e999 is not valid"),
    (b'{"id": "kiwi-001", "amounts": [{"kind": "money", "value": 1' + b"0" * 5000 + b', "currency": null}]}\n',
     "p.jsonl:1: $: invalid JSON"),
    (b"[" * 100000 + b"]" * 100000 + b"\n", "p.jsonl:1: $:"),
    (b'{"id": "kiwi-001",\n', "p.jsonl:1: $: invalid JSON"),
    (b'"kiwi-001"\n', "p.jsonl:1: $: 'kiwi-001' is not of type 'object'"),
])
def test_broken_files_give_one_line_errors(data, expected):
    found = problems(data)
    assert found[0].startswith(expected), found


def test_blank_lines_crlf_and_stdin():
    data = b"\r\n" + jsonl(GOOD).replace(b"\n", b"\r\n") + b"   \n"
    result = read(data)
    assert result.lines == 2 and result.missing == ["kiwi-003"]  # the record is on line 2
    from_stdin = read_predictions("-", GOLD, "test", allow_missing=True, stdin=io.BytesIO(data))
    assert from_stdin.missing == ["kiwi-003"]


def test_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(KiwiError) as error:
        read_predictions(tmp_path / "nope.jsonl", GOLD, "test")
    assert str(error.value.problems[0]).endswith("file: cannot read (No such file or directory)")


def test_reader_streams_line_by_line():
    class Stream(io.BytesIO):
        calls = 0

        def read(self, *args):  # a reader that slurps the file would call read()
            raise AssertionError("read() called")

        def readline(self, *args):
            Stream.calls += 1
            return super().readline(*args)
    read_predictions("-", GOLD, "test", allow_missing=True, stdin=Stream(jsonl(GOOD, {"id": "kiwi-003"})))
    assert Stream.calls == 3


def _mutations(rng: random.Random):
    """Records near the schema's edges: valid ones and single mutations of them."""
    values = [None, True, 0, -1, 1.0, 2.5, "", "x", "x" * 200, "x" * 201, "ORG", "PER", "USD", "usd", "USD\n", "s1", "s0", "year", "exact",
              "positive", "mixed", [], {}, 10 ** 20, float(3)]
    base = {"id": "kiwi-001",
            "entities": [{"start": 0, "end": 6, "label": "ORG", "sentiment": "neutral", "entity_id": "openai"},
                         {"text": "Amazon", "label": "ORG"}],
            "amounts": [{"start": 1, "end": 3, "kind": "money", "value": 1.5, "currency": "USD", "unit": None,
                         "qualifier": "approx", "per": None}, {"kind": "count", "value": 3}],
            "sentences": [{"id": "s1", "sentiment": "neutral"}], "sentiment": "mixed"}
    for _ in range(1500):
        record = json.loads(json.dumps(base))
        for _ in range(rng.randint(0, 2)):
            layer = rng.choice(["entities", "amounts", "sentences", None])
            items = record.get(layer) if layer else None
            if layer and not (isinstance(items, list) and items and all(isinstance(i, dict) for i in items)):
                continue
            target = record if layer is None else rng.choice(items)
            key = rng.choice(list(target) + ["start", "end", "text", "label", "extra", "unit", "per", "id",
                                             "entity_id", "currency"])
            if rng.random() < 0.2:
                target.pop(key, None)
            else:
                target[key] = rng.choice(values)
        yield record


def test_schema_mirror_agrees_with_jsonschema():
    schema = validator("predictions")
    for record in _mutations(random.Random(7)):
        assert schema_ok(record) == schema.is_valid(record), record
