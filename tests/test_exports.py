"""`kiwi-bench export` (conll, spacy, brat, label-studio) and `kiwi-bench import label-studio`.

Every export is read back with the consumer's own reader (seqeval on a CoNLL-2003-style reader,
spaCy's DocBin, a brat .ann parser, the Label Studio import) and compared with the gold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities

from kiwi_bench.cli import build_parser, main
from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, PERIODS, QUALIFIERS, SENTENCE_SENTIMENTS
from kiwi_bench.corpus.documents import dump_document, load_documents
from kiwi_bench.corpus.rows import token_rows
from kiwi_bench.exports.brat import ann_text, annotation_conf, fragments
from kiwi_bench.exports.conll import write_conll
from kiwi_bench.exports.label_studio import (
    ATTRIBUTE_CONTROLS,
    DOCUMENT_SENTIMENT,
    REGION_CONTROLS,
    document_from_task,
    document_task,
    labeling_config,
)

DATASET = Path(__file__).resolve().parents[1] / "dataset"
AMOUNT_FIELDS = ("start", "end", "text", "kind", "value", "currency", "unit", "qualifier", "per")
ENTITY_FIELDS = ("start", "end", "text", "label", "entity_id", "sentiment")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_documents(DATASET)


def _export(*args: str) -> int:
    return main(["export", *args, "--dataset", str(DATASET)])


def _import(*args: str) -> int:
    return main(["import", "label-studio", *args, "--dataset", str(DATASET)])


# --- CoNLL ---------------------------------------------------------------------------------------

def read_conll2003(text: str) -> list[tuple[list[str], list[str]]]:
    """A reader written to the CoNLL-2003 loader's rules (Hugging Face `conll2003`): a line starting
    with -DOCSTART- or an empty line ends the current sentence; otherwise the line is split on single
    spaces, the first field is the token and the last field the tag."""
    sentences, tokens, tags = [], [], []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-") or line == "":
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        fields = line.split(" ")
        tokens.append(fields[0])
        tags.append(fields[-1].rstrip())
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def _gold_token_spans(document: dict, layer: str) -> list[list[tuple[str, int, int]]]:
    """Per sentence: (label, first token, last token) of every gold item, from the token offsets."""
    key = "label" if layer == "entities" else "kind"
    result = []
    for row, sentence in zip(token_rows(document), document["sentences"]):
        starts, ends = row["token_starts"], row["token_ends"]
        spans = [(item[key], starts.index(item["start"]), ends.index(item["end"]))
                 for item in document[layer] if sentence["start"] <= item["start"] and item["end"] <= sentence["end"]]
        result.append(spans)
    return result


@pytest.mark.parametrize("layer", ["entities", "amounts"])
def test_conll_reads_back_with_seqeval_to_the_gold_spans(tmp_path, gold, layer):
    path = tmp_path / f"{layer}.conll"
    assert _export("conll", "--split", "all", "--layer", layer, "-o", str(path)) == 0
    text = path.read_text(encoding="utf-8")
    sentences = read_conll2003(text)
    expected_spans = [spans for document in gold for spans in _gold_token_spans(document, layer)]
    expected_tokens = [row["tokens"] for document in gold for row in token_rows(document)]
    assert [tokens for tokens, _ in sentences] == expected_tokens
    assert [sorted(get_entities(tags)) for _, tags in sentences] == [sorted(spans) for spans in expected_spans]
    assert sum(len(spans) for spans in expected_spans) == sum(len(d[layer]) for d in gold)
    # The file's structure: one -DOCSTART- per document, blank line after it and after every sentence.
    lines = text.split("\n")
    assert lines.count("-DOCSTART- O") == len(gold) and text.endswith("\n\n")
    assert all(lines[i + 1] == "" for i, line in enumerate(lines) if line.startswith("-DOCSTART-"))
    assert all(len(line.split(" ")) == 2 for line in lines if line)


def test_conll_docstart_is_harmless_to_a_reader_that_does_not_skip_it(tmp_path, gold):
    with_docstart, without = tmp_path / "a.conll", tmp_path / "b.conll"
    assert _export("conll", "--split", "test", "-o", str(with_docstart)) == 0
    assert _export("conll", "--split", "test", "--no-docstart", "-o", str(without)) == 0
    naive = [line.split(" ")[-1] for line in with_docstart.read_text(encoding="utf-8").splitlines() if line]
    plain = [line.split(" ")[-1] for line in without.read_text(encoding="utf-8").splitlines() if line]
    assert "-DOCSTART-" not in without.read_text(encoding="utf-8")
    labels = lambda tags: [label for label, _, _ in get_entities(tags)]  # noqa: E731
    assert labels(naive) == labels(plain) and len(labels(plain)) == sum(len(d["entities"]) for d in gold if d["split"] == "test")


def test_spacy_convert_reads_the_conll_file_without_docstart(tmp_path, gold):
    """spaCy's `convert -c ner` splits documents only at `-DOCSTART- -X- O O`, so it gets the file
    written with --no-docstart (docs/exports.md says so)."""
    from spacy.training.converters import conll_ner_to_docs

    path = tmp_path / "all.conll"
    assert _export("conll", "--split", "all", "--no-docstart", "-o", str(path)) == 0
    docs = list(conll_ner_to_docs(path.read_text(encoding="utf-8"), n_sents=10, no_print=True))
    assert sum(1 for doc in docs for _ in doc.sents) == sum(len(d["sentences"]) for d in gold)
    squeeze = lambda text: "".join(text.split())  # noqa: E731  (the converter joins tokens with spaces)
    assert [(squeeze(e.text), e.label_) for doc in docs for e in doc.ents] == \
           [(squeeze(e["text"]), e["label"]) for d in gold for e in d["entities"]]


def test_conll_export_has_the_tokens_and_gold_tags_of_the_evaluate_export(tmp_path, gold):
    import io

    path = tmp_path / "all.conll"
    assert _export("conll", "--split", "all", "--no-docstart", "-o", str(path)) == 0
    buffer = io.StringIO()
    write_conll(buffer, gold, {})
    evaluate_lines = [" ".join(line.split(" ")[:2]) for line in buffer.getvalue().split("\n")]
    assert path.read_text(encoding="utf-8").split("\n") == evaluate_lines


# --- spaCy ---------------------------------------------------------------------------------------

def test_spacy_docbin_gives_back_entities_amounts_and_sentences(tmp_path, gold):
    from spacy.tokens import DocBin

    from kiwi_bench.core.tokens import blank_pipeline

    path = tmp_path / "all.spacy"
    assert _export("spacy", "--split", "all", "-o", str(path)) == 0
    docs = list(DocBin().from_disk(path).get_docs(blank_pipeline("de").vocab))
    assert len(docs) == len(gold)
    for doc, document in zip(docs, gold):
        assert doc.text == document["text"]
        assert [(e.start_char, e.end_char, e.text, e.label_, e.kb_id_) for e in doc.ents] == \
               [(e["start"], e["end"], e["text"], e["label"], e["entity_id"]) for e in document["entities"]]
        assert [(s.start_char, s.end_char, s.text, s.label_) for s in doc.spans["amounts"]] == \
               [(a["start"], a["end"], a["text"], a["kind"]) for a in document["amounts"]]
        sentences = [sent[:-1] if sent[-1].is_space else sent for sent in doc.sents]
        assert [(s.start_char, s.end_char) for s in sentences] == [(s["start"], s["end"]) for s in document["sentences"]]
        assert [s.label_ for s in doc.spans["sentences"]] == [s["sentiment"] for s in document["sentences"]]
        assert max(doc.cats, key=doc.cats.get) == document["sentiment"]
        tokens = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        assert tokens == [p for row in token_rows(document) for p in zip(row["token_starts"], row["token_ends"])]


def test_spacy_debug_data_runs_offline_and_fails_only_on_corpus_size(tmp_path):
    """`spacy debug data` on the train/validation DocBins with a blank "de" ner config, offline.

    It exits 1: its one error is "Low number of examples to train a new pipeline (1)" (spaCy fails
    any blank pipeline with fewer than 100 training Docs; KIWI's train split is one document). Every
    data check passes, and with KIWI's tokenizer no training token is misaligned.
    """
    from spacy.cli.init_config import init_config

    for split, name in (("train", "train.spacy"), ("validation", "dev.spacy")):
        assert _export("spacy", "--split", split, "-o", str(tmp_path / name)) == 0
    init_config(lang="de", pipeline=["ner"], optimize="efficiency", gpu=False).to_disk(tmp_path / "config.cfg")
    code = subprocess.run([sys.executable, "-m", "kiwi_bench.exports.spacy_tokenizer"], capture_output=True, text=True,
                          check=True).stdout.strip()
    env = {**os.environ, "ANSI_COLORS_DISABLED": "1", "WASABI_LOG_FRIENDLY": "1", "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "debug", "data", str(tmp_path / "config.cfg"),
         "--paths.train", str(tmp_path / "train.spacy"), "--paths.dev", str(tmp_path / "dev.spacy"),
         "--code", code, "--nlp.tokenizer.@tokenizers", "kiwi.Tokenizer.v1"],
        capture_output=True, text=True, timeout=60, env=env)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    errors = [line for line in out.splitlines() if line.startswith("✘")]
    assert errors == ["✘ Low number of examples to train a new pipeline (1)", "✘ 1 error"], out
    for check in ("Pipeline can be initialized with data", "Corpus is loadable", "No overlap between training and evaluation data",
                  "No entities consisting of or starting/ending with whitespace", "No entities crossing sentence boundaries",
                  "0 missing value(s)"):
        assert check in out, out
    assert "misaligned tokens in the training data" not in out
    assert "1 misaligned tokens in the dev data" in out  # "X." in kiwi-002 (docs/exports.md)


# --- brat ----------------------------------------------------------------------------------------

def parse_ann(text: str) -> tuple[dict, dict, dict]:
    """T lines -> {id: (type, fragments, surface)}; A lines -> {target: (name, value)}; notes -> {target: text}."""
    bound, attributes, notes = {}, {}, {}
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T"):
            kind, offsets = fields[1].split(" ", 1)
            parts = [tuple(map(int, part.split(" "))) for part in offsets.split(";")]
            bound[fields[0]] = (kind, parts, fields[2])
        elif line.startswith("A"):
            name, target, value = fields[1].split(" ")
            attributes[target] = (name, value)
        elif line.startswith("#"):
            kind, target = fields[1].split(" ")
            assert kind == "AnnotatorNotes"
            notes[target] = fields[2]
        else:
            raise AssertionError(f"unexpected line {line!r}")
    return bound, attributes, notes


def _note_value(text: str):
    return None if text == "null" else text


def test_brat_reads_back_to_the_gold(tmp_path, gold):
    folder = tmp_path / "brat"
    assert _export("brat", "--split", "all", "-o", str(folder)) == 0
    for document in gold:
        txt = (folder / f"{document['id']}.txt").read_bytes()
        assert txt == document["text"].encode("utf-8")
        text = txt.decode("utf-8")
        bound, attributes, notes = parse_ann((folder / f"{document['id']}.ann").read_text(encoding="utf-8"))
        for kind, parts, surface in bound.values():
            assert surface == " ".join(text[a:b] for a, b in parts)
        entities, amounts = [], []
        for tid, (kind, parts, surface) in sorted(bound.items(), key=lambda pair: int(pair[0][1:])):
            start, end = parts[0][0], parts[-1][1]
            if kind in ENTITY_LABELS:
                assert attributes[tid][0] == "Sentiment" and notes[tid].startswith("entity_id=")
                entities.append({"start": start, "end": end, "text": text[start:end], "label": kind,
                                 "entity_id": notes[tid].removeprefix("entity_id="), "sentiment": attributes[tid][1]})
            else:
                assert kind in AMOUNT_KINDS and attributes[tid][0] == "Qualifier"
                note = dict(pair.split("=", 1) for pair in notes[tid].split("; "))
                amounts.append({"start": start, "end": end, "text": text[start:end], "kind": kind,
                                "value": json.loads(note["value"]), "currency": _note_value(note["currency"]),
                                "unit": _note_value(note["unit"]), "qualifier": attributes[tid][1], "per": _note_value(note["per"])})
        assert entities == [{k: e[k] for k in ENTITY_FIELDS} for e in document["entities"]]
        assert amounts == [{k: a[k] for k in AMOUNT_FIELDS} for a in document["amounts"]]
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert conf == annotation_conf()
    section = conf.split("[entities]\n")[1].split("\n\n")[0].splitlines()
    assert section == [*ENTITY_LABELS, *AMOUNT_KINDS]
    assert f"Sentiment\tArg:{'|'.join(ENTITY_LABELS)}, Value:{'|'.join(ENTITY_SENTIMENTS)}" in conf
    assert f"Qualifier\tArg:{'|'.join(AMOUNT_KINDS)}, Value:{'|'.join(QUALIFIERS)}" in conf


def test_brat_splits_a_span_with_a_line_break_into_fragments():
    text = "Sam\nAltman sagt"
    assert fragments(text, 0, 10) == [(0, 3), (4, 10)]
    document = {"text": text, "amounts": [],
                "entities": [{"id": "e1", "start": 0, "end": 10, "text": "Sam\nAltman", "label": "PER",
                              "entity_id": "sam-altman", "sentiment": "neutral"}]}
    assert ann_text(document).splitlines()[0] == "T1\tPER 0 3;4 10\tSam Altman"


# --- Label Studio --------------------------------------------------------------------------------

def test_label_studio_round_trip_is_byte_identical(tmp_path, gold):
    out, back = tmp_path / "ls", tmp_path / "gold"
    assert _export("label-studio", "--split", "all", "-o", str(out)) == 0
    assert (out / "label_studio.xml").read_text(encoding="utf-8") == labeling_config()
    tasks = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    assert [task["data"]["doc_id"] for task in tasks] == [d["id"] for d in gold]
    assert all(task["data"]["text"] == d["text"] for task, d in zip(tasks, gold))
    assert _import(str(out / "tasks.json"), "-o", str(back)) == 0
    for document in gold:
        written = (back / f"{document['id']}.json").read_text(encoding="utf-8")
        assert written == dump_document(document) == (DATASET / "source" / f"{document['id']}.json").read_text(encoding="utf-8")


def test_label_studio_config_declares_every_control_and_value(gold):
    root = ElementTree.fromstring(labeling_config())
    controls = {element.get("name"): element for element in root.iter() if element.get("toName")}
    assert set(controls) == {*REGION_CONTROLS, *ATTRIBUTE_CONTROLS, DOCUMENT_SENTIMENT}
    assert {element.get("name") for element in root.iter("Text")} == {"text"}
    values = lambda name: tuple(child.get("value") for child in controls[name])  # noqa: E731
    assert values("entity") == ENTITY_LABELS and values("amount") == AMOUNT_KINDS
    assert values("entity_sentiment") == ENTITY_SENTIMENTS and values("qualifier") == QUALIFIERS
    assert values("per") == PERIODS and values("sentence_sentiment") == values(DOCUMENT_SENTIMENT) == SENTENCE_SENTIMENTS
    for name, (_, kind, _, _) in ATTRIBUTE_CONTROLS.items():
        assert controls[name].tag == {"choices": "Choices", "textarea": "TextArea"}[kind]
        assert controls[name].get("perRegion") == "true"
    for task in map(document_task, gold):
        for result in task["annotations"][0]["result"]:
            assert result["from_name"] in controls and result["to_name"] == "text"
            assert result["type"] == controls[result["from_name"]].tag.lower()


def test_import_refuses_to_overwrite_without_force(tmp_path, capsys):
    out, back = tmp_path / "ls", tmp_path / "gold"
    assert _export("label-studio", "--split", "validation", "-o", str(out)) == 0
    back.mkdir()
    (back / "kiwi-002.json").write_text("keep me\n", encoding="utf-8")
    capsys.readouterr()
    assert _import(str(out / "tasks.json"), "-o", str(back)) == 2
    err = capsys.readouterr().err
    assert err == f"{back / 'kiwi-002.json'}:-: exists; pass --force to overwrite it\n"
    assert (back / "kiwi-002.json").read_text(encoding="utf-8") == "keep me\n"
    assert _import(str(out / "tasks.json"), "-o", str(back), "--force") == 0
    assert (back / "kiwi-002.json").read_text(encoding="utf-8") == (DATASET / "source" / "kiwi-002.json").read_text(encoding="utf-8")


def _edited_tasks(gold, edit) -> list[dict]:
    tasks = json.loads(json.dumps([document_task(d) for d in gold]))
    for task in tasks:
        edit(task["data"]["doc_id"], task["annotations"][0]["result"])
    return tasks


def test_import_errors_are_one_line_naming_task_region_and_field(tmp_path, gold, capsys):
    def edit(doc_id, results):
        if doc_id == "kiwi-002":
            results[:] = [r for r in results if not (r["id"] == "e5" and r["from_name"] == "entity_id")]
            for r in results:
                if r["id"] == "a1" and r["from_name"] == "value":
                    r["value"]["text"] = ["100 Mrd."]
                if r["id"] == "e7" and r["from_name"] == "entity_sentiment":
                    r["value"]["choices"] = ["mixed"]
        if doc_id == "kiwi-004":
            for r in results:
                if r["id"] == "e1" and r["from_name"] == "entity":
                    r["value"]["labels"] = ["ORG"]  # chatgpt is PRODUCT everywhere else

    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(_edited_tasks(gold, edit)), encoding="utf-8")
    capsys.readouterr()
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and not (tmp_path / "out").exists()
    lines = err.splitlines()
    assert any(line.startswith(f"{path}:task #3 (kiwi-002) region e5 (entity 'Meta'): entity_id missing") for line in lines), err
    assert any(f"{path}:task #3 (kiwi-002) region a1 " in line and "'100 Mrd.' is not a JSON number" in line for line in lines), err
    assert any(f"{path}:task #3 (kiwi-002) result[" in line and "(entity_sentiment, region e7): must be one of positive" in line
               for line in lines), err
    # The conversion problems stop before validation; fix them, and validation names the region.
    tasks = _edited_tasks(gold, lambda doc_id, results: edit(doc_id, results) if doc_id == "kiwi-004" else None)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert f"{path}:task #5 (kiwi-004) $.entities[0].label (region e1): 'chatgpt' is ORG here but PRODUCT at" in err, err
    assert "kiwi-import-" not in err  # scratch paths are replaced by task names


def test_import_takes_the_latest_submitted_annotation_and_reports_missing_ones(tmp_path, gold, capsys):
    task = document_task(gold[2])
    old = json.loads(json.dumps(task["annotations"][0]))
    old["result"] = [r for r in old["result"] if r["from_name"] != DOCUMENT_SENTIMENT]
    task["annotations"] = [dict(old, id=1, updated_at="2025-01-01T00:00:00Z"),
                           dict(task["annotations"][0], id=2, updated_at="2025-02-01T00:00:00Z"),
                           dict(old, id=3, updated_at="2025-03-01T00:00:00Z", was_cancelled=True)]
    document, _, notes = document_from_task(task, 0, "t.json")
    assert dump_document(document) == dump_document(gold[2])
    assert notes == ["task #1 (kiwi-002): 2 annotations, using the latest (id 2)"]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([{"data": task["data"], "annotations": [], "predictions": [{"result": []}]}]), encoding="utf-8")
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    assert capsys.readouterr().err == (f"{path}:task #1 (kiwi-002) annotations: no submitted annotation "
                                       "(it has predictions only: submit an annotation in Label Studio first)\n")


def test_import_names_tasks_by_their_label_studio_id(tmp_path, gold, capsys):
    tasks = [dict(document_task(document), id=100 + k) for k, document in enumerate(gold)]
    broken = tasks[2]["annotations"][0]["result"]
    broken[:] = [r for r in broken if not (r["id"] == "e5" and r["from_name"] == "entity_id")]
    tasks[4].pop("id")
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    capsys.readouterr()
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:task 102 (kiwi-002) region e5 (entity 'Meta'): entity_id missing"), err
    tasks[2] = dict(document_task(gold[2]), id=102)
    tasks[3] = dict(document_task(gold[2]), id=103)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    assert capsys.readouterr().err == f"{path}:task 103 (kiwi-002) data.doc_id: same document as task 102\n"
    tasks[3] = dict(document_task(gold[3]), id=103)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    assert _import(str(path), "-o", str(tmp_path / "out")) == 0


def test_a_json_min_export_gets_one_line_saying_export_as_json(tmp_path, gold, capsys):
    """JSON-MIN rows (Label Studio 1.23's "JSON-MIN" export): data fields and the latest annotation flattened."""
    document = gold[2]
    rows = [{"id": 7, "text": document["text"], "doc_id": document["id"], "language": document["language"],
             "entity": [{"start": 0, "end": 7, "text": document["text"][:7], "labels": ["PRODUCT"]}],
             "annotator": 1, "annotation_id": 3, "created_at": "2026-11-01T10:00:00Z",
             "updated_at": "2026-11-01T10:00:00Z", "lead_time": 12.5}]
    path = tmp_path / "min.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    capsys.readouterr()
    assert _import(str(path), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"{path}:$: this is a JSON-MIN export") and 'format "JSON"' in err


def test_import_accepts_utf16_offsets_of_older_label_studio_versions():
    text = "😀 OpenAI wächst"
    document = {"id": "kiwi-000", "language": "de", "split": "train", "title": text,
                "source": {"file": "x", "sha256": "0" * 64, "url": None},
                "status": {"sentence_sentiment": "complete", "entities": "complete", "amounts": "complete",
                           "document_sentiment": "complete"},
                "sentiment": "positive", "text": text,
                "sentences": [{"id": "s1", "start": 0, "end": len(text), "text": text, "sentiment": "positive"}],
                "entities": [{"id": "e1", "start": 2, "end": 8, "text": "OpenAI", "label": "ORG", "entity_id": "openai",
                              "sentiment": "positive"}],
                "amounts": []}
    task = document_task(document)
    for result in task["annotations"][0]["result"]:
        if result["id"] == "e1":
            result["value"].update(start=3, end=9)  # JavaScript counts the emoji as two UTF-16 units
        if result["id"] == "s1":
            result["value"]["end"] = len(text) + 1
    assert dump_document(document_from_task(task, 0, "t.json")[0]) == dump_document(document)


# --- the export command ---------------------------------------------------------------------------

def test_export_needs_split_and_output_and_refuses_to_overwrite(tmp_path, capsys):
    parser = build_parser()
    for argv in (["export", "conll", "-o", "x"], ["export", "conll", "--split", "all"]):
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args(argv)
        assert exit_info.value.code == 2
    path = tmp_path / "train.conll"
    path.write_text("old\n", encoding="utf-8")
    capsys.readouterr()
    assert _export("conll", "--split", "train", "-o", str(path)) == 2
    assert capsys.readouterr().err == f"{path}:-: exists; pass --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "old\n"
    assert _export("conll", "--split", "train", "-o", str(path), "--force") == 0
    assert path.read_text(encoding="utf-8").startswith("-DOCSTART- O\n\nOpenAIs B-ORG\n")
    assert _export("brat", "--split", "train", "--layer", "amounts", "-o", str(tmp_path / "b")) == 2
    assert _export("brat", "--split", "train", "-o", str(path)) == 2
    assert "is a file" in capsys.readouterr().err


def test_every_registered_format_writes_exactly_what_its_files_function_returns(tmp_path, gold):
    from kiwi_bench.exports.registry import EXPORTERS

    test = [d for d in gold if d["split"] == "test"]
    assert list(EXPORTERS) == ["conll", "spacy", "brat", "label-studio"]
    for name, exporter in EXPORTERS.items():
        out = tmp_path / name
        assert _export(name, "--split", "test", "-o", str(out)) == 0
        files = exporter.files(test)
        assert files and all(isinstance(data, bytes) for data in files.values())
        if exporter.single_file:
            assert len(files) == 1 and out.read_bytes() == next(iter(files.values()))
        else:
            assert sorted(p.name for p in out.iterdir()) == sorted(files)
            assert all((out / relative).read_bytes() == data for relative, data in files.items())


def test_an_option_of_another_format_is_a_one_line_error_naming_the_format(tmp_path, capsys):
    for argv in (["spacy", "--layer", "amounts"], ["label-studio", "--no-docstart"]):
        capsys.readouterr()
        assert _export(*argv, "--split", "test", "-o", str(tmp_path / "x")) == 2
        assert capsys.readouterr().err == "kiwi-bench:-: --layer and --no-docstart apply to the conll format only\n"
    assert not (tmp_path / "x").exists()


def test_spacy_finds_the_kiwi_tokenizer_through_the_entry_point():
    import subprocess
    import sys

    code = "from spacy.util import registry; print(registry.tokenizers.get('kiwi.Tokenizer.v1').__module__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0 and result.stdout.strip() == "kiwi_bench.exports.spacy_tokenizer", result.stderr


def test_a_model_saved_with_the_kiwi_tokenizer_loads_with_spacy_tokenizer_v1_and_keeps_its_rule(tmp_path):
    """docs/exports.md: the one-line switch in config.cfg keeps KIWI's compound rule (spaCy saves the infixes)."""
    import spacy

    import kiwi_bench.exports.spacy_tokenizer  # noqa: F401  (registers kiwi.Tokenizer.v1)

    text = "Google-Suchgeschäft und 38-Milliarden"
    nlp = spacy.blank("de", config={"nlp": {"tokenizer": {"@tokenizers": "kiwi.Tokenizer.v1"}}})
    expected = ["Google", "-", "Suchgeschäft", "und", "38", "-", "Milliarden"]
    assert [token.text for token in nlp(text)] == expected
    assert [token.text for token in spacy.blank("de")(text)] == ["Google-Suchgeschäft", "und", "38-Milliarden"]
    nlp.to_disk(tmp_path / "model")
    config = tmp_path / "model" / "config.cfg"
    original = config.read_text(encoding="utf-8")
    assert '@tokenizers = "kiwi.Tokenizer.v1"' in original
    config.write_text(original.replace('"kiwi.Tokenizer.v1"', '"spacy.Tokenizer.v1"'), encoding="utf-8")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.config["nlp"]["tokenizer"]["@tokenizers"] == "spacy.Tokenizer.v1"
    assert [token.text for token in loaded(text)] == expected
