"""The LLM harness's parts on their own: prompt, reply parsing, grounding, cache, retry policy (no server)."""

from __future__ import annotations

import json

import pytest

from kiwi_bench.annotation.leaks import leaks
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.schemas import load_schema
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.systems.llm.cache import ResponseCache, request_key
from kiwi_bench.systems.llm.client import Outcome, base_url_host, retry_after
from kiwi_bench.systems.llm.grounding import ground_layer, ground_reply, normalise
from kiwi_bench.systems.llm.harness import Harness, Settings
from kiwi_bench.systems.llm.prompt import available_prompts, gold_reply, load_prompt
from kiwi_bench.systems.llm.reply import ReplyError, parse_reply, strict_schema
from kiwi_test_paths import DATASET

DOCUMENTS = load_documents(DATASET)
BY_ID = {d["id"]: d for d in DOCUMENTS}
REPLY = {"sentiment": "mixed", "sentences": [{"id": "s1", "sentiment": "positive"}],
         "entities": [{"sentence": "s1", "text": "OpenAI", "label": "ORG", "sentiment": "positive", "entity_id": "openai"}],
         "amounts": [{"sentence": "s1", "text": "38-Milliarden", "kind": "money", "value": 38000000000, "currency": None,
                      "unit": None, "qualifier": "exact", "per": None}]}


# ---- prompt -------------------------------------------------------------------------------------

def test_the_system_prompt_quotes_no_test_or_validation_text():
    held_out = [d for d in DOCUMENTS if d["split"] != "train"]
    assert leaks(load_prompt().system, held_out) == []


def test_the_prompt_lists_the_schema_labels_and_is_pinned_by_its_sha256():
    prompt = load_prompt()
    defs = load_schema("predictions")["$defs"]
    assert ", ".join(defs["label"]["enum"]) in prompt.system
    assert ", ".join(defs["amount_attributes"]["qualifier"]["enum"]) in prompt.system
    assert (prompt.id, prompt.version) == ("kiwi-extract-v1", "1.0.0") and available_prompts() == ["kiwi-extract-v1"]
    assert len(prompt.sha256) == 64 and prompt.sha256 == load_prompt("kiwi-extract-v1").sha256
    with pytest.raises(KiwiError, match="unknown prompt 'nope'"):
        load_prompt("nope")


def test_the_document_is_the_last_user_message_one_sentence_per_line():
    document, example = BY_ID["kiwi-003"], BY_ID["kiwi-000"]
    messages = load_prompt().messages(document, [example])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    lines = [line for line in messages[-1]["content"].splitlines() if line.startswith("[s")]
    assert lines == [f"[{s['id']}] {' '.join(s['text'].splitlines())}" for s in document["sentences"]]
    assert json.loads(messages[2]["content"]) == gold_reply(example)


def test_reply_schema_enums_are_the_prediction_schema_enums():
    reply, defs = load_schema("llm-reply")["properties"], load_schema("predictions")["$defs"]
    entity, amount = reply["entities"]["items"]["properties"], reply["amounts"]["items"]["properties"]
    assert entity["label"]["enum"] == defs["label"]["enum"]
    assert entity["sentiment"]["enum"] == [*defs["entity_sentiment"]["enum"], None]
    assert reply["sentiment"]["enum"] == defs["sentence_sentiment"]["enum"]
    assert amount["kind"]["enum"] == defs["amount_attributes"]["kind"]["enum"]
    assert amount["qualifier"]["enum"] == [*defs["amount_attributes"]["qualifier"]["enum"], None]
    assert amount["per"]["enum"] == [*defs["amount_attributes"]["per"]["anyOf"][0]["enum"], None]
    strict = strict_schema()
    assert "$id" not in strict and strict["additionalProperties"] is False
    for items in (reply["entities"]["items"], reply["amounts"]["items"], reply["sentences"]["items"]):
        assert sorted(items["required"]) == sorted(items["properties"])  # strict mode requires every property


# ---- reply parsing -------------------------------------------------------------------------------

def test_a_plain_fenced_or_thinking_reply_parses_to_the_same_object():
    text = json.dumps(REPLY)
    plain = parse_reply(text, "de")
    fenced = parse_reply(f"```json\n{text}\n```", "de")
    thinking = parse_reply(f"<think>\nThe article is about a deal.\n</think>\n\n```\n{text}\n```", "de")
    assert plain.reply == fenced.reply == thinking.reply == REPLY
    assert plain.notes == {} and fenced.notes == {"code_fence": 1} and thinking.notes == {"think_block": 1, "code_fence": 1}


