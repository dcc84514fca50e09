"""Contrast metrics (kiwi_bench.scoring.contrast) on hand-built counts, and `--split contrast` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kiwi_bench.scoring.contrast import by_edit_type, consistency, contrast_block, document_columns, edit_layer, item_counts

CONTRAST_ITEMS = sum(1 for path in (Path(__file__).resolve().parents[1] / "dataset" / "annotation" / "contrast" / "intended").glob("items-*.jsonl")
                     for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
"""The number of contrast items, counted from the authors' pass (every item has its intended gold there)."""

# Two bundles. b1: original + two amount edits + one sentiment edit; b2: original + one entity edit.
EDIT_TYPES = ["original", "amount_scale", "amount_range", "sentiment_negation", "original", "entity_rename"]
BUNDLES = ["b1", "b1", "b1", "b1", "b2", "b2"]
COLUMNS = {
    # entities, strict credit / predicted / gold per item: item 5 (the entity edit) misses its one entity
    "ent_strict": np.array([1, 1, 1, 1, 2, 0]), "ent_actual": np.array([1, 1, 1, 1, 2, 0]),
    "ent_possible": np.array([1, 1, 1, 1, 2, 1]),
    # amounts, end to end: item 2 (the range, two gold amounts) gets one right and one spurious prediction
    "amt_e2e": np.array([1, 1, 1, 0, 0, 0]), "amt_actual": np.array([1, 1, 3, 0, 0, 0]),
    "amt_possible": np.array([1, 1, 2, 0, 0, 0]),
    # sentence sentiment: only the negation edit is wrong
    "ssent_correct": np.array([1, 1, 1, 0, 1, 1]), "ssent_scored": np.array([1, 1, 1, 1, 1, 1]),
}


def test_edit_types_name_their_layer():
    assert [edit_layer(t) for t in EDIT_TYPES] == [None, "amounts", "amounts", "sentences", None, "entities"]


def test_figures_per_edit_type_by_hand():
    block = by_edit_type(EDIT_TYPES, item_counts(COLUMNS))
    assert list(block) == ["original", "amount_range", "amount_scale", "entity_rename", "sentiment_negation"]
    assert block["original"] == {"items": 2, "entities.strict.f1": 1.0, "amounts.end_to_end.f1": 1.0,
                                 "sentences.sentiment.accuracy": 1.0}
    # amount_range: credit 1, predicted 3, gold 2 -> P 1/3, R 1/2, F1 = 2PR/(P+R) = 0.4
    assert block["amount_range"]["amounts.end_to_end.f1"] == pytest.approx(0.4)
    # entity_rename: nothing predicted, one gold -> F1 0; no amount anywhere -> undefined
    assert block["entity_rename"]["entities.strict.f1"] == 0.0
    assert block["entity_rename"]["amounts.end_to_end.f1"] is None
    assert block["sentiment_negation"]["sentences.sentiment.accuracy"] == 0.0


def test_consistency_by_hand():
    result = consistency(EDIT_TYPES, BUNDLES, item_counts(COLUMNS))
    # amounts: only b1 has amount edits; its range edit is not fully right -> 0 of 1
    assert result["amounts"] == {"bundles": 1, "consistent": 0, "consistency": 0.0}
    # entities: only b2 has an entity edit, and it misses its entity -> 0 of 1
    assert result["entities"] == {"bundles": 1, "consistent": 0, "consistency": 0.0}
    # sentences: b1's negation edit is wrong -> 0 of 1
    assert result["sentences"] == {"bundles": 1, "consistent": 0, "consistency": 0.0}
    assert result["all"] == {"bundles": 2, "consistent": 0, "consistency": 0.0}


def test_a_right_bundle_is_consistent_even_if_another_layer_is_wrong():
    columns = {**COLUMNS, "amt_actual": np.array([1, 1, 2, 0, 0, 0]), "amt_e2e": np.array([1, 1, 2, 0, 0, 0])}
    result = consistency(EDIT_TYPES, BUNDLES, item_counts(columns))
    assert result["amounts"]["consistency"] == 1.0
    assert result["all"]["consistent"] == 0  # b1's sentiment edit and b2's entity edit are still wrong


def test_an_original_that_is_wrong_breaks_its_bundle():
    columns = {**COLUMNS, "ssent_correct": np.array([0, 1, 1, 1, 1, 1])}
    assert consistency(EDIT_TYPES, BUNDLES, item_counts(columns))["sentences"]["consistent"] == 0
    columns = {**COLUMNS, "ssent_correct": np.array([1, 1, 1, 1, 1, 1])}
    assert consistency(EDIT_TYPES, BUNDLES, item_counts(columns))["sentences"]["consistent"] == 1


def test_an_unpredicted_layer_has_no_figures():
    columns = {k: v for k, v in COLUMNS.items() if not k.startswith("amt_")}
    block = contrast_block(EDIT_TYPES, BUNDLES, columns)
    assert block["consistency"]["amounts"] is None and block["consistency"]["all"] is None
    assert "amounts.end_to_end.f1" not in block["by_edit_type"]["original"]
    assert (block["items"], block["bundles"], block["edits"]) == (6, 2, 4)


