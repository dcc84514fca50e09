"""The adjudicated contrast gold: rebuilt byte for byte from the two passes and the log, validated by every
contrast rule (each rule shown to fire on a corrupted copy), covered as issue 13 requires, and its ids in §8."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiwi_bench.annotation.adjudication import apply_decisions, disagreements
from kiwi_bench.annotation.contrast import compile_passes
from kiwi_bench.core.jsonl import dumps_lines, load_lines
from kiwi_bench.corpus.contrast import contrast_path, item_sort_key, load_contrast
from kiwi_bench.corpus.contrast_coverage import KNOWN_GAPS, coverage, dutch_shares, shortfalls
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.corpus.validate import validate_contrast

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "dataset"
FOLDER = DATASET / "annotation" / "contrast"


@pytest.fixture(scope="module")
def passes() -> dict[str, list[dict]]:
    return compile_passes(FOLDER, load_documents(DATASET))


def test_the_compiled_passes_are_what_compile_contrast_writes(passes):
    for name, documents in passes.items():
        assert (FOLDER / "compiled" / f"{name}.jsonl").read_text(encoding="utf-8") == dumps_lines(documents), name


def test_the_gold_is_the_passes_plus_the_log_byte_for_byte(passes):
    gold = apply_decisions(passes["intended"], passes["blind"], load_lines(FOLDER / "adjudication.jsonl"))
    expected = dumps_lines(sorted(gold, key=lambda d: item_sort_key(d["id"])))
    assert contrast_path(DATASET).read_text(encoding="utf-8") == expected


def test_every_disagreement_has_a_decision_and_a_reason(passes):
    log = load_lines(FOLDER / "adjudication.jsonl")
    assert len(log) == len(disagreements(passes["intended"], passes["blind"])) > 0
    assert all(line["reason"].strip() and line["decided_as"] in ("pass A", "pass B", "neither") for line in log)


def test_a_surface_that_is_not_found_is_a_one_line_error(tmp_path):
    from kiwi_bench.core.errors import KiwiError

    folder = tmp_path / "contrast"
    (folder / "intended").mkdir(parents=True)
    (folder / "blind").mkdir()
    items = [json.loads(line) for line in (FOLDER / "intended" / "items-kiwi-001.jsonl").read_text(encoding="utf-8").splitlines()]
    items[1]["entities"][0]["text"] = "Amazonas"
    (folder / "intended" / "items-kiwi-001.jsonl").write_text(dumps_lines(items), encoding="utf-8")
    (folder / "blind" / "items.jsonl").write_text(dumps_lines([{k: i[k] for k in ("id", "sentiment", "entities", "amounts")}
                                                               for i in items]), encoding="utf-8")
    with pytest.raises(KiwiError) as caught:
        compile_passes(folder, load_documents(DATASET))
    lines = str(caught.value).splitlines()
    assert len(lines) == 1  # the intended pass fails first; the blind pass is compiled against its texts
    assert lines[0].startswith(f"{folder / 'intended' / 'items-kiwi-001.jsonl'}:2:$.sentences[0].entities[0]: 'Amazonas' not found")


def test_agreement_reads_compiled_passes_in_json_lines(capsys):
    from kiwi_bench.cli import main

    assert main(["agreement", str(FOLDER / "compiled" / "intended.jsonl"), str(FOLDER / "compiled" / "blind.jsonl"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sentiment"]["sentences"]["n"] == len(load_contrast(DATASET))
    assert result["amounts"]["pass_b"] - result["amounts"]["pass_a"] == 2  # the blind pass's two "die Hälfte"


# ---- validation: each contrast rule fires -------------------------------------------------------------------

def _corrupt(dataset: Path, item_id: str, mutate) -> list[str]:
    path = contrast_path(dataset)
    items = load_lines(path)
    for item in items:
        if item["id"] == item_id:
            mutate(item)
    path.write_text(dumps_lines(items), encoding="utf-8")
    return [str(p) for p in validate_contrast(path, load_documents(dataset))]


def test_the_committed_contrast_gold_is_valid():
    assert validate_contrast(contrast_path(DATASET), load_documents(DATASET)) == []


def _replace_text(item: dict, old: str, new: str) -> None:
    item["text"] = item["title"] = item["sentences"][0]["text"] = item["text"].replace(old, new)
    item["sentences"][0]["end"] = len(item["text"])


@pytest.mark.parametrize("item_id, mutate, expected", [
    ("kiwi-001-s4-c1", lambda i: _replace_text(i, "Kapazitäten.", "Kapazitäten, wie der Konzern am Montag in Seattle mitteilte."),
     "edit distance to the base sentence is"),
    ("kiwi-001-s4-c1", lambda i: i["contrast"]["base"].update(sentence="s999"), "kiwi-001/s999 is not a sentence of a test document"),
    ("kiwi-001-s4-c0", lambda i: i["sentences"][0].update(sentiment="mixed"), "an original must equal its base sentence"),
    ("kiwi-001-s4-c0", lambda i: i["entities"].pop(), "an original must equal its base sentence"),
    ("kiwi-001-s4-c1", lambda i: i.update(sentiment="mixed"), "document sentiment is its sentence's"),
    ("kiwi-001-s4-c1", lambda i: i["contrast"].update(edit_type="original"), "the item -c0, and only it, is the original"),
    ("kiwi-001-s4-c1", lambda i: i.update(split="test"), "a contrast item's split is 'contrast', not 'test'"),
    ("kiwi-001-s4-c1", lambda i: i["entities"][0].update(label="PER"), "'aws' is PER here but ORG"),
    ("kiwi-001-s4-c1", lambda i: i.update(language="nl"), "but the base document is 'de'"),
    ("kiwi-001-s4-c1", lambda i: i["amounts"][0].update(end=i["amounts"][0]["end"] + 1), "!= text["),
])
def test_each_contrast_rule_is_checked(dataset_copy, item_id, mutate, expected):
    problems = _corrupt(dataset_copy, item_id, mutate)
    assert any(expected in p for p in problems), problems


def test_a_bundle_without_its_original_is_reported(dataset_copy):
    path = contrast_path(dataset_copy)
    items = [i for i in load_lines(path) if i["id"] != "kiwi-001-s4-c0"]
    path.write_text(dumps_lines(items), encoding="utf-8")
    assert any("kiwi-001-s4: bundle has no original item -c0" in str(p) for p in validate_contrast(path, load_documents(dataset_copy)))


def test_validate_cli_checks_the_contrast_file_and_names_the_item(dataset_copy, capsys):
    from kiwi_bench.cli import main

    _corrupt(dataset_copy, "kiwi-003-s9-c2", lambda i: i["contrast"].update(edit="   "))  # whitespace is still a string
    _corrupt(dataset_copy, "kiwi-003-s9-c3", lambda i: i["contrast"].update(edit_type="amount_magic"))
    assert main(["validate", "--dataset", str(dataset_copy)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "contrast.jsonl:" in err[0] and "$.contrast.edit_type" in err[0] and "Traceback" not in err[0]


# ---- coverage and ids -------------------------------------------------------------------------------------------

def test_coverage_meets_the_issue_minimums_except_the_disclosed_gaps():
    items = load_contrast(DATASET)
    assert shortfalls(items) == sorted(KNOWN_GAPS)
    counts = {name: count for name, count, _ in coverage(items)}
    assert counts["amounts in edited items"] >= 120 and counts["look-alikes (numbers that are not amounts)"] >= 25
    share, test_share = dutch_shares(items, load_documents(DATASET))
    assert share >= test_share  # Dutch in proportion to the test split or more


def test_coverage_counts_fail_when_items_are_missing():
    items = [i for i in load_contrast(DATASET) if i["contrast"]["edit_type"] != "amount_lookalike"
             and not any("cent" in a["text"].lower() for a in i["amounts"])]
    assert {"cents", "look-alikes (numbers that are not amounts)"} <= set(shortfalls(items))


def test_the_coverage_block_in_the_readme_is_generated():
    from kiwi_bench.reporting.docs_blocks import stale_blocks

    assert not [b for b in stale_blocks(ROOT) if "contrast" in b or "rules" in b]


def test_every_entity_id_of_the_gold_and_the_contrast_set_is_in_the_guidelines_table():
    text = (ROOT / "ANNOTATION_GUIDELINES.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([A-Z]+) \|", text.split("## 8. entity_id table", 1)[1], re.M))
    for document in load_documents(DATASET) + load_contrast(DATASET):
        for entity in document["entities"]:
            assert table.get(entity["entity_id"]) == entity["label"], (document["id"], entity["entity_id"])


def test_the_documented_edit_bound_is_the_validated_one():
    from kiwi_bench.corpus.contrast import MAX_EDIT_DISTANCE

    for name in ("DATASHEET.md", "dataset/annotation/contrast/README.md"):
        assert f"between 1 and {MAX_EDIT_DISTANCE} characters" in " ".join((ROOT / name).read_text(encoding="utf-8").split()), name
    brief = (FOLDER / "BRIEF.md").read_text(encoding="utf-8")
    assert f"at most {MAX_EDIT_DISTANCE}" in brief


def test_stats_report_the_contrast_items(capsys):
    from kiwi_bench.cli import main

    assert main(["stats", "--json", "--dataset", str(DATASET)]) == 0
    contrast = json.loads(capsys.readouterr().out)["contrast"]
    lines = contrast_path(DATASET).read_text(encoding="utf-8").splitlines()
    originals = sum('"edit_type": "original"' in line for line in lines)
    assert (contrast["items"], contrast["bundles"], contrast["edits"]) == (len(lines), originals, len(lines) - originals)
    assert contrast["sentences"] == len(lines)  # one sentence per item
