"""The gold is complete, and it is exactly the two annotation passes plus the logged adjudication."""

from __future__ import annotations

import json

from kiwi_bench.annotation.adjudication import apply_decisions, disagreements
from kiwi_bench.corpus.documents import load_documents, source_files
from kiwi_bench.corpus.validate import validate_files
from kiwi_test_paths import DATASET, ROOT

ANNOTATION = DATASET / "annotation"


def _pass(name: str) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ANNOTATION / name).glob("kiwi-*.json"))]


def _log() -> list[dict]:
    return [json.loads(line) for line in (ANNOTATION / "adjudication.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_validates_with_every_layer_complete():
    report = validate_files(source_files(DATASET), DATASET, require_complete=True)
    assert [str(p) for p in report.problems] == []


def test_every_pass_validates_and_covers_every_document():
    for name in ("pass-a", "pass-b", "pass-c"):
        paths = sorted((ANNOTATION / name).glob("kiwi-*.json"))
        assert [p.stem for p in paths] == [f"kiwi-00{i}" for i in range(5)]
        assert [str(p) for p in validate_files(paths, DATASET, require_complete=True).problems] == []


def test_gold_is_the_passes_plus_the_adjudication_log():
    assert apply_decisions(_pass("pass-a"), _pass("pass-b"), _log()) == load_documents(DATASET)


def test_every_disagreement_is_logged_with_both_values_and_a_reason():
    logged = {(line["doc"], json.dumps(line["item"], sort_keys=True)): line for line in _log()}
    for line in disagreements(_pass("pass-a"), _pass("pass-b")):
        entry = logged[(line["doc"], json.dumps(line["item"], sort_keys=True))]
        assert entry["pass_a"] == line["pass_a"] and entry["pass_b"] == line["pass_b"]
        assert entry["reason"].strip()


def test_pass_b_was_given_the_frozen_guidelines_version():
    frozen = (ANNOTATION / "guidelines-v1.0-as-given-to-pass-b.md").read_text(encoding="utf-8")
    assert frozen.startswith("# KIWI annotation guidelines") and "Version 1.0" in frozen
    assert (ROOT / "ANNOTATION_GUIDELINES.md").exists()