def test_span_free_counts_stand_in_for_span_counts():
    columns = {"efree_tp": np.array([1, 0]), "efree_actual": np.array([1, 0]), "efree_possible": np.array([1, 1])}
    block = contrast_block(["original", "entity_rename"], ["b", "b"], columns)
    assert block["by_edit_type"]["entity_rename"] == {"items": 1, "entities.span_free.f1": 0.0}
    assert block["consistency"]["entities"] == {"bundles": 1, "consistent": 0, "consistency": 0.0}


def test_document_columns_sum_the_sentences_of_each_document():
    summed = document_columns({"x": np.array([1, 2, 3, 4])}, {"y": np.array([5, 6])}, np.array([0, 3]))
    assert summed["x"].tolist() == [6, 4] and summed["y"].tolist() == [5, 6]


# ---- end to end -------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _gold_as_predictions(path: Path, spoil: str | None = None) -> None:
    from kiwi_bench.corpus.contrast import load_contrast

    with path.open("w", encoding="utf-8") as stream:
        for item in load_contrast(ROOT / "dataset"):
            sentiment = item["sentences"][0]["sentiment"]
            if item["id"] == spoil:
                sentiment = "negative" if sentiment != "negative" else "positive"
            record = {"id": item["id"], "sentiment": item["sentiment"], "sentences": [{"id": "s1", "sentiment": sentiment}],
                      "entities": [{k: e[k] for k in ("start", "end", "label", "sentiment")} for e in item["entities"]],
                      "amounts": [{k: a[k] for k in ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")}
                                  for a in item["amounts"]]}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_evaluate_split_contrast_scores_every_item_and_reports_the_contrast_key(tmp_path, capsys):
    from kiwi_bench.cli import main

    path = tmp_path / "pred.jsonl"
    _gold_as_predictions(path, spoil="kiwi-001-s20-c2")  # a sentiment_negation edit
    assert main(["evaluate", str(path), "--split", "contrast", "--json", "--resamples", "0"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["split"] == "contrast" and report["documents_scored"] == report["contrast"]["items"] == CONTRAST_ITEMS
    assert report["entities"]["strict"]["f1"] == 1.0 and report["amounts"]["end_to_end"]["f1"] == 1.0
    sentences = report["contrast"]["consistency"]["sentences"]
    assert sentences["consistent"] == sentences["bundles"] - 1  # exactly the spoiled bundle is inconsistent
    negation = report["contrast"]["by_edit_type"]["sentiment_negation"]
    assert negation["sentences.sentiment.accuracy"] == pytest.approx(1 - 1 / negation["items"])
    assert main(["evaluate", str(path), "--split", "contrast", "--resamples", "0"]) == 0
    assert "Contrast consistency" in capsys.readouterr().out


def test_an_article_prediction_file_is_refused_on_the_contrast_split(capsys):
    from kiwi_bench.cli import main

    assert main(["evaluate", str(ROOT / "tests" / "data" / "show-example-predictions.jsonl"), "--split", "contrast"]) == 2
    err = capsys.readouterr().err
    assert "kiwi-001" in err and "Traceback" not in err and len(err.splitlines()) <= 3


def test_a_contrast_file_on_the_test_split_says_where_its_ids_belong(capsys):
    from kiwi_bench.cli import main

    assert main(["evaluate", str(ROOT / "baselines" / "rules" / "predictions" / "contrast.jsonl"), "--split", "test"]) == 2
    assert "'kiwi-001-s1-c0' is not a document of split test (it belongs to split contrast)" in capsys.readouterr().err


def test_the_python_api_scores_the_contrast_split():
    import kiwi_bench

    result = kiwi_bench.evaluate(ROOT / "baselines" / "floor" / "predictions" / "contrast.jsonl", split="contrast", resamples=0)
    assert result["contrast.items"] == CONTRAST_ITEMS and result["contrast.consistency.entities.consistent"] == 0
    assert len(kiwi_bench.load_gold("contrast")) == CONTRAST_ITEMS


def test_predict_export_and_show_accept_the_contrast_split(tmp_path, capsys):
    from kiwi_bench.cli import main

    predictions = tmp_path / "floor.jsonl"
    assert main(["predict", "floor", "--split", "contrast", "-o", str(predictions), "--no-progress"]) == 0
    assert len(predictions.read_text(encoding="utf-8").splitlines()) == CONTRAST_ITEMS
    conll = tmp_path / "contrast.conll"
    assert main(["export", "conll", "--split", "contrast", "-o", str(conll)]) == 0
    assert conll.read_text(encoding="utf-8").count("-DOCSTART-") == CONTRAST_ITEMS
    page = tmp_path / "item.html"
    assert main(["show", "kiwi-001-s4-c2", "--predictions", str(predictions), "-o", str(page)]) == 0
    assert "38 Mrd. US-Dollar" in page.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["show", "kiwi-001", "--split", "contrast"]) == 2
    assert "unknown document 'kiwi-001'" in capsys.readouterr().err
