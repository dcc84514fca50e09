"""Scoring in batches (`StreamingBuilder`, what `kiwi-bench evaluate` and `compare` use) equals scoring at once.

The batch size is forced down to 1, 2, 3 and 7 predicted items, so that files of a few documents
are cut into many batches; the whole JSON report (every count, figure, interval and signature)
and every statistics column must be exactly those of the one-batch result. Cases: the committed
baseline predictions on the real test split (and their leave-one-document-out files on all
documents), and hand-made files with overlapping and duplicate predictions, a layer whose mode
and entity sentiment appear only in a later batch, a document without a layer's key, and a
document missing from the file under --allow-missing, in span and span-free mode.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kiwi_bench.api.predictions import predictions_from_records, read_predictions
from kiwi_bench.cli import main
from kiwi_bench.core.jsonl import report_json
from kiwi_bench.corpus.contrast import load_contrast
from kiwi_bench.corpus.documents import dump_document, load_documents
from kiwi_bench.corpus.splits import in_split
from kiwi_bench.scoring import BATCH_ITEMS, Predictions, ScoredPredictions, StreamingBuilder, compare, evaluate, load_gold
from test_scoring_support import entity, make_document, span

ROOT = Path(__file__).resolve().parents[1]
SPLITS = {"standard": "test", "lodo": "all", "contrast": "contrast"}
FILES = sorted((ROOT / "baselines").glob("*/predictions/*.jsonl"))
TINY = (1, 7)


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load_documents(ROOT / "dataset") + load_contrast(ROOT / "dataset")


def _gold(corpus: list[dict], split: str):
    documents = [d for d in corpus if in_split(d, split)]
    other = {d["id"]: d["split"] for d in corpus if not in_split(d, split)}
    return load_gold(documents), other


def _report(gold, read, split: str, resamples: int = 1000) -> str:
    return report_json(evaluate(gold, read.predictions, split=split, resamples=resamples, missing=read.missing).report)


def _same_statistics(a, b) -> None:
    for level in ("sentence", "document"):
        columns_a, columns_b = getattr(a, level), getattr(b, level)
        assert list(columns_a) == list(columns_b)
        for name in columns_a:
            assert columns_a[name].dtype == columns_b[name].dtype and np.array_equal(columns_a[name], columns_b[name]), name


def _statistics(gold, read):
    return evaluate(gold, read.predictions, split="x", resamples=0).statistics


@pytest.mark.parametrize("batch_items", (*TINY, BATCH_ITEMS))
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parts[-3]}-{p.stem}")
def test_committed_baselines_score_the_same_in_batches(corpus, path, batch_items):
    split = SPLITS[path.stem]
    gold, other = _gold(corpus, split)
    at_once = read_predictions(path, gold, split, other_splits=other)
    streamed = read_predictions(path, gold, split, other_splits=other, batch_items=batch_items)
    assert isinstance(at_once.predictions, Predictions) and isinstance(streamed.predictions, ScoredPredictions)
    with_items = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                     if json.loads(line).get("entities") or json.loads(line).get("amounts"))
    # A tiny batch is full after every record with an item (here: every article, or none for floor); the contrast
    # items have few items each, so only "many batches" is certain there.
    if split == "contrast":
        assert (streamed.predictions.batches > 1) == (batch_items in TINY and with_items > 0)
    else:
        assert streamed.predictions.batches == (max(with_items, 1) if batch_items in TINY else 1)
    assert _report(gold, streamed, split) == _report(gold, at_once, split)
    _same_statistics(_statistics(gold, streamed), _statistics(gold, at_once))


def test_committed_baselines_score_as_in_their_score_files(corpus):
    """The batch path (default size) reproduces the committed reports byte for byte."""
    for path in FILES:
        split = SPLITS[path.stem]
        gold, other = _gold(corpus, split)
        read = read_predictions(path, gold, split, other_splits=other, batch_items=1)
        committed = (path.parents[1] / "scores" / f"{path.stem}.json").read_text(encoding="utf-8")
        assert _report(gold, read, split) == committed, path


def test_compare_is_the_same_in_batches(corpus):
    gold, other = _gold(corpus, "test")
    a, b = (ROOT / "baselines" / name / "predictions" / "standard.jsonl" for name in ("crf", "rules"))

    def evaluations(batch_items):
        return [evaluate(gold, read_predictions(p, gold, "test", other_splits=other, batch_items=batch_items).predictions,
                         split="test", resamples=0) for p in (a, b)]

    assert compare(*evaluations(1), resamples=300) == compare(*evaluations(None), resamples=300)


# ---- hand-made files -------------------------------------------------------------------------

def _documents() -> list[dict]:
    money = {"kind": "money", "currency": "EUR"}
    return [
        make_document("kiwi-101", ["OpenAI zahlt 38 Milliarden Dollar an Amazon.", "Amazon wächst in Seattle."],
                      entities=[("OpenAI", "ORG", "neutral"), ("Amazon", "ORG", "positive"),
                                ("Amazon", "ORG", "positive", 1), ("Seattle", "LOC", "neutral")],
                      amounts=[{"surface": "38 Milliarden Dollar", "kind": "money", "value": 38e9, "currency": "USD"}],
                      sentence_sentiments=["neutral", "positive"], sentiment="positive"),
        make_document("kiwi-102", ["Die Deutsche Bank verkauft 500 Stück.", "Berlin bleibt ruhig.", "Ende."],
                      entities=[("Deutsche Bank", "ORG", "negative"), ("Berlin", "LOC", None)],
                      amounts=[{"surface": "500 Stück", "kind": "count", "value": 500, "unit": "Stück"}],
                      sentence_sentiments=["negative", "neutral", "neutral"], sentiment="negative"),
        make_document("kiwi-103", ["Nvidia groeit 12 procent in Texas.", "Jensen Huang lacht."], language="nl",
                      entities=[("Nvidia", "ORG", "positive"), ("Texas", "LOC", "neutral"),
                                ("Jensen Huang", "PER", "positive")],
                      amounts=[{"surface": "12 procent", "kind": "percent", "value": 12}],
                      sentence_sentiments=["positive", "positive"], sentiment="positive"),
        make_document("kiwi-104", ["Siemens zahlt 3 Millionen Euro.", "Munich Re auch."],
                      entities=[("Siemens", "ORG", "neutral"), ("Munich Re", "ORG", "neutral")],
                      amounts=[{"surface": "3 Millionen Euro", "value": 3e6, **money}],
                      sentence_sentiments=["neutral", "neutral"], sentiment="neutral"),
        make_document("kiwi-105", ["Apple und Samsung streiten.", "Tim Cook spricht in Cupertino über 2 Milliarden Euro."],
                      entities=[("Apple", "ORG", "negative"), ("Samsung", "ORG", "negative"), ("Tim Cook", "PER", None),
                                ("Cupertino", "LOC", "neutral")],
                      amounts=[{"surface": "2 Milliarden Euro", "value": 2e9, **money}],
                      sentence_sentiments=["negative", "mixed"], sentiment="mixed"),
        make_document("kiwi-106", ["SAP meldet nichts."], entities=[("SAP", "ORG", "neutral")],
                      sentence_sentiments=["neutral"], sentiment="neutral"),
    ]


def _span_records(documents: list[dict]) -> list[dict]:
    """Span predictions: overlaps, duplicates, nested and crossing spans, late entity sentiment, a missing document."""
    d = {document["id"]: document for document in documents}
    first = d["kiwi-101"]
    return [
        # No item yet: the layers' modes are unknown when this record's batch is scored.
        {"id": "kiwi-106", "entities": [], "sentences": [{"id": "s1", "sentiment": "neutral"}]},
        # No "entities" key (the layer is predicted elsewhere, so its gold entities are missed).
        {"id": "kiwi-104", "amounts": [{**span(d["kiwi-104"], "3 Millionen"), "kind": "money", "value": 3e6,
                                        "currency": "EUR", "qualifier": "approx"}],
         "sentiment": "positive"},
        # Overlapping predictions: the same span with three labels, a nested span, a crossing span,
        # a duplicate, a span across the sentence boundary; entity sentiment first given here.
        {"id": "kiwi-101", "entities": [
            entity(first, "OpenAI", "ORG", "neutral"), entity(first, "OpenAI", "PER"), entity(first, "OpenAI", "MISC", "positive"),
            entity(first, "Amazon", "ORG", "negative"), entity(first, "Amazon", "ORG", "negative"),
            {"start": span(first, "Amazon.")["start"], "end": span(first, "Seattle")["end"], "label": "LOC"},
            {**span(first, "Amazon", 1), "label": "ORG", "sentiment": "positive"},
            {"start": span(first, "Seattle")["start"], "end": span(first, "Seattle")["end"] - 2, "label": "LOC"},
            {"start": span(first, "in Seattle")["start"], "end": span(first, "Seattle")["end"], "label": "LOC"}],
         "amounts": [{**span(first, "38 Milliarden Dollar"), "kind": "money", "value": 38e9, "currency": "USD"},
                     {**span(first, "38 Milliarden"), "kind": "count", "value": 38e9, "currency": None}],
         "sentences": [{"id": "s2", "sentiment": "positive"}], "sentiment": "positive"},
        # kiwi-103 is missing (scored as empty under --allow-missing).
        {"id": "kiwi-102", "entities": [entity(d["kiwi-102"], "Deutsche Bank", "ORG", "negative"),
                                        entity(d["kiwi-102"], "Bank", "ORG"),
                                        {"start": span(d["kiwi-102"], "Stück.")["end"], "end": span(d["kiwi-102"], "Berlin")["end"],
                                         "label": "LOC"}],
         "amounts": [{**span(d["kiwi-102"], "500 Stück"), "kind": "count", "value": 500, "currency": None, "unit": "stück"},
                     {**span(d["kiwi-102"], "500 Stück"), "kind": "count", "value": 500, "currency": None},
                     {**span(d["kiwi-102"], "500 Stück"), "kind": "count", "value": 500, "currency": None, "unit": "Kisten"},
                     {**span(d["kiwi-102"], "500"), "kind": "count", "value": 5000, "currency": None, "per": "year"}],
         "sentences": [{"id": "s3", "sentiment": "neutral"}, {"id": "s1", "sentiment": "positive"}],
         "sentiment": "negative"},
        {"id": "kiwi-105", "entities": [entity(d["kiwi-105"], "Apple", "ORG", "negative"),
                                        entity(d["kiwi-105"], "Apple und Samsung", "ORG", "negative"),
                                        entity(d["kiwi-105"], "Samsung", "MISC"),
                                        entity(d["kiwi-105"], "Tim", "PER", "neutral"),
                                        entity(d["kiwi-105"], "Cook", "PER", "neutral")],
         "amounts": [{**span(d["kiwi-105"], "2 Milliarden Euro"), "kind": "money", "value": 2.0000001e9, "currency": "EUR"},
                     {**span(d["kiwi-105"], "Milliarden Euro"), "kind": "money", "value": 2e9, "currency": "EUR"}]},
    ]


def _span_free_records(documents: list[dict]) -> list[dict]:
    """Span-free predictions: empty layers first, then amounts only (the entity mode is still unknown
    when that batch is scored), duplicates, late entity sentiment; kiwi-101 is missing."""
    return [
        {"id": "kiwi-106", "entities": [], "amounts": [], "sentiment": "neutral"},
        {"id": "kiwi-102", "amounts": [{"kind": "count", "value": 500, "currency": None, "unit": "Stück"}]},
        {"id": "kiwi-103", "entities": [{"text": "Nvidia", "label": "ORG", "sentiment": "positive"},
                                        {"text": "TEXAS", "label": "LOC", "sentiment": "negative"},
                                        {"text": "Jensen", "label": "PER"}],
         "amounts": [{"kind": "percent", "value": 12.0000001, "currency": None},
                     {"kind": "percent", "value": 12, "currency": None}]},
        {"id": "kiwi-105", "entities": [{"text": "Apple", "label": "ORG", "sentiment": "negative"},
                                        {"text": "Samsung", "label": "ORG", "sentiment": "negative"},
                                        {"text": "Apple", "label": "ORG"}],
         "amounts": [{"kind": "money", "value": 2e9, "currency": "EUR"}, {"kind": "money", "value": 2e9, "currency": "USD"}]},
        {"id": "kiwi-104", "entities": [{"text": "munich  re", "label": "ORG"}, {"text": "Siemens", "label": "ORG"},
                                        {"text": "Siemens", "label": "ORG"}],
         "sentiment": "neutral"},
    ]


@pytest.mark.parametrize("batch_items", (1, 2, 3, 7))
@pytest.mark.parametrize("kind", ("span", "span-free"))
def test_hand_made_file_scores_the_same_in_batches(kind, batch_items):
    documents = _documents()
    records = _span_records(documents) if kind == "span" else _span_free_records(documents)
    gold = load_gold(documents)
    at_once = predictions_from_records(records, gold, allow_missing=True)
    streamed = predictions_from_records(records, gold, allow_missing=True, batch_items=batch_items)
    assert streamed.missing == at_once.missing == (["kiwi-103"] if kind == "span" else ["kiwi-101"])
    assert streamed.predictions.batches > 1
    report = _report(gold, streamed, "test", resamples=300)
    assert report == _report(gold, at_once, "test", resamples=300)
    _same_statistics(_statistics(gold, streamed), _statistics(gold, at_once))
    result = json.loads(report)
    assert result["missing_documents"] and result["entities"]["mode"] == kind and result["amounts"]["mode"] == kind
    assert "|missing:1" in result["signature"]


def test_hand_made_file_is_really_cut_into_batches():
    """Batch sizes cut where the builder says: after the record that fills the batch, then at the end."""
    documents = _documents()
    gold = load_gold(documents)
    sizes = {1: 4, 3: 3, 7: 3, 11: 2, 12: 2, 100: 1}  # items per record: 0, 1, 11, 7, 7 -> batches
    for batch_items, batches in sizes.items():
        builder = StreamingBuilder(gold, batch_items)
        for record in _span_records(documents):
            builder.add(gold.index[record["id"]], json.loads(json.dumps(record)))
        assert builder.finish().batches == batches, batch_items
    with pytest.raises(ValueError):
        StreamingBuilder(gold, 0)


def test_only_late_sentiment_and_not_predicted_layers():
    """A layer never predicted stays "not predicted"; sentiment given only in the last batch counts for all."""
    documents = _documents()
    gold = load_gold(documents)
    records = [{"id": document["id"], "entities": [{"start": e["start"], "end": e["end"], "label": e["label"]}
                                                   for e in document["entities"]]} for document in documents]
    records[-1]["entities"][0]["sentiment"] = "neutral"
    at_once = predictions_from_records(records, gold)
    streamed = predictions_from_records(records, gold, batch_items=1)
    assert streamed.predictions.batches == len(documents)
    report = json.loads(_report(gold, streamed, "test", resamples=100))
    assert _report(gold, streamed, "test", resamples=100) == _report(gold, at_once, "test", resamples=100)
    assert report["amounts"]["status"] == "not predicted" and report["entities"]["sentiment"]["status"] == "scored"
    assert report["entities"]["strict"]["f1"] == 1.0


def test_evaluate_command_reads_in_batches(tmp_path, capsys, monkeypatch):
    """`kiwi-bench evaluate` scores through `StreamingBuilder`; with a batch of one item its JSON is unchanged."""
    root = tmp_path / "dataset"
    (root / "source").mkdir(parents=True)
    documents = _documents()
    for document in documents:
        (root / "source" / f"{document['id']}.json").write_text(dump_document(document), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _span_records(documents)), encoding="utf-8")
    argv = ["evaluate", str(pred), "--split", "test", "--dataset", str(root), "--json", "--resamples", "200",
            "--allow-missing"]
    assert main(argv) == 0
    default = capsys.readouterr().out
    import kiwi_bench.scoring as scoring

    monkeypatch.setattr(scoring, "BATCH_ITEMS", 1)
    batches = []
    original = scoring.StatisticsAccumulator.add
    monkeypatch.setattr(scoring.StatisticsAccumulator, "add", lambda self, *a, **k: (batches.append(1), original(self, *a, **k)))
    assert main(argv) == 0
    assert capsys.readouterr().out == default and len(batches) == 4
    gold = load_gold(documents)
    assert default == _report(gold, predictions_from_records(_span_records(documents), gold, allow_missing=True),
                              "test", resamples=200)


@pytest.mark.parametrize("kind", ("span", "span-free"))
def test_no_entity_sentiment_means_no_sentiment_statistics(kind):
    """Sentiment columns, computed for every batch in case a later record gives sentiment, are dropped otherwise."""
    documents = _documents()
    gold = load_gold(documents)
    if kind == "span":
        records = [{"id": d["id"], "entities": [{"start": e["start"], "end": e["end"], "label": e["label"]}
                                                for e in d["entities"]]} for d in documents]
    else:
        records = [{"id": d["id"], "entities": [{"text": e["text"], "label": e["label"]} for e in d["entities"]]}
                   for d in documents]
    for batch_items in (None, 1):
        evaluation = evaluate(gold, predictions_from_records(records, gold, batch_items=batch_items).predictions,
                              split="test", resamples=0)
        columns = {*evaluation.statistics.sentence, *evaluation.statistics.document}
        assert not columns & {"esent_correct", "esent_scored", "e2e_tp", "e2e_possible", "e2e_actual",
                              "efree_e2e_tp", "efree_e2e_actual", "efree_e2e_possible"}
        assert "entity_sentiment" not in evaluation.statistics.details
        assert {family.name for family in evaluation.families} == {"entities" if kind == "span" else "entities_span_free"}
        assert not any("sentiment" in path for path in compare(evaluation, evaluation, resamples=0)["metrics"])