@pytest.mark.parametrize(("value", "language", "expected"), [
    ("38 Mrd.", "de", 38e9), ("7,8 Milliarden", "de", 7.8e9), ("50.000", "de", 50000), ("70 miljard", "nl", 7e10),
    ("1.234,5", "nl", 1234.5), ("12", "de", 12)])
def test_a_value_written_as_a_german_or_dutch_number_string_is_read_and_flagged(value, language, expected):
    reply = json.loads(json.dumps(REPLY))
    reply["amounts"][0]["value"] = value
    parsed = parse_reply(json.dumps(reply), language)
    assert parsed.reply["amounts"][0]["value"] == pytest.approx(expected)
    assert parsed.notes == {"values_from_strings": 1}


def test_omitted_optional_attributes_become_null_and_ids_become_slugs():
    reply = json.loads(json.dumps(REPLY))
    reply["entities"] = [{"sentence": "s1", "text": "Jan de Vries", "label": "PER"},
                         {"sentence": "s1", "text": "OpenAI", "label": "ORG", "entity_id": "Open AI"}]
    reply["amounts"] = [{"sentence": "s1", "text": "38-Milliarden", "kind": "money", "value": 3.8e10}]
    parsed = parse_reply(json.dumps(reply), "de")
    assert parsed.reply["entities"][0] == {"sentence": "s1", "text": "Jan de Vries", "label": "PER", "sentiment": None,
                                           "entity_id": "jan-de-vries"}
    assert parsed.reply["entities"][1]["entity_id"] == "open-ai"
    assert parsed.reply["amounts"][0]["currency"] is None and parsed.reply["amounts"][0]["per"] is None
    assert parsed.notes == {"omitted_attributes": 7, "entity_ids_from_text": 1, "entity_ids_slugified": 1}


@pytest.mark.parametrize(("content", "message"), [
    (None, "empty"), ("   ", "empty"), ("{\"sentiment\": ", "not valid JSON"), ("[1, 2]", "JSON list, not an object"),
    (json.dumps({**REPLY, "entities": [{**REPLY["entities"][0], "label": "COMPANY"}]}), "entities[0].label: 'COMPANY' is not one of"),
    (json.dumps({**REPLY, "amounts": [{**REPLY["amounts"][0], "value": "viele"}]}), "amounts[0].value"),
    (json.dumps({k: v for k, v in REPLY.items() if k != "sentences"}), "'sentences' is a required property"),
])
def test_a_reply_that_does_not_parse_or_validate_says_why(content, message):
    with pytest.raises(ReplyError, match=None) as error:
        parse_reply(content, "de")
    assert message in str(error.value)


# ---- grounding ------------------------------------------------------------------------------------

def _doc(text: str, sentences: list[tuple[int, int]]) -> dict:
    return {"id": "kiwi-x", "language": "de", "text": text,
            "sentences": [{"id": f"s{k}", "start": a, "end": b, "text": text[a:b]} for k, (a, b) in enumerate(sentences, 1)]}


def test_the_kth_item_with_the_same_surface_takes_the_kth_occurrence():
    text = "SAP kauft SAP-Aktien. Danach SAP und SAP."
    doc = _doc(text, [(0, 21), (22, len(text))])
    items = [{"sentence": "s2", "text": "SAP"}, {"sentence": "s1", "text": "SAP"}, {"sentence": "s2", "text": "SAP"},
             {"sentence": "s1", "text": "SAP"}, {"sentence": "s2", "text": "SAP"}]
    grounded = ground_layer(items, doc)
    assert grounded.spans == [(29, 32), (0, 3), (37, 40), (10, 13), None]
    assert grounded.statuses == ["exact", "exact", "exact", "exact", "ungrounded"]


def test_repeated_surfaces_in_one_gold_sentence_get_their_own_offsets():
    document = BY_ID["kiwi-000"]  # s24 mentions ChatGPT twice
    reply = gold_reply(document)
    result = ground_reply(reply, document)
    expected = sorted((e["start"], e["end"]) for e in document["entities"])
    assert sorted((e["start"], e["end"]) for e in result.record["entities"]) == expected
    assert result.counts["entities"]["exact"] == len(document["entities"]) and "ungrounded" not in result.record


