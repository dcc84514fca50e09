"""The baselines: floor's majority labels, the gazetteer's span rules, the lexicons, the rules and
CRF baselines on a toy corpus, determinism, schema-valid output, and their config files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

from kiwi_bench.baselines import crf, floor, rules
from kiwi_bench.baselines.config import resolve_params
from kiwi_bench.baselines.features import sentence_features, shape
from kiwi_bench.baselines.gazetteer import Gazetteer, token_tags
from kiwi_bench.baselines.lexicon import Evidence, evidence, load_lexicon, polarity, sentence_label
from kiwi_bench.baselines.sentiment import document_sentiment, entity_sentiment
from kiwi_bench.baselines.spans import iob2_spans
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.schemas import validator
from kiwi_bench.systems.extractors import check_records, dump_jsonl, load_extractor, run_extractor
from kiwi_bench.systems.protocols import run_protocol
from test_extractors import toy_corpus, toy_document, write_toy_dataset

ROOT = Path(__file__).resolve().parents[1]
FAST_CRF = {"params": {"entities": {"max_iterations": 30}, "amounts": {"max_iterations": 30}}}


def _doc(doc_id: str, sentence_labels: list[str], label: str) -> dict:
    return toy_document(doc_id, "train", "de", [(f"Satz {i}.", s, [], []) for i, s in enumerate(sentence_labels)], label)


# ---------------------------------------------------------------------------------------------
# floor


def test_floor_predicts_the_majority_training_labels():
    # sentences: 2 neutral, 2 negative, 1 positive -> tie neutral/negative -> negative (schema order
    # positive, negative, neutral, mixed); documents: mixed, neutral, mixed -> mixed.
    train = [_doc("kiwi-000", ["neutral", "negative"], "mixed"), _doc("kiwi-001", ["negative", "positive"], "neutral"),
             _doc("kiwi-002", ["neutral"], "mixed")]
    baseline = floor.FloorBaseline()
    baseline.fit(train)
    sentences = [{"id": "s1", "start": 0, "end": 2, "text": "A."}, {"id": "s2", "start": 3, "end": 5, "text": "B."}]
    [record] = baseline.predict([{"id": "kiwi-003", "language": "de", "text": "A. B.", "sentences": sentences}])
    assert record == {"id": "kiwi-003", "entities": [], "amounts": [], "sentiment": "mixed",
                      "sentences": [{"id": "s1", "sentiment": "negative"}, {"id": "s2", "sentiment": "negative"}]}


def test_baselines_refuse_unfinished_training_layers():
    document = toy_corpus()[0]
    document["status"]["entities"] = "unfinished"
    with pytest.raises(KiwiError, match="status.entities"):
        rules.RulesBaseline().fit([document])
    floor.FloorBaseline().fit([document])  # the floor does not learn from entities


# ---------------------------------------------------------------------------------------------
# gazetteer

GAZETTEER_SENTENCE = ("Laut Googles Bericht nutzt OpenAI’s Team die Google-Suche, Microsoft Azure und "
                      "Microsoft-Produkte, nicht die Googlesuche oder OpenAIX; siehe https://example.com/OpenAI.")


def test_gazetteer_matches_follow_the_span_rules():
    gazetteer = Gazetteer({"Google": "ORG", "OpenAI": "ORG", "Microsoft": "ORG", "Microsoft Azure": "PRODUCT"})
    found = [(GAZETTEER_SENTENCE[m.start:m.end], m.label) for m in gazetteer.find(GAZETTEER_SENTENCE)]
    assert found == [
        ("Googles", "ORG"),                # fused genitive: whole word
        ("OpenAI", "ORG"),                 # apostrophe genitive: outside
        ("Google", "ORG"),                 # name part of a hyphen compound
        ("Microsoft Azure", "PRODUCT"),    # longest match first
        ("Microsoft", "ORG"),              # hyphen compound again
    ]                                      # not: "Googlesuche", "OpenAIX", the URL


def test_gazetteer_from_training_gold_and_offsets():
    gazetteer = Gazetteer.from_documents(toy_corpus()[:1])
    assert gazetteer.entries == {"ChatGPT": "PRODUCT", "Google": "ORG", "Microsoft": "ORG", "OpenAI": "ORG",
                                 "Sam Altman": "PER", "Texas": "LOC"}
    [match] = gazetteer.find("Sam Altman.", offset=100)
    assert (match.start, match.end, match.label) == (100, 110, "PER")
    assert token_tags([match], [100, 104, 110], [103, 110, 111]) == ["B-PER", "I-PER", "O"]


def test_gazetteer_min_ratio_drops_names_that_are_mostly_ordinary_words():
    document = toy_document("kiwi-000", "train", "de", [
        ("Apple kauft.", "neutral", [("Apple", "ORG", "neutral")], []),
        ("Apple und Apple und Apple.", "neutral", [], []),
    ], "neutral")
    assert Gazetteer.from_documents([document], 0.0).entries == {"Apple": "ORG"}
    assert Gazetteer.from_documents([document], 0.5).entries == {}


# ---------------------------------------------------------------------------------------------
# lexicons and sentiment rules


def test_lexicons_hold_the_entries_read_by_hand_in_the_xml():
    german, dutch = load_lexicon("de"), load_lexicon("nl")
    assert (german["gut"], german["schlecht"], german["Erfolg"], german["Verlust"]) == (1.0, -1.0, 1.0, -1.0)
    assert dutch["slecht"] == -0.7 and dutch["riskant"] == -0.4
    assert dutch["goed"] == pytest.approx(0.55)  # two senses, 0.6 and 0.5
    assert polarity("schlechte", german) == -1.0 and polarity("Erfolgs", german) == 1.0
    assert polarity("Tisch123", german) is None


def test_lexicon_evidence_negation_and_labels():
    assert evidence(["Ein", "Erfolg", "und", "ein", "Verlust"], "de", 0) == Evidence(1.0, 1.0)
    assert evidence(["kein", "Erfolg"], "de", 3) == Evidence(0.0, 1.0)
    assert evidence(["kein", "Erfolg"], "de", 0) == Evidence(1.0, 0.0)
    assert sentence_label(Evidence(1.0, 1.0), 0.5, 0.5, 1.0) == "mixed"
    assert sentence_label(Evidence(1.0, 0.2), 0.5, 0.5, 1.0) == "positive"
    assert sentence_label(Evidence(0.0, 0.3), 0.5, 0.25, 1.0) == "negative"
    assert sentence_label(Evidence(0.0, 0.0), 0.5, 0.25, 1.0) == "neutral"


def test_document_and_entity_sentiment_rules():
    assert document_sentiment([], 0.25) == "neutral"
    assert document_sentiment(["positive"] * 4 + ["negative"], 0.25) == "mixed"
    assert document_sentiment(["positive"] * 5 + ["negative"], 0.25) == "positive"
    assert document_sentiment(["negative", "neutral"], 0.25) == "negative"
    assert document_sentiment(["mixed"], 0.25) == "mixed"
    assert entity_sentiment("mixed") == "neutral" and entity_sentiment("negative") == "negative"


# ---------------------------------------------------------------------------------------------
# CRF pieces


def test_iob2_spans_read_like_conlleval():
    tags = ["B-ORG", "I-ORG", "O", "I-PER", "B-LOC", "I-ORG", "I-ORG"]
    assert iob2_spans(tags) == [(0, 1, "ORG"), (3, 3, "PER"), (4, 4, "LOC"), (5, 6, "ORG")]


def test_token_features():
    assert (shape("OpenAI"), shape("GB200"), shape("4,3")) == ("XxX", "Xd", "d,d")
    first, second = sentence_features(["Die", "Google"], ["O", "B-ORG"])
    assert first["first"] == 1.0 and first["-1:edge"] == "BOS" and first["+1:lower"] == "google"
    assert second["gaz"] == "B-ORG" and second["-1:gaz"] == "O" and second["suffix3"] == "gle" and second["index"] == "1"


# ---------------------------------------------------------------------------------------------
# Whole baselines on the toy corpus


def test_rules_baseline_on_a_test_document():
    documents = toy_corpus()
    [record] = run_extractor(rules.RulesBaseline(), documents[:1], [documents[1]], "rules")
    text = documents[1]["text"]
    assert [(text[e["start"]:e["end"]], e["label"]) for e in record["entities"]] == [("OpenAIs", "ORG"), ("Google", "ORG")]
    [amount] = record["amounts"]
    assert text[amount["start"]:amount["end"]] == "5 Milliarden Dollar"
    assert amount == {**amount, "kind": "money", "value": 5000000000, "currency": "USD", "qualifier": "exact"}
    assert set(amount) <= {"start", "end", "kind", "value", "currency", "unit", "qualifier", "per"}
    assert {e["sentiment"] for e in record["entities"]} <= {"positive", "negative", "neutral"}


def test_crf_baseline_learns_names_and_amounts():
    documents = toy_corpus()
    records = run_extractor(crf.CrfBaseline(FAST_CRF), documents[:1], documents[1:], "crf")
    by_id = {r["id"]: r for r in records}
    text = documents[1]["text"]
    assert ("Google", "ORG") in [(text[e["start"]:e["end"]], e["label"]) for e in by_id["kiwi-001"]["entities"]]
    for record in records:
        for amount in record["amounts"]:
            assert amount["kind"] in ("money", "count", "percent") and amount["value"] > 0


@pytest.mark.parametrize("name", ["floor", "rules", "crf"])
def test_predictions_are_schema_valid_and_byte_identical_twice(name):
    documents = toy_corpus()
    config = FAST_CRF if name == "crf" else None
    outputs = [dump_jsonl(run_protocol(lambda: load_extractor(name, config), "standard", documents, name)) for _ in range(2)]
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0].splitlines()]
    assert check_records(records, [d for d in documents if d["split"] == "test"], name) == []
    for record in records:
        validator("predictions").validate(record)
        assert set(record) == {"id", "entities", "amounts", "sentences", "sentiment"}


# ---------------------------------------------------------------------------------------------
# Config files


@pytest.mark.parametrize("module", [floor, rules, crf])
def test_config_files_equal_the_code_defaults_and_record_the_choice(module):
    name = module.__name__.rsplit(".", 1)[1]
    config = tomllib.loads((ROOT / "baselines" / name / "config.toml").read_text(encoding="utf-8"))
    assert config["baseline"] == name
    assert config.get("params", {}) == module.DEFAULTS
    for part, selection in config.get("selection", {}).items():
        if isinstance(selection, dict) and "grid" in selection:
            assert set(selection["chosen"]) == set(selection["grid"])
            assert selection["chosen"] == {key: config["params"][part][key] for key in selection["chosen"]}
            assert all(selection["chosen"][key] in values for key, values in selection["grid"].items())
            assert selection["why"]


def test_unknown_or_mistyped_parameters_are_errors():
    with pytest.raises(KiwiError, match="unknown parameter"):
        resolve_params({"params": {"sentences": {"threshold": 1}}}, rules.DEFAULTS, "rules")
    with pytest.raises(KiwiError, match="must be float"):
        resolve_params({"params": {"sentences": {"positive_threshold": "high"}}}, rules.DEFAULTS, "rules")
    merged = resolve_params({"params": {"sentences": {"positive_threshold": 1}}}, rules.DEFAULTS, "rules")
    assert merged["sentences"]["positive_threshold"] == 1 and merged["document"] == rules.DEFAULTS["document"]


def test_run_baselines_command_writes_both_protocols(tmp_path):
    dataset = write_toy_dataset(tmp_path)
    baselines = tmp_path / "baselines"
    for name in ("floor", "rules"):
        (baselines / name).mkdir(parents=True)
        (baselines / name / "config.toml").write_bytes((ROOT / "baselines" / name / "config.toml").read_bytes())
    result = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "run-baselines", "floor", "rules", "--no-progress",
                             "--dataset", str(dataset), "--baselines-dir", str(baselines)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ("floor", "rules"):
        standard = (baselines / name / "predictions" / "standard.jsonl").read_text(encoding="utf-8").splitlines()
        lodo = (baselines / name / "predictions" / "lodo.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(standard) == 3 and len(lodo) == 5
        assert not (baselines / name / "predictions" / "contrast.jsonl").exists()  # the toy dataset has no contrast set
    unknown = subprocess.run([sys.executable, "-m", "kiwi_bench.cli", "run-baselines", "nope", "--dataset", str(dataset),
                              "--baselines-dir", str(baselines)], capture_output=True, text=True)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
