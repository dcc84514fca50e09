"""The public Python API: one call scores a file or records, from the packaged gold, a dataset directory or
`load_dataset` rows, with the same report and signature as the CLI."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kiwi_bench

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "baselines" / "crf" / "predictions" / "standard.jsonl"


def records() -> list[dict]:
    return [json.loads(line) for line in BASELINE.read_text(encoding="utf-8").splitlines()]


def cli_json(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", *args, "--json"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def test_evaluate_a_path_equals_the_cli_report():
    result = kiwi_bench.evaluate(BASELINE, split="test")
    assert result.report == cli_json("evaluate", str(BASELINE), "--split", "test")
    assert result.to_json() == json.dumps(result.report, ensure_ascii=False, indent=2) + "\n"
    assert result["entities.strict.f1"] == result.report["entities"]["strict"]["f1"]
    assert result.signature == result.report["signature"]


def test_evaluate_records_equals_evaluate_path_and_leaves_the_records_unchanged():
    given = records()
    before = copy.deepcopy(given)
    assert kiwi_bench.evaluate(given, split="test").report == kiwi_bench.evaluate(str(BASELINE), split="test").report
    assert given == before


def test_float_offsets_score_as_integers_and_stay_floats_in_the_callers_records():
    """A JSON Schema integer may be written 6.0; the reader must not rewrite the caller's dicts to fix that."""
    given = records()
    for record in given:
        for entity in record.get("entities", ()):
            entity["start"], entity["end"] = float(entity["start"]), float(entity["end"])
    assert kiwi_bench.evaluate(given, split="test", resamples=0).report == \
        kiwi_bench.evaluate(str(BASELINE), split="test", resamples=0).report
    assert all(type(e["start"]) is float for record in given for e in record.get("entities", ()))


def test_a_wrong_path_names_the_known_keys():
    result = kiwi_bench.evaluate(BASELINE, split="test", resamples=0)
    with pytest.raises(KeyError, match=r"no key 'strictt' in entities \(known: .*strict"):
        result["entities.strictt.f1"]
    with pytest.raises(KeyError, match=r"no key 'entity' in the report \(known: .*entities"):
        result["entity.strict.f1"]


def test_compare_equals_the_cli_report():
    other = ROOT / "baselines" / "rules" / "predictions" / "standard.jsonl"
    comparison = kiwi_bench.compare(BASELINE, other, resamples=200)
    cli = cli_json("compare", str(BASELINE), str(other), "--resamples", "200")
    assert comparison.report == cli
    assert comparison["metrics.entities.strict.f1"]["a"] == comparison.report["metrics"]["entities.strict.f1"]["a"]


def test_load_gold_gives_the_split_in_the_spec_format():
    gold = kiwi_bench.load_gold("test")
    assert [d["id"] for d in gold] == ["kiwi-001", "kiwi-003", "kiwi-004"]
    assert gold[0] == json.loads((ROOT / "dataset" / "source" / "kiwi-001.json").read_text(encoding="utf-8"))


def test_bad_input_is_a_one_line_kiwi_error():
    bad = records()
    bad[0]["entities"][0]["label"] = "COMPANY"
    with pytest.raises(kiwi_bench.KiwiError) as error:
        kiwi_bench.evaluate(bad, split="test")
    assert re.fullmatch(r"<records>:1: entities\[0\]\.label: unknown label 'COMPANY' \(expected one of .*\)", str(error.value))
    with pytest.raises(kiwi_bench.KiwiError, match="unknown split 'dev'"):
        kiwi_bench.evaluate(BASELINE, split="dev")
    with pytest.raises(kiwi_bench.KiwiError, match="not a KIWI dataset directory"):
        kiwi_bench.evaluate(BASELINE, dataset=ROOT / "no-such-folder")
    with pytest.raises(kiwi_bench.KiwiError, match="expected a path"):
        kiwi_bench.evaluate({"id": "kiwi-001"})


def test_gold_with_an_unknown_label_is_a_one_line_error(tmp_path):
    dataset = tmp_path / "dataset"
    (dataset / "source").mkdir(parents=True)
    for path in (ROOT / "dataset" / "source").glob("kiwi-*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        if document["id"] == "kiwi-003":
            document["entities"][2]["label"] = "COMPANY"
        (dataset / "source" / path.name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(kiwi_bench.KiwiError) as error:
        kiwi_bench.evaluate(BASELINE, dataset=dataset)
    assert str(error.value) == ("gold:kiwi-003:entities[2].label: unknown value 'COMPANY' "
                                "(expected one of PER, ORG, LOC, PRODUCT, MISC)")
    run = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "evaluate", str(BASELINE), "--dataset", str(dataset)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [str(error.value)]


@pytest.fixture(scope="module")
def hf_documents(tmp_path_factory):
    import os

    os.environ.setdefault("HF_DATASETS_CACHE", str(tmp_path_factory.mktemp("hf-cache")))
    from datasets import load_dataset

    return load_dataset(str(ROOT / "dataset"), "documents")


def test_load_dataset_rows_score_exactly_like_the_json_gold(hf_documents):
    from_json = kiwi_bench.evaluate(BASELINE, split="test")
    assert kiwi_bench.evaluate(BASELINE, split="test", dataset=hf_documents).report == from_json.report
    assert kiwi_bench.evaluate(BASELINE, split="test", dataset=hf_documents["test"]).report == from_json.report
    assert kiwi_bench.load_gold("all", dataset=hf_documents) == kiwi_bench.load_gold("all")


def test_load_dataset_rows_with_an_unknown_value_are_a_one_line_error(hf_documents):
    from datasets import Dataset

    from kiwi_bench.corpus.rows import document_row

    rows = [document_row(d) for d in kiwi_bench.load_gold("test")]  # label names, no ClassLabel features
    rows[1]["entities"][0]["label"] = "COMPANY"
    with pytest.raises(kiwi_bench.KiwiError) as error:
        kiwi_bench.evaluate(BASELINE, split="test", dataset=Dataset.from_list(rows, split="test"))
    assert str(error.value) == ("gold:kiwi-003:entities[0].label: unknown value 'COMPANY' "
                                "(expected one of PER, ORG, LOC, PRODUCT, MISC)")


def test_import_loads_no_baseline_and_no_dataset_library():
    code = "import sys, kiwi_bench; print(sorted(m for m in sys.modules if m.startswith(('kiwi_bench.baselines', 'datasets', 'spacy'))))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_the_readme_python_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python\n.*?```python\n(.*?)```", readme, re.S)
    assert block, "README.md needs a '## Python' section with a ```python block"
    out = subprocess.run([sys.executable, "-c", block.group(1)], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    assert re.search(r"\d\.\d+", out)


def test_a_record_that_is_not_a_dict_is_a_one_line_error():
    with pytest.raises(kiwi_bench.KiwiError) as error:
        kiwi_bench.evaluate([1, {"id": "kiwi-001"}], split="test", resamples=0)
    assert str(error.value).splitlines()[0] == "<records>:1: $: expected a record dict, got int"