def test_a_stricter_match_is_never_displaced_by_a_looser_one():
    text = "sap und SAP"
    doc = _doc(text, [(0, len(text))])
    grounded = ground_layer([{"sentence": "s1", "text": "Sap"}, {"sentence": "s1", "text": "SAP"}], doc)
    assert grounded.spans == [(0, 3), (8, 11)] and grounded.statuses == ["case", "exact"]


def test_normalised_matching_maps_back_to_the_original_offsets():
    text = "Der Dienst „Instant  Checkout“ startet –\nbald auch in Wien."
    doc = _doc(text, [(0, len(text))])
    items = [{"sentence": "s1", "text": '"instant checkout"'}, {"sentence": "s1", "text": "startet - bald"}]
    grounded = ground_layer(items, doc)
    assert grounded.statuses == ["normalised", "normalised"]
    assert [text[a:b] for a, b in grounded.spans] == ["„Instant  Checkout“", "startet –\nbald"]
    folded, origin = normalise("A\u00a0 „B“")
    assert folded == 'a "b"' and origin == [0, 1, 3, 4, 5]


def test_an_invalid_sentence_id_falls_back_to_the_whole_document_and_unfound_items_stay():
    text = "Bosch baut. Siemens liefert."
    doc = _doc(text, [(0, 11), (12, len(text))])
    reply = {"sentiment": "neutral", "sentences": [{"id": "s1", "sentiment": "neutral"}, {"id": "s9", "sentiment": "neutral"}],
             "entities": [{"sentence": "s7", "text": "Siemens", "label": "ORG", "sentiment": None, "entity_id": "siemens"},
                          {"sentence": "s1", "text": "Siemens", "label": "ORG", "sentiment": "neutral", "entity_id": "siemens"},
                          {"sentence": "s8", "text": "Philips", "label": "ORG", "sentiment": None, "entity_id": "philips"}],
             "amounts": []}
    result = ground_reply(reply, doc)
    assert result.record["entities"] == [{"start": 12, "end": 19, "label": "ORG", "entity_id": "siemens"}]
    assert result.record["ungrounded"] == {"entities": [
        {"sentence": None, "text": "Philips", "label": "ORG", "entity_id": "philips"},
        {"sentence": "s1", "text": "Siemens", "label": "ORG", "sentiment": "neutral", "entity_id": "siemens"}]}
    assert dict(result.counts["entities"]) == {"document": 1, "ungrounded": 2}
    assert result.record["sentences"] == [{"id": "s1", "sentiment": "neutral"}] and result.counts["sentences"]["dropped"] == 1
    assert len(result.span_free["entities"]) == 3  # the span-free file keeps every item


# ---- cache ----------------------------------------------------------------------------------------

def _request(**changes) -> dict:
    harness = Harness(Settings(**{"model": "m", **changes}), ResponseCache(None))
    return harness.build_request([{"role": "user", "content": "x"}], "json_schema")


def test_the_cache_key_changes_with_every_field_that_decides_the_response():
    base = request_key(_request())
    assert request_key(_request()) == base
    for changes in ({"model": "other"}, {"temperature": 0.7}, {"seed": 1}, {"max_tokens": 100}):
        assert request_key(_request(**changes)) != base, changes
    assert request_key(_request(), sample=1) != base
    harness = Harness(Settings(model="m"), ResponseCache(None))
    messages = [{"role": "user", "content": "x"}]
    keys = {request_key(harness.build_request(messages, mode)) for mode in ("json_schema", "json_object", "none")}
    assert len(keys) == 3
    assert request_key(_request(timeout=5, retries=0, concurrency=9)) == base  # transport settings do not


def test_a_torn_last_line_is_ignored_with_a_warning_and_cut_off_before_the_next_append(tmp_path, capsys):
    path = tmp_path / "cache.jsonl"
    cache = ResponseCache(path)
    cache.put("k1", 0, {"model": "m"}, {"choices": []})
    with path.open("ab") as stream:
        stream.write(b'{"key": "k2", "sample": 0, "resp')
    reread = ResponseCache(path)
    assert "warning: ignoring a torn last cache line" in capsys.readouterr().err
    assert reread.get("k1") == {"choices": []} and reread.get("k2") is None
    reread.put("k3", 0, {"model": "m"}, {"choices": [1]})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["key"] for line in lines] == ["k1", "k3"]
    assert "api_key" not in path.read_text(encoding="utf-8").lower()


