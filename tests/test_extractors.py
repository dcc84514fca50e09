"""The extractor interface: registry, loading user classes, stripping gold labels, checking output,
the protocols (which documents are fitted and predicted), and `kiwi-bench predict` with user code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.schemas import validator
from kiwi_bench.systems.extractors import (
    BASELINES,
    check_records,
    dump_jsonl,
    is_trainable,
    load_extractor,
    run_extractor,
    strip_annotations,
)
from kiwi_bench.systems.protocols import expand_grid, folds, run_protocol, tune

# ---------------------------------------------------------------------------------------------
# A toy corpus: five hand-written documents with complete gold, in the layout of dataset/source.


def toy_document(doc_id: str, split: str, language: str, sentences: list[tuple], sentiment: str) -> dict:
    """A complete gold document. `sentences` holds (text, sentiment, entities, amounts) with
    entities as (surface, label, sentiment) and amounts as (surface, kind, value, currency, qualifier);
    each surface is looked up left to right in its sentence."""
    text = "\n".join(s[0] for s in sentences)
    doc = {"id": doc_id, "language": language, "split": split, "title": sentences[0][0],
           "source": {"file": f"{doc_id}.txt", "sha256": "0" * 64, "url": None},
           "status": dict.fromkeys(("sentence_sentiment", "entities", "amounts", "document_sentiment"), "complete"),
           "sentiment": sentiment, "text": text, "sentences": [], "entities": [], "amounts": []}
    offset = 0
    for number, (sentence, label, entities, amounts) in enumerate(sentences, 1):
        doc["sentences"].append({"id": f"s{number}", "start": offset, "end": offset + len(sentence), "text": sentence, "sentiment": label})
        cursor = 0
        for surface, entity_label, entity_sentiment in entities:
            start = sentence.index(surface, cursor)
            cursor = start + len(surface)
            doc["entities"].append({"id": f"e{len(doc['entities']) + 1}", "start": offset + start, "end": offset + cursor,
                                    "text": surface, "label": entity_label, "entity_id": surface.lower().replace(" ", "-"),
                                    "sentiment": entity_sentiment})
        cursor = 0
        for surface, kind, value, currency, qualifier in amounts:
            start = sentence.index(surface, cursor)
            cursor = start + len(surface)
            doc["amounts"].append({"id": f"a{len(doc['amounts']) + 1}", "start": offset + start, "end": offset + cursor,
                                   "text": surface, "kind": kind, "value": value, "currency": currency, "unit": None,
                                   "qualifier": qualifier, "per": None})
        offset += len(sentence) + 1
    return doc


def toy_corpus() -> list[dict]:
    """kiwi-000 train, kiwi-002 validation, kiwi-001/003/004 test (kiwi-003 Dutch)."""
    return [
        toy_document("kiwi-000", "train", "de", [
            ("OpenAI meldet einen großen Erfolg mit ChatGPT.", "positive",
             [("OpenAI", "ORG", "positive"), ("ChatGPT", "PRODUCT", "positive")], []),
            ("Der Verlust von Google ist ein Problem.", "negative", [("Google", "ORG", "negative")], []),
            ("Microsoft investiert 10 Milliarden Dollar in OpenAI.", "positive",
             [("Microsoft", "ORG", "positive"), ("OpenAI", "ORG", "positive")],
             [("10 Milliarden Dollar", "money", 10000000000, "USD", "exact")]),
            ("Sam Altman spricht in Texas.", "neutral", [("Sam Altman", "PER", "neutral"), ("Texas", "LOC", "neutral")], []),
        ], "positive"),
        toy_document("kiwi-001", "test", "de", [
            ("OpenAIs Umsatz wächst stark.", "positive", [("OpenAIs", "ORG", "positive")], []),
            ("Google verliert 5 Milliarden Dollar.", "negative", [("Google", "ORG", "negative")],
             [("5 Milliarden Dollar", "money", 5000000000, "USD", "exact")]),
        ], "mixed"),
        toy_document("kiwi-002", "validation", "de", [
            ("Microsoft und OpenAI arbeiten zusammen.", "positive", [("Microsoft", "ORG", "positive"), ("OpenAI", "ORG", "positive")], []),
            ("Die Lage ist schlecht.", "negative", [], []),
        ], "positive"),
        toy_document("kiwi-003", "test", "nl", [
            ("Google’s voorsprong is groot.", "positive", [("Google", "ORG", "positive")], []),
            ("OpenAI heeft meer dan 700 miljoen gebruikers.", "positive", [("OpenAI", "ORG", "positive")],
             [("700 miljoen", "count", 700000000, None, "at_least")]),
        ], "positive"),
        toy_document("kiwi-004", "test", "de", [
            ("ChatGPT ist ein Erfolg.", "positive", [("ChatGPT", "PRODUCT", "positive")], []),
            ("Sam Altman warnt.", "negative", [("Sam Altman", "PER", "neutral")], []),
        ], "mixed"),
    ]


def write_toy_dataset(root: Path) -> Path:
    """root/dataset/source/kiwi-00N.json for the CLI."""
    source = root / "dataset" / "source"
    source.mkdir(parents=True)
    for document in toy_corpus():
        (source / f"{document['id']}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return root / "dataset"


# ---------------------------------------------------------------------------------------------
# User extractors used below (loaded by "module:Class").


class KeywordExtractor:
    """A user's extractor: every "OpenAI" is an ORG, every sentence neutral."""

    def predict(self, documents):
        records = []
        for doc in documents:
            spans = [i for i in range(len(doc["text"])) if doc["text"].startswith("OpenAI", i)]
            records.append({"id": doc["id"],
                            "entities": [{"start": i, "end": i + 6, "label": "ORG"} for i in spans],
                            "sentences": [{"id": s["id"], "sentiment": "neutral"} for s in doc["sentences"]]})
        return records


