"""`validate` catches each kind of error: one test per check, each on a corrupted copy of a gold file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiwi_bench.corpus.documents import dump_document
from kiwi_bench.corpus.validate import validate_files

DOC = "kiwi-001"


def _load(dataset: Path, doc_id: str = DOC) -> dict:
    return json.loads((dataset / "source" / f"{doc_id}.json").read_text(encoding="utf-8"))


def _save(dataset: Path, document: dict) -> None:
    (dataset / "source" / f"{document['id']}.json").write_text(dump_document(document), encoding="utf-8")


def _entity(document: dict, surface: str, number: int = 1, label: str = "ORG", entity_id: str = "openai", nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = document["text"].index(surface, start + 1)
    return {"id": f"e{number}", "start": start, "end": start + len(surface), "text": surface, "label": label,
            "entity_id": entity_id, "sentiment": "neutral"}


def _amount(document: dict, surface: str, number: int = 1) -> dict:
    start = document["text"].index(surface)
    return {"id": f"a{number}", "start": start, "end": start + len(surface), "text": surface, "kind": "money",
            "value": 38e9, "currency": "USD", "unit": None, "qualifier": "exact", "per": None}


def _problems(dataset: Path, **kwargs) -> list[str]:
    paths = sorted((dataset / "source").glob("kiwi-*.json"))
    return [str(p) for p in validate_files(paths, dataset, **kwargs).problems]


def _corrupt_and_check(dataset: Path, mutate, expected_location: str, expected_words: str) -> None:
    document = _load(dataset)
    mutate(document)
    _save(dataset, document)
    problems = _problems(dataset)
    assert any(f"{DOC}.json:{expected_location}" in p and expected_words in p for p in problems), problems


def test_pristine_gold_has_no_problems(dataset_copy):
    assert _problems(dataset_copy) == []


def test_text_must_be_the_stripped_raw_file(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d.update(text=d["text"].replace("Amazon", "Amazom", 1)), "$.text", "stripped UTF-8")


def test_sha256_must_match_the_raw_bytes(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d["source"].update(sha256="0" * 64), "$.source.sha256", "does not match")


def test_surface_must_equal_the_text_slice(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d["sentences"][1].update(text="Der KI-Boom."), "$.sentences[1].text", "!=")


def test_spans_must_lie_inside_the_text(dataset_copy):
    def mutate(d):
        d["sentences"][-1]["end"] = len(d["text"]) + 5
    _corrupt_and_check(dataset_copy, mutate, "$.sentences[55]", "outside the text")


def test_empty_span_is_rejected(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d["sentences"][2].update(end=d["sentences"][2]["start"]), "$.sentences[2]", "empty")


def test_entity_spans_must_not_overlap(dataset_copy):
    def mutate(d):
        first = _entity(d, "OpenAI", 1)
        second = {**first, "id": "e2", "start": first["start"] + 4, "end": first["end"] + 6}
        second["text"] = d["text"][second["start"]:second["end"]]
        d["entities"] = [first, second]
    _corrupt_and_check(dataset_copy, mutate, "$.entities[1]", "overlaps e1")


def test_sentences_must_cover_all_non_white_space(dataset_copy):
    def mutate(d):
        d["sentences"][1]["start"] += 4
        d["sentences"][1]["text"] = d["text"][d["sentences"][1]["start"]:d["sentences"][1]["end"]]
    _corrupt_and_check(dataset_copy, mutate, "$.sentences[1]", "is in no sentence")


def test_sentences_must_not_overlap(dataset_copy):
    def mutate(d):
        d["sentences"][1]["start"] -= 3
        d["sentences"][1]["text"] = d["text"][d["sentences"][1]["start"]:d["sentences"][1]["end"]]
    _corrupt_and_check(dataset_copy, mutate, "$.sentences[1]", "overlaps or precedes")


def test_sentences_must_be_in_order(dataset_copy):
    def mutate(d):
        d["sentences"][1], d["sentences"][2] = d["sentences"][2], d["sentences"][1]
    _corrupt_and_check(dataset_copy, mutate, "$.sentences", "not stored in text order")


def test_entities_must_lie_inside_one_sentence(dataset_copy):
    def mutate(d):
        boundary = d["sentences"][0]["end"]
        entity = {"id": "e1", "start": boundary - 3, "end": boundary + 4, "label": "MISC", "entity_id": "x-y", "sentiment": "neutral"}
        entity["text"] = d["text"][entity["start"]:entity["end"]]
        d["entities"] = [entity]
    _corrupt_and_check(dataset_copy, mutate, "$.entities[0]", "not inside a single sentence")


def test_amounts_must_lie_inside_one_sentence(dataset_copy):
    def mutate(d):
        boundary = d["sentences"][0]["end"]
        amount = {**_amount(d, "38 Milliarden US-Dollar"), "start": boundary - 2, "end": boundary + 3}
        amount["text"] = d["text"][amount["start"]:amount["end"]]
        d["amounts"] = [amount]
    _corrupt_and_check(dataset_copy, mutate, "$.amounts[0]", "not inside a single sentence")


def test_ids_must_be_numbered_in_text_order(dataset_copy):
    def mutate(d):
        d["entities"] = [_entity(d, "OpenAI", 2), _entity(d, "Amazon", 1, entity_id="amazon")]
    _corrupt_and_check(dataset_copy, mutate, "$.entities[0].id", "must be e1")


def test_ids_must_be_unique(dataset_copy):
    def mutate(d):
        d["amounts"] = [_amount(d, "38-Milliarden", 1), _amount(d, "38 Milliarden US-Dollar", 1)]
    _corrupt_and_check(dataset_copy, mutate, "$.amounts[1].id", "must be a2")


def test_entity_id_never_carries_two_labels(dataset_copy):
    def mutate(d):
        d["entities"] = [_entity(d, "OpenAI", 1), _entity(d, "Amazon", 2, label="LOC", entity_id="openai")]
    _corrupt_and_check(dataset_copy, mutate, "$.entities[1].label", "is LOC here but ORG")


def test_entity_id_labels_are_checked_across_documents(dataset_copy):
    # kiwi-000 (read first) labels "openai" ORG; relabelling it PRODUCT in kiwi-002 is a cross-document conflict.
    other = _load(dataset_copy, "kiwi-002")
    index = next(i for i, e in enumerate(other["entities"]) if e["entity_id"] == "openai")
    other["entities"][index]["label"] = "PRODUCT"
    _save(dataset_copy, other)
    problems = _problems(dataset_copy)
    assert any(f"kiwi-002.json:$.entities[{index}].label" in p and "is PRODUCT here but ORG at" in p and "kiwi-000.json:" in p
               for p in problems), problems


def test_split_must_follow_the_spec(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d.update(split="train"), "$.split", "the spec puts kiwi-001 in 'test'")


def test_language_must_follow_the_spec(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d.update(language="nl"), "$.language", "the spec says 'de'")


def test_title_must_be_the_first_line(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d.update(title="OpenAI"), "$.title", "first line")


def test_schema_errors_name_the_json_path(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d["sentences"][3].update(sentiment="good"), "$.sentences[3].sentiment", "")


def test_complete_layer_must_not_have_null_sentiment(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d["sentences"][0].update(sentiment=None), "$.sentences[0].sentiment", "marked complete")


def test_complete_document_layer_must_not_have_null_sentiment(dataset_copy):
    _corrupt_and_check(dataset_copy, lambda d: d.update(sentiment=None), "$.sentiment", "marked complete")


def test_unfinished_layers_are_notes_unless_completeness_is_required(dataset_copy):
    document = _load(dataset_copy)
    document["status"]["entities"] = "unfinished"
    _save(dataset_copy, document)
    paths = sorted((dataset_copy / "source").glob("kiwi-*.json"))
    relaxed = validate_files(paths, dataset_copy)
    assert any("$.status.entities: unfinished layer" in str(n) for n in relaxed.notes)
    assert not any("unfinished" in str(p) for p in relaxed.problems)
    strict = validate_files(paths, dataset_copy, require_complete=True)
    assert any(f"{DOC}.json:$.status.entities: unfinished layer" in str(p) for p in strict.problems)


def test_invalid_json_names_the_line(dataset_copy):
    (dataset_copy / "source" / f"{DOC}.json").write_text('{\n  "id": "kiwi-001",\n  oops\n}\n', encoding="utf-8")
    assert any(f"{DOC}.json:3: invalid JSON" in p for p in _problems(dataset_copy))


def test_cli_prints_one_line_per_problem_and_exits_2(dataset_copy):
    document = _load(dataset_copy)
    document["split"] = "validation"
    document["sentences"][0]["text"] = "wrong"
    _save(dataset_copy, document)
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "validate", "--dataset", str(dataset_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(f"{DOC}.json:$." in line for line in lines)
    assert "Traceback" not in result.stderr


def test_evaluate_on_corrupted_gold_is_a_one_line_error(dataset_copy, tmp_path):
    (dataset_copy / "source" / "kiwi-003.json").write_text('{"id": "kiwi-003",\n oops', encoding="utf-8")
    predictions = tmp_path / "p.jsonl"
    predictions.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "evaluate", str(predictions), "--dataset", str(dataset_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("(run `kiwi-bench validate`)") and "kiwi-003.json:2: invalid JSON" in result.stderr
