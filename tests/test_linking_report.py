"""`entities.linking` and the per-language/per-document breakdowns in the scorer's report.

Independent references: scorch on the clusters read back from the prediction file; hand-counted
pairwise links; properties (gold ids score 1.0; renaming ids changes nothing; a language subset
scores as the split restricted to that language's documents).
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from scorch import scores as scorch  # test dependency (PyPI: scorch)

from kiwi_bench.api.evaluate import evaluate
from kiwi_bench.api.predictions import predictions_from_records, read_predictions
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.scoring import evaluate as score
from kiwi_bench.scoring import load_gold
from kiwi_bench.scoring.clusters import NO_INTERVAL, SPAN_FREE
from kiwi_test_paths import DATASET
from test_scoring_support import make_document

TEST = load_documents(DATASET, "test")


def _records(documents, entity_id=lambda e: e["entity_id"], keep=lambda e: True):
    return [{"id": d["id"], "entities": [{"start": e["start"], "end": e["end"], "label": e["label"],
                                          "entity_id": entity_id(e)} for e in d["entities"] if keep(e)]}
            for d in documents]


def _score(records, documents=None):
    """The report of `records` on the packaged test split, or on the gold `documents` given."""
    if documents is None:
        return evaluate(records, split="test", resamples=0).report
    gold = load_gold(documents)
    read = predictions_from_records(records, gold, "test", allow_missing=True)
    return score(gold, read.predictions, split="test", resamples=0).report


def test_gold_ids_score_one_everywhere_and_renaming_ids_changes_nothing():
    oracle = _score(_records(TEST))["entities"]["linking"]
    for setting in ("end_to_end", "matched"):
        for metric in ("muc", "b3", "ceafe", "lea"):
            assert oracle[setting][metric] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
        assert oracle[setting]["conll_f1"] == 1.0
    assert oracle["ci95"] is None and oracle["ci95_reason"] == NO_INTERVAL
    renamed = _score(_records(TEST, entity_id=lambda e: f"cluster #{sorted({e['entity_id']})[0][::-1]}"))
    assert renamed["entities"]["linking"] == oracle


def test_linking_equals_scorch_on_a_lossy_response():
    """Drop every third mention, give the rest ids by first letter: scorch scores the same clusters."""
    keep = [e for d in TEST for k, e in enumerate(d["entities"]) if k % 3]
    kept = {id(e) for e in keep}
    records = _records(TEST, entity_id=lambda e: e["text"][0].lower(), keep=lambda e: id(e) in kept)
    linking = _score(records)["entities"]["linking"]["end_to_end"]
    key, response = defaultdict(set), defaultdict(set)
    for d in TEST:
        for e in d["entities"]:
            key[e["entity_id"]].add((d["id"], e["start"], e["end"]))
    for record in records:
        for e in record["entities"]:
            response[e["entity_id"]].add((record["id"], e["start"], e["end"]))
    k, r = list(key.values()), list(response.values())
    for name, function in (("muc", scorch.muc), ("b3", scorch.b_cubed), ("ceafe", scorch.ceaf_e)):
        recall, precision, f1 = function(k, r)
        assert linking[name] == pytest.approx({"precision": precision, "recall": recall, "f1": f1}, abs=1e-9), name
    assert linking["conll_f1"] == pytest.approx(scorch.conll2012(k, r), abs=1e-9)


def _pair_documents():
    a = make_document("kiwi-001", ["OpenAI und OpenAI.", "Nvidia."], entities=[
        ("OpenAI", "ORG", "neutral", 0), ("OpenAI", "ORG", "neutral", 1), ("Nvidia", "ORG", "neutral")])
    b = make_document("kiwi-003", ["OpenAI groeit."], entities=[("OpenAI", "ORG", "neutral")], language="nl")
    return [a, b]


def test_pairwise_links_counted_by_hand():
    """Gold: OpenAI x2 in kiwi-001 and x1 in kiwi-003 (one cluster), Nvidia alone.

    Gold links: 1 within (the two OpenAI of kiwi-001), 2 cross. The response links the two
    kiwi-001 OpenAI (right), calls kiwi-003's OpenAI "o2" (cross links lost) and joins Nvidia to
    the kiwi-001 OpenAI (two wrong within links): within P = 1/3, R = 1/1; cross: no predicted
    pair, P = R = 0."""
    docs = _pair_documents()
    ids = {("kiwi-001", 0): "o", ("kiwi-001", 1): "o", ("kiwi-001", 2): "o", ("kiwi-003", 0): "o2"}
    records = [{"id": d["id"], "entities": [{"start": e["start"], "end": e["end"], "label": "ORG",
                                             "entity_id": ids[(d["id"], k)]} for k, e in enumerate(d["entities"])]}
               for d in docs]
    pairwise = _score(records, docs)["entities"]["linking"]["pairwise"]
    assert pairwise["within_document"] == pytest.approx({"precision": 1 / 3, "recall": 1.0, "f1": 0.5})
    assert pairwise["cross_document"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_no_ids_is_null_and_span_free_ids_are_not_available():
    docs = _pair_documents()
    plain = [{"id": d["id"], "entities": [{"start": e["start"], "end": e["end"], "label": "ORG"}
                                          for e in d["entities"]]} for d in docs]
    assert _score(plain, docs)["entities"]["linking"] is None
    free = [{"id": d["id"], "entities": [{"text": e["text"], "label": "ORG", "entity_id": e["entity_id"]}
                                         for e in d["entities"]]} for d in docs]
    assert _score(free, docs)["entities"]["linking"] == {"status": SPAN_FREE}


def test_a_repeated_span_keeps_its_first_id():
    docs = _pair_documents()
    records = _records(docs)
    first = records[0]["entities"][0]
    records[0]["entities"].append({**first, "entity_id": "something else"})
    assert _score(records, docs)["entities"]["linking"]["end_to_end"]["conll_f1"] == 1.0


def test_streaming_batches_give_the_same_linking(tmp_path):
    path = tmp_path / "p.jsonl"
    records = _records(TEST, entity_id=lambda e: e["text"][:2])
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    whole = _score(records)["entities"]["linking"]
    gold = load_gold(TEST)
    batched = read_predictions(path, gold, "test", batch_items=5).predictions
    assert score(gold, batched, split="test", resamples=0).report["entities"]["linking"] == whole


def test_a_language_subset_scores_as_the_split_restricted_to_it():
    records = _records(TEST, entity_id=lambda e: e["text"][:3], keep=lambda e: e["start"] % 2 == 0)
    report = _score(records)
    for language in ("de", "nl"):
        documents = [d for d in TEST if d["language"] == language]
        alone = _score([r for r in records if r["id"] in {d["id"] for d in documents}], documents)
        entry = report["by_language"][language]
        assert entry["documents_scored"] == len(documents)
        assert entry["entities"]["strict"]["f1"] == pytest.approx(alone["entities"]["strict"]["f1"])
        assert entry["entities"]["linking"]["end_to_end"]["conll_f1"] == pytest.approx(
            alone["entities"]["linking"]["end_to_end"]["conll_f1"])
    assert report["by_language"]["nl"]["caution"] and report["by_language"]["de"]["caution"] is None
    assert set(report["by_document"]) == {d["id"] for d in TEST}


def test_text_report_shows_linking_breakdowns_and_the_dutch_caution():
    from kiwi_bench.reporting.text import render_text

    text = render_text(_score(_records(TEST)))
    assert ("entity linking: scored; 102 gold and 102 predicted mentions, 102 exact-span twins; no intervals"
            in text)  # 39 + 31 + 32 gold entities in kiwi-001, kiwi-003, kiwi-004
    assert "Entity linking (%; clusters across documents)" in text
    assert "by_language.nl: one document" in text
    assert "| metric " in text and "kiwi-003" in text
    assert "Entity linking" not in render_text(_score([{"id": d["id"], "entities": []} for d in TEST]))