class ConfiguredExtractor(KeywordExtractor):
    def __init__(self, config=None):
        self.config = config


class NoPredict:
    pass


class Recorder:
    """Records what each instance was fitted on and asked to predict; predicts nothing."""

    log: list[dict] = []

    def __init__(self, config=None):
        self.entry = {"fit": [], "predict": []}
        Recorder.log.append(self.entry)

    def fit(self, documents):
        self.entry["fit"] += [d["id"] for d in documents]

    def predict(self, documents):
        for doc in documents:
            assert set(doc) == {"id", "language", "text", "sentences"}
        self.entry["predict"] += [d["id"] for d in documents]
        return [{"id": d["id"]} for d in documents]


# ---------------------------------------------------------------------------------------------
# Registry and loading


def test_registry_names_load_and_have_predict_and_fit():
    assert sorted(BASELINES) == ["crf", "floor", "rules"]
    for name in BASELINES:
        extractor = load_extractor(name)
        assert callable(extractor.predict) and is_trainable(extractor)


def test_a_user_class_loads_by_module_and_class_name():
    extractor = load_extractor(f"{__name__}:KeywordExtractor")
    assert isinstance(extractor, KeywordExtractor) and not is_trainable(extractor)
    configured = load_extractor(f"{__name__}:ConfiguredExtractor", {"params": {"x": 1}})
    assert configured.config == {"params": {"x": 1}}


@pytest.mark.parametrize("spec, message", [
    ("nonsense", "neither a registered extractor"),
    ("no_such_module_kiwi:Thing", "cannot import module"),
    (f"{__name__}:Missing", "has no class"),
    (f"{__name__}:NoPredict", "has no predict() method"),
])
def test_loading_errors_are_one_line(spec, message):
    with pytest.raises(KiwiError) as error:
        load_extractor(spec)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_config_for_a_class_without_one_is_an_error():
    with pytest.raises(KiwiError, match="takes no config"):
        load_extractor(f"{__name__}:KeywordExtractor", {"params": {}})


# ---------------------------------------------------------------------------------------------
# What a system may see


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_strip_annotations_removes_every_label():
    document = toy_corpus()[0]
    stripped = strip_annotations(document)
    assert set(stripped) == {"id", "language", "text", "sentences"}
    assert all(set(s) == {"id", "start", "end", "text"} for s in stripped["sentences"])
    assert not _keys(stripped) & {"sentiment", "entities", "amounts", "label", "split", "status", "title", "source", "kind", "value"}
    assert [s["text"] for s in stripped["sentences"]] == [s["text"] for s in document["sentences"]]
    stripped["sentences"][0]["text"] = "changed"
    assert document["sentences"][0]["text"] != "changed"


