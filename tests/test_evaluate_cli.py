"""`kiwi-bench evaluate` and `kiwi-bench compare` end to end on a small hand-made dataset directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiwi_bench.cli import main
from kiwi_bench.corpus.documents import dump_document
from test_scoring_support import entity, make_document, span


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    root = tmp_path / "dataset"
    (root / "source").mkdir(parents=True)
    documents = [
        make_document("kiwi-001", ["OpenAI zahlt 38 Milliarden Dollar an Amazon.", "Google-Suchgeschäft wächst."],
                      entities=[("OpenAI", "ORG", "neutral"), ("Amazon", "ORG", "positive"), ("Google", "ORG", "positive")],
                      amounts=[{"surface": "38 Milliarden Dollar", "kind": "money", "value": 38e9, "currency": "USD"}],
                      sentence_sentiments=["positive", "positive"], sentiment="positive"),
        make_document("kiwi-003", ["Nvidia groeit in Texas."], language="nl",
                      entities=[("Nvidia", "ORG", "positive"), ("Texas", "LOC", "neutral")],
                      sentence_sentiments=["positive"], sentiment="positive"),
        make_document("kiwi-000", ["Meta verliert."], split="train", entities=[("Meta", "ORG", "negative")]),
    ]
    for document in documents:
        (root / "source" / f"{document['id']}.json").write_text(dump_document(document), encoding="utf-8")
    return root


def write_predictions(path: Path, dataset: Path, perfect: bool = True) -> Path:
    lines = []
    for source in sorted((dataset / "source").glob("*.json")):
        document = json.loads(source.read_text(encoding="utf-8"))
        if document["split"] != "test":
            continue
        entities = [entity(document, e["text"], e["label"] if perfect else "PER", e["sentiment"]) for e in document["entities"]]
        amounts = [{**span(document, a["text"]), "kind": a["kind"], "value": a["value"], "currency": a["currency"]}
                   for a in document["amounts"]]
        lines.append(json.dumps({"id": document["id"], "entities": entities, "amounts": amounts,
                                 "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in document["sentences"]],
                                 "sentiment": document["sentiment"]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_json(dataset, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.jsonl", dataset)
    assert main(["evaluate", str(pred), "--split", "test", "--dataset", str(dataset), "--json", "--resamples", "100"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["signature"].startswith("kiwi:") and "|split:test|" in result["signature"]
    assert result["signature"].endswith("|boot:100|seed:0")
    assert result["entities"]["strict"]["f1"] == 1.0 and result["entities"]["strict"]["ci95"]["f1"] == [1.0, 1.0]
    assert result["amounts"]["end_to_end"]["f1"] == 1.0 and result["documents"]["sentiment"]["accuracy"] == 1.0


def test_evaluate_text_from_stdin(dataset, tmp_path, capsys, monkeypatch):
    pred = write_predictions(tmp_path / "pred.jsonl", dataset)
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pred.read_bytes())))
    assert main(["evaluate", "-", "--dataset", str(dataset), "--resamples", "50"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("signature: kiwi:") and "Headline figures" in out and "strict" in out


def test_evaluate_errors_exit_2_with_one_line_messages(dataset, tmp_path, capsys):
    pred = tmp_path / "bad.jsonl"
    pred.write_text('{"id": "kiwi-001", "entities": [{"start": 0, "end": 999, "label": "ORG"}]}\n{"id": "kiwi-000"}\n',
                    encoding="utf-8")
    assert main(["evaluate", str(pred), "--dataset", str(dataset)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"{pred}:1: entities[0].end: 999 is outside the text")
    assert err[1] == f"{pred}:2: id: 'kiwi-000' is not a document of split test (it belongs to split train)"
    assert all("Traceback" not in line for line in err)


def test_allow_missing_scores_missing_documents_as_empty(dataset, tmp_path, capsys):
    pred = tmp_path / "one.jsonl"
    pred.write_text(write_predictions(tmp_path / "p.jsonl", dataset).read_text().splitlines()[0] + "\n")
    assert main(["evaluate", str(pred), "--dataset", str(dataset)]) == 2
    assert "missing: kiwi-003" in capsys.readouterr().err
    assert main(["evaluate", str(pred), "--dataset", str(dataset), "--allow-missing", "--json", "--resamples", "0"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["missing_documents"] == ["kiwi-003"] and result["signature"].endswith("|missing:1")
    assert result["entities"]["strict"]["recall"] == pytest.approx(3 / 5)


def test_compare(dataset, tmp_path, capsys):
    good = write_predictions(tmp_path / "good.jsonl", dataset)
    bad = write_predictions(tmp_path / "bad.jsonl", dataset, perfect=False)
    assert main(["compare", str(good), str(bad), "--dataset", str(dataset), "--json", "--resamples", "200"]) == 0
    result = json.loads(capsys.readouterr().out)
    strict = result["metrics"]["entities.strict.f1"]
    assert strict["a"] == 1.0 and strict["delta"] > 0 and 0 < strict["p_value"] <= 1
    assert main(["compare", str(good), str(bad), "--dataset", str(dataset)]) == 0
    assert "paired bootstrap" in capsys.readouterr().out


def test_conll_export_with_the_project_tokenizer(dataset, tmp_path, capsys):
    pred = write_predictions(tmp_path / "pred.jsonl", dataset, perfect=False)
    out = tmp_path / "out.conll"
    assert main(["evaluate", str(pred), "--dataset", str(dataset), "--format", "conll", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "Google B-ORG B-PER" in lines and "- O O" in lines  # "Google" split off "Google-Suchgeschäft"
    assert lines[0] == "OpenAI B-ORG B-PER" and "signature: kiwi:" in capsys.readouterr().err
    from conlleval import evaluate as conlleval_evaluate
    chunks = conlleval_evaluate(lines)["overall"]["chunks"]["stats"]
    assert main(["evaluate", str(pred), "--dataset", str(dataset), "--json", "--resamples", "0"]) == 0
    strict = json.loads(capsys.readouterr().out)["entities"]["strict"]
    # every label predicted as PER: LOC/ORG gold, so no strict match; conlleval agrees with KIWI's counts
    assert (chunks["correct"], chunks["gold"], chunks["pred"]) == (strict["correct"], strict["possible"], strict["actual"]) == (0, 5, 5)
