"""The build is deterministic, `--check` detects stale files, and the directory loads with `load_dataset`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, SENTENCE_SENTIMENTS
from kiwi_bench.core.metadata import SPLITS
from kiwi_bench.corpus.documents import load_documents, load_passes
from kiwi_bench.corpus.features import AMOUNT_TAGS, NER_TAGS
from kiwi_bench.release.build import check_build, write_build
from kiwi_test_paths import DATASET


def _hashes(dataset: Path, files: list[str]) -> dict[str, str]:
    return {f: hashlib.sha256((dataset / f).read_bytes()).hexdigest() for f in files}


def test_two_builds_give_identical_files(dataset_copy):
    first = _hashes(dataset_copy, write_build(dataset_copy))
    second = _hashes(dataset_copy, write_build(dataset_copy))
    assert first == second
    assert len(first) == 3 + 4 * len(SPLITS) + 1  # README.md, croissant.json, SHA256SUMS, 4 configs x splits, contrast/test


def test_committed_build_is_current():
    assert [str(p) for p in check_build(DATASET)] == []


def test_check_fails_after_a_one_character_edit(dataset_copy):
    path = dataset_copy / "source" / "kiwi-000.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tuoitre.vn", "tuoitre.vm", 1), encoding="utf-8")
    problems = [str(p) for p in check_build(dataset_copy)]
    assert any("documents/train-00000-of-00001.parquet" in p and "differs" in p for p in problems)


def test_check_reports_stale_files(dataset_copy):
    (dataset_copy / "tokens" / "extra-00000-of-00001.parquet").write_bytes(b"x")
    assert any("stale" in str(p) for p in check_build(dataset_copy))


def test_build_check_cli_exits_2_on_stale_build(dataset_copy):
    (dataset_copy / "README.md").write_text("edited\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "build", "--check", "--dataset", str(dataset_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "README.md:-: differs" in result.stderr and "Traceback" not in result.stderr


def test_build_refuses_invalid_gold(dataset_copy):
    from kiwi_bench.core.errors import KiwiError

    path = dataset_copy / "source" / "kiwi-003.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["split"] = "train"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KiwiError, match=r"kiwi-003.json:\$.split"):
        write_build(dataset_copy)


def test_misaligned_span_fails_the_build_with_a_clear_message(dataset_copy):
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.corpus.documents import dump_document

    path = dataset_copy / "source" / "kiwi-001.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    start = document["text"].index("Amazon")
    document["entities"] = [{"id": "e1", "start": start, "end": start + 4, "text": "Amaz", "label": "ORG",
                             "entity_id": "amazon", "sentiment": "neutral"}]
    path.write_text(dump_document(document), encoding="utf-8")
    (dataset_copy / "source" / "contrast.jsonl").unlink()  # its originals would (rightly) no longer match kiwi-001
    with pytest.raises(KiwiError, match=r"kiwi-001:s1:e1: span 'Amaz' .* does not align with token boundaries"):
        write_build(dataset_copy)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    from datasets import load_dataset

    cache = tmp_path_factory.mktemp("hf-cache")
    return {config: load_dataset(str(DATASET), config, cache_dir=str(cache)) for config in ("documents", "sentences", "tokens", "annotators")}


def test_every_config_and_split_loads_with_gold_row_counts(loaded):
    for split in SPLITS:
        gold = load_documents(DATASET, split)
        assert loaded["documents"][split].num_rows == len(gold)
        assert loaded["sentences"][split].num_rows == sum(len(d["sentences"]) for d in gold)
        assert loaded["tokens"][split].num_rows == sum(len(d["sentences"]) for d in gold)
        assert loaded["annotators"][split].num_rows == sum(d["split"] == split for d in load_passes(DATASET))


def test_default_config_is_documents(tmp_path):
    from datasets import load_dataset

    default = load_dataset(str(DATASET), cache_dir=str(tmp_path))
    assert set(default) == set(SPLITS) and "entities" in default["test"].column_names


def test_class_label_names_are_the_spec_labels(loaded):
    features = loaded["documents"]["test"].features
    assert features["sentiment"].names == list(SENTENCE_SENTIMENTS)
    assert features["entities"].feature["label"].names == list(ENTITY_LABELS)
    assert features["amounts"].feature["kind"].names == list(AMOUNT_KINDS)
    tokens = loaded["tokens"]["test"].features
    assert tokens["ner_tags"].feature.names == list(NER_TAGS)
    assert tokens["amount_tags"].feature.names == list(AMOUNT_TAGS)
    assert NER_TAGS[1:3] == ("B-PER", "I-PER")


def test_offsets_slice_the_text_to_the_stored_surface(loaded):
    for split in SPLITS:
        for row in loaded["documents"][split]:
            for layer in ("sentences", "entities", "amounts"):
                for item in row[layer]:
                    assert row["text"][item["start"]:item["end"]] == item["text"]
        for row in loaded["sentences"][split]:
            for layer in ("entities", "amounts"):
                for item in row[layer]:
                    assert row["text"][item["start"]:item["end"]] == item["text"]
        texts = {row["id"]: row["text"] for row in loaded["documents"][split]}
        for row in loaded["annotators"][split]:
            for layer in ("entities", "amounts"):
                for item in row[layer]:
                    assert texts[row["doc_id"]][item["start"]:item["end"]] == item["text"]


def test_token_rows_rebuild_the_sentence_text(loaded):
    documents = {d["id"]: d for d in load_documents(DATASET)}
    for split in SPLITS:
        for row in loaded["tokens"][split]:
            text = documents[row["doc_id"]]["text"]
            assert [text[s:e] for s, e in zip(row["token_starts"], row["token_ends"])] == row["tokens"]
            assert len(row["ner_tags"]) == len(row["tokens"]) == len(row["amount_tags"])