def test_run_extractor_fits_on_gold_and_predicts_on_stripped_documents():
    Recorder.log.clear()
    documents = toy_corpus()
    records = run_extractor(Recorder(), documents[:1], documents[1:3], "recorder")
    assert Recorder.log[0] == {"fit": ["kiwi-000"], "predict": ["kiwi-001", "kiwi-002"]}
    assert [r["id"] for r in records] == ["kiwi-001", "kiwi-002"]


# ---------------------------------------------------------------------------------------------
# Checking output


def test_check_records_accepts_valid_output_and_names_each_problem():
    documents = toy_corpus()[:2]
    good = KeywordExtractor().predict([strip_annotations(d) for d in documents])
    assert check_records(good, documents, "x") == []
    for record in good:
        validator("predictions").validate(record)
    bad = [
        {"id": "kiwi-000", "entities": [{"start": 0, "end": 10_000, "label": "ORG"}], "sentences": [{"id": "s99", "sentiment": "neutral"}]},
        {"id": "kiwi-009"},
        {"id": "kiwi-000", "sentiment": "great"},
    ]
    problems = [f"{p.location}: {p.message}" for p in check_records(bad, documents, "x")]
    assert any(p.startswith("kiwi-000:entities[0].end: ") and "outside the text" in p for p in problems)
    assert any("kiwi-000:sentences[0].id: no sentence 's99'" in p for p in problems)
    assert any("kiwi-009:id: 'kiwi-009' is not a document of split" in p for p in problems)
    assert any(p.startswith("kiwi-000:sentiment: ") and "'great'" in p for p in problems)
    assert any(p.startswith("kiwi-001:") and "no prediction record" in p for p in problems)
    assert [f"{p.location}: {p.message}" for p in check_records([7, {"id": 3}], documents[:1], "x")] == [
        "record 1: expected a record (a dict), got int", "record 2:id: 3 is not of type 'string'",
        "kiwi-000: no prediction record for this document"]