def test_a_broken_line_inside_the_cache_is_a_one_line_error(tmp_path):
    path = tmp_path / "cache.jsonl"
    path.write_text('{"key": "k1", "sample": 0, "response": {}}\nnot json\n{"key": "k2", "sample": 0, "response": {}}\n')
    with pytest.raises(KiwiError, match=r"cache.jsonl:2: cache: not a complete cache line"):
        ResponseCache(path)


# ---- client policy --------------------------------------------------------------------------------

def test_retry_after_reads_seconds_milliseconds_and_caps_them():
    assert retry_after({"retry-after": "0"}) == 0.0
    assert retry_after({"retry-after": "2.5"}) == 2.5
    assert retry_after({"retry-after-ms": "150"}) == 0.15
    assert retry_after({"retry-after": "100000"}) == 60.0
    assert retry_after({}) is None and retry_after(None) is None
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0  # a date in the past


def test_only_a_400_about_response_format_allows_the_fallback():
    assert Outcome(None, 400, "HTTP 400: response_format json_schema is not supported").rejects_response_format
    assert not Outcome(None, 400, "HTTP 400: context length exceeded").rejects_response_format
    assert not Outcome(None, 404, "HTTP 404: response_format").rejects_response_format


def test_the_metadata_keeps_the_host_of_the_base_url_only():
    assert base_url_host("http://user:secret@localhost:8000/v1") == "localhost:8000"
    assert base_url_host("https://api.openai.com/v1") == "api.openai.com"


def test_kiwi_bench_ground_places_replies_and_reports_statuses(tmp_path, capsys):
    from kiwi_bench.cli import main

    document = BY_ID["kiwi-001"]
    reply = gold_reply(document)
    reply["entities"].append({"sentence": "s3", "text": "Siemens", "label": "ORG", "sentiment": None, "entity_id": None})
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"id": "kiwi-001", **reply}) + "\n" + json.dumps({"id": "kiwi-999"}) + "\n")
    assert main(["ground", str(replies), "-o", str(tmp_path / "p.jsonl")]) == 2
    assert capsys.readouterr().err.strip() == f"{replies}:2: id: 'kiwi-999' is not a document of the dataset"
    replies.write_text(json.dumps({"id": "kiwi-001", **reply}) + "\n")
    assert main(["ground", str(replies), "-o", str(tmp_path / "p.jsonl"), "--span-free", str(tmp_path / "f.jsonl")]) == 0
    out = capsys.readouterr().out
    assert f"entities: exact {len(document['entities'])}, case 0, normalised 0, document 0, ungrounded 1" in out
    record = json.loads((tmp_path / "p.jsonl").read_text())
    assert record["ungrounded"]["entities"][0]["text"] == "Siemens"
    assert len(json.loads((tmp_path / "f.jsonl").read_text())["entities"]) == len(document["entities"]) + 1


def test_the_fast_reply_check_agrees_with_jsonschema():
    import copy
    import random

    from kiwi_bench.core.schemas import validator
    from kiwi_bench.systems.llm.reply import reply_ok

    schema, rng = validator("llm-reply"), random.Random(3)
    values = [None, True, 0, 1.5, "", "x", "s1", "s0", "ORG", "COMPANY", "money", "USD", "usd", "exact", "year",
              "positive", "mixed", [], {}]
    for _ in range(3000):
        reply = copy.deepcopy(REPLY)
        for _ in range(rng.randint(0, 2)):
            layer = rng.choice(["entities", "amounts", "sentences", None])
            target = reply if layer is None else (reply[layer][0] if isinstance(reply.get(layer), list) and reply[layer]
                                                  and isinstance(reply[layer][0], dict) else None)
            if target is None:
                continue
            key = rng.choice([*target, "extra", "text", "value", "sentence"])
            if rng.random() < 0.2:
                target.pop(key, None)
            else:
                target[key] = rng.choice(values)
        assert reply_ok(reply) == schema.is_valid(reply), json.dumps(reply)


def test_without_the_llm_extra_the_harness_says_how_to_install_it(monkeypatch):
    import sys

    from kiwi_bench.systems.llm.client import ChatClient, openai_version

    monkeypatch.setitem(sys.modules, "openai", None)  # as if not installed
    with pytest.raises(KiwiError, match=r"pip install 'kiwi-bench\[llm\]'"):
        ChatClient("http://127.0.0.1:9/v1", None, 1.0, 0)
    assert openai_version() is None