def test_predict_words_a_bad_record_as_evaluate_does(tmp_path, monkeypatch, capsys):
    """One error path: the message `kiwi-bench evaluate` gives for a bad label, not jsonschema's raw text."""
    from kiwi_bench.cli import main

    (tmp_path / "bad_labels.py").write_text(
        "class BadLabels:\n"
        "    def predict(self, documents):\n"
        "        return [{'id': d['id'], 'entities': [{'start': 0, 'end': 1, 'label': 'COMPANY'}]} for d in documents]\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert main(["predict", "bad_labels:BadLabels", "--split", "test", "-o", str(tmp_path / "p.jsonl"),
                 "--no-progress"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines and all("bad_labels:BadLabels:kiwi-00" in line for line in lines)
    assert "entities[0].label: unknown label 'COMPANY' (expected one of LOC, MISC, ORG, PER, PRODUCT)" in lines[0]
    assert not any("is not valid under any" in line for line in lines)
    assert not (tmp_path / "p.jsonl").exists()


def test_run_extractor_refuses_invalid_output():
    class Broken:
        def predict(self, documents):
            return [{"id": d["id"], "entities": [{"start": 5, "end": 2, "label": "ORG"}]} for d in documents]

    with pytest.raises(KiwiError, match=r"entities\[0\]: start 5 >= end 2"):
        run_extractor(Broken(), [], toy_corpus()[:1], "broken")


def test_jsonl_is_sorted_by_id_with_sorted_keys():
    text = dump_jsonl([{"id": "kiwi-002", "sentiment": "mixed", "entities": []}, {"id": "kiwi-001"}])
    lines = text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["kiwi-001", "kiwi-002"]
    assert lines[1] == '{"entities": [], "id": "kiwi-002", "sentiment": "mixed"}' and text.endswith("\n")


# ---------------------------------------------------------------------------------------------
# Protocols


def test_the_documents_each_protocol_predicts():
    documents = toy_corpus()
    held_out = lambda protocol: sorted(i for fold in folds(protocol, documents) for i in fold.held_out)  # noqa: E731
    assert held_out("standard") == ["kiwi-001", "kiwi-003", "kiwi-004"]
    assert held_out("lodo") == [f"kiwi-00{i}" for i in range(5)]
    with pytest.raises(KiwiError):
        folds("kfold", documents)


def test_standard_fits_on_train_and_validation_and_predicts_test():
    Recorder.log.clear()
    records = run_protocol(Recorder, "standard", toy_corpus())
    assert Recorder.log == [{"fit": ["kiwi-000", "kiwi-002"], "predict": ["kiwi-001", "kiwi-003", "kiwi-004"]}]
    assert [r["id"] for r in records] == ["kiwi-001", "kiwi-003", "kiwi-004"]


def test_lodo_never_trains_on_the_held_out_document():
    Recorder.log.clear()
    documents = toy_corpus()
    records = run_protocol(Recorder, "lodo", documents)
    assert len(Recorder.log) == 5  # a fresh extractor per fold
    for entry in Recorder.log:
        assert len(entry["predict"]) == 1
        assert entry["predict"][0] not in entry["fit"]
        assert sorted(entry["fit"] + entry["predict"]) == [d["id"] for d in documents]
    assert [r["id"] for r in records] == [d["id"] for d in documents]
    assert [f.held_out for f in folds("lodo", documents)] == [(d["id"],) for d in documents]


def test_tune_fits_on_train_scores_validation_and_never_touches_test():
    Recorder.log.clear()
    seen_gold = []

    def objective(records, gold):
        seen_gold.append([d["id"] for d in gold])
        return {1: 0.5, 2: 0.9, 3: 0.9}[len(Recorder.log)]  # the second and third candidate tie

    best, trials = tune(lambda candidate: Recorder(), expand_grid({"a": [1, 2, 3]}), toy_corpus(), objective)
    assert best == {"a": 2} and [t.score for t in trials] == [0.5, 0.9, 0.9]
    assert all(entry == {"fit": ["kiwi-000"], "predict": ["kiwi-002"]} for entry in Recorder.log)
    assert seen_gold == [["kiwi-002"]] * 3


def test_expand_grid_order():
    assert expand_grid({"b": [1, 2], "a": ["x", "y"]}) == [
        {"a": "x", "b": 1}, {"a": "x", "b": 2}, {"a": "y", "b": 1}, {"a": "y", "b": 2}]


# ---------------------------------------------------------------------------------------------
# The command line, with a user's extractor next to the caller

def readme_example() -> str:
    """The user-extractor example of README.md (so that the documented example is the tested one)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Benchmark your own system", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _kiwi_bench(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "kiwi-bench"  # the console script: cwd is not on its sys.path
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kiwi_bench.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd)


def test_predict_command_runs_a_user_extractor(tmp_path):
    dataset = write_toy_dataset(tmp_path)
    example = readme_example()
    assert len(example.strip().splitlines()) <= 12
    (tmp_path / "my_extractor.py").write_text(example, encoding="utf-8")
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        result = _kiwi_bench("predict", "my_extractor:MyExtractor", "--split", "test", "-o", name,
                             "--dataset", str(dataset), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0].decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["kiwi-001", "kiwi-003", "kiwi-004"]
    assert records[0]["entities"] == [{"end": 6, "label": "ORG", "start": 0}]  # "OpenAI" of "OpenAIs"
    assert "100%" not in result.stderr and "\r" not in result.stderr  # stderr is a pipe: no progress bar


def test_predict_command_errors_exit_2_without_traceback(tmp_path):
    dataset = write_toy_dataset(tmp_path)
    for args in (["no_such_module_kiwi:X", "--split", "test"],
                 ["floor", "--split", "test", "--train-split", "test"],
                 ["floor", "--split", "test", "--config", str(tmp_path / "missing.toml")]):
        result = _kiwi_bench("predict", *args, "-o", "out.jsonl", "--dataset", str(dataset), cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()
