"""Hand-worked cases for every amount and sentiment metric, the bootstrap, span-free mode and the output."""

from __future__ import annotations

import hashlib
import json
import random

import numpy as np
import pytest

from kiwi_bench.scoring import align as align_module
from kiwi_bench.scoring.align import align
from kiwi_bench.scoring.result import REQUIRED_KEYS
from kiwi_bench.scoring.signature import data_hash
from kiwi_bench.scoring.spans import SpanColumns
from test_scoring_support import entity, make_document, score, span

SENTENCES = ["OpenAI zahlt 38 Milliarden Dollar an Amazon.", "Rund 500 Mitarbeiter verlassen Meta in Texas.",
             "Nvidia wächst um 20 Prozent pro Jahr."]


def gold_document(**overrides):
    options = {"sentence_sentiments": ["positive", "negative", "positive"], "sentiment": "mixed", **overrides}
    return make_document(
        "kiwi-001", SENTENCES,
        entities=[("OpenAI", "ORG", "neutral"), ("Amazon", "ORG", "positive"), ("Meta", "ORG", "negative"),
                  ("Texas", "LOC", "neutral"), ("Nvidia", "ORG", "positive")],
        amounts=[{"surface": "38 Milliarden Dollar", "kind": "money", "value": 38e9, "currency": "USD"},
                 {"surface": "500", "kind": "count", "value": 500, "unit": "employees", "qualifier": "approx"},
                 {"surface": "20 Prozent", "kind": "percent", "value": 20, "per": "year"}], **options)


def get(result, path):
    for key in path.split("."):
        result = result[key]
    return result


def test_entity_sentiment_accuracy_macro_f1_and_end_to_end():
    d = gold_document()
    record = {"id": "kiwi-001", "entities": [
        entity(d, "OpenAI", "ORG", "neutral"),     # strict, sentiment right
        entity(d, "Amazon", "ORG", "negative"),    # strict, sentiment wrong (gold positive)
        entity(d, "Meta", "ORG"),                  # strict, no sentiment given: not scored for sentiment
        entity(d, "Texas", "ORG", "neutral"),      # wrong label: not a strict match
        entity(d, "Nvidia", "ORG", "positive"),    # strict, right
    ]}
    result = score([d], [record])["entities"]
    # Accuracy over strict matches with a predicted sentiment: OpenAI, Amazon, Nvidia -> 2 right of 3.
    assert result["sentiment"]["accuracy"] == pytest.approx(2 / 3)
    # Per label on those 3 pairs: neutral P=R=1 (F1 1); positive: tp 1 (Nvidia), fn 1 (Amazon) -> P 1, R 1/2, F1 2/3;
    # negative: fp 1 (Amazon predicted negative) -> F1 0. Macro over the 3 labels: (1 + 2/3 + 0) / 3 = 5/9.
    assert result["sentiment"]["macro_f1"] == pytest.approx(5 / 9)
    # End to end: tp = OpenAI, Nvidia = 2; 5 predictions, 5 gold -> P = R = F1 = 2/5.
    assert result["sentiment"]["end_to_end"]["f1"] == pytest.approx(0.4)
    assert result["strict"]["f1"] == pytest.approx(0.8)  # 4 strict of 5 predicted, 5 gold


def test_amount_span_value_end_to_end_and_attributes():
    d = gold_document()
    money = span(d, "38 Milliarden Dollar")
    record = {"id": "kiwi-001", "amounts": [
        # exact span, value within 1e-6 relative (38e9 * (1 + 5e-7)), right currency, qualifier given and right
        {**money, "kind": "money", "value": 38e9 * (1 + 5e-7), "currency": "USD", "qualifier": "exact"},
        # exact span, right value, qualifier wrong (gold approx), unit given right (case-insensitive)
        {**span(d, "500"), "kind": "count", "value": 500, "currency": None, "qualifier": "exact", "unit": "Employees"},
        # overlapping span "20" of gold "20 Prozent": a partial match; value 20 would be right but the span is not strict
        {**span(d, "20"), "kind": "percent", "value": 20, "currency": None, "per": "year"},
        # spurious
        {**span(d, "Jahr"), "kind": "count", "value": 1, "currency": None},
    ]}
    amounts = score([d], [record])["amounts"]
    # Span strict: 2 exact of 4 predicted, 3 gold -> P 1/2, R 2/3, F1 = 2*(1/2)(2/3)/(1/2+2/3) = 4/7.
    assert amounts["span"]["strict"]["f1"] == pytest.approx(4 / 7)
    # Partial: credit 2 + 0.5 = 2.5 -> P 2.5/4, R 2.5/3, F1 = 2*0.625*0.8333/(1.4583) = 5/7.
    assert amounts["span"]["partial"]["f1"] == pytest.approx(5 / 7)
    # Value accuracy over the 2 strict spans: both right -> 1.0.
    assert amounts["value"]["accuracy"] == 1.0 and amounts["value"]["scored"] == 2
    # End to end: both strict spans have right kind, value and currency -> tp 2, P 2/4, R 2/3 -> F1 4/7.
    assert amounts["end_to_end"]["f1"] == pytest.approx(4 / 7)
    # Qualifier given on 2 strict matches, right on 1 -> 1/2; unit given on 1, right -> 1/1; per: the only
    # prediction giving it is not a strict match -> not scored (None).
    assert amounts["qualifier"]["accuracy"] == 0.5 and amounts["unit"]["accuracy"] == 1.0
    assert amounts["per"]["accuracy"] is None and amounts["kind"]["accuracy"] == 1.0


def test_value_tolerance_and_currency():
    d = gold_document()
    money = span(d, "38 Milliarden Dollar")
    for value, currency, right in ((38e9 * (1 + 2e-6), "USD", False), (38e9, "EUR", False), (38e9, "USD", True)):
        record = {"id": "kiwi-001", "amounts": [{**money, "kind": "money", "value": value, "currency": currency}]}
        amounts = score([d], [record])["amounts"]
        # one strict span match: value accuracy is 1 or 0; end-to-end tp 1 or 0 of 1 predicted and 3 gold.
        assert amounts["value"]["accuracy"] == (1.0 if right else 0.0)
        assert amounts["end_to_end"]["f1"] == pytest.approx(2 * 1 * (1 / 3) / (1 + 1 / 3) if right else 0.0)


def test_sentence_and_document_sentiment():
    d = gold_document()
    record = {"id": "kiwi-001", "sentiment": "negative",
              "sentences": [{"id": "s1", "sentiment": "positive"}, {"id": "s2", "sentiment": "positive"}]}
    result = score([d], [record])
    sentences = result["sentences"]["sentiment"]
    # Gold positive, negative, positive; predicted positive, positive, (none) -> 1 right of 3.
    assert sentences["accuracy"] == pytest.approx(1 / 3)
    # positive: tp 1, fp 1 (s2), fn 1 (s3) -> F1 1/2; negative: fn 1 -> F1 0. Labels present: 2 -> macro 1/4.
    assert sentences["macro_f1"] == pytest.approx(0.25)
    assert result["documents"]["sentiment"]["accuracy"] == 0.0  # gold mixed, predicted negative
    assert result["entities"]["status"] == "not predicted" and result["amounts"]["status"] == "not predicted"


def test_null_gold_sentiment_is_not_scored_and_unfinished_is_reported():
    status = {"sentence_sentiment": "unfinished", "entities": "complete", "amounts": "complete",
              "document_sentiment": "unfinished"}
    d = gold_document(sentence_sentiments=[None, "negative", None], sentiment=None, status=status)
    record = {"id": "kiwi-001", "sentiment": "neutral", "sentences": [{"id": "s2", "sentiment": "negative"}]}
    result = score([d], [record])
    assert result["sentences"]["sentiment"]["accuracy"] == 1.0 and result["sentences"]["sentiment"]["scored"] == 1
    assert result["sentences"]["sentiment"]["gold"].startswith("unfinished")
    assert result["documents"]["sentiment"]["accuracy"] is None


def test_required_keys_exist_even_when_not_predicted():
    result = score([gold_document()], [{"id": "kiwi-001"}])
    for path in REQUIRED_KEYS:
        get(result, path)
    assert result["entities"]["status"] == "not predicted"
    empty = score([gold_document()], [{"id": "kiwi-001", "entities": []}])["entities"]
    assert empty["status"] == "scored" and empty["strict"]["f1"] == 0.0 and empty["strict"]["missed"] == 5


def test_span_free_mode_per_layer():
    d = gold_document()
    record = {"id": "kiwi-001",
              "entities": [{"text": "openai", "label": "ORG", "sentiment": "neutral"}, {"text": "Amazon", "label": "LOC"},
                           {"text": "Meta", "label": "ORG", "sentiment": "positive"}, {"text": "Meta", "label": "ORG"}],
              "amounts": [{"kind": "money", "value": 38e9, "currency": "USD"}, {"kind": "count", "value": 500, "currency": None},
                          {"kind": "percent", "value": 21, "currency": None}]}
    result = score([d], [record])
    free = result["entities"]["span_free"]
    # Matches on (normalised text, label): openai/ORG, Meta/ORG (once: gold has one Meta) -> tp 2 of 4 predicted, 5 gold.
    assert (free["correct"], free["actual"], free["possible"]) == (2, 4, 5)
    assert free["f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    # End to end with sentiment: only openai/ORG/neutral -> tp 1 -> P 1/4, R 1/5.
    assert free["sentiment"]["end_to_end"]["f1"] == pytest.approx(2 * 0.25 * 0.2 / 0.45)
    amounts = result["amounts"]["span_free"]
    assert (amounts["correct"], amounts["actual"], amounts["possible"]) == (2, 3, 3)
    assert result["entities"]["strict"]["f1"] is None  # required key present, not applicable


def test_data_hash_is_sha256_of_canonical_json():
    d = gold_document()
    canonical = json.dumps([d], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert data_hash([d]) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    result = score([d], [{"id": "kiwi-001"}], resamples=10, seed=3)
    from kiwi_bench import __version__
    assert result["signature"] == (f"kiwi:{__version__}|data:{data_hash([d])}|split:test|scorer:1.2|"
                                   "scheme:semeval2013|boot:10|seed:3")


# ---- bootstrap ----------------------------------------------------------------------------------

def _random_corpus(seed: int, documents: int = 12):
    rng = random.Random(seed)
    docs, records = [], []
    for k in range(documents):
        sentences = [f"Satz {n} nennt Alpha{n} und Beta{n} und Gamma{n}." for n in range(rng.randint(2, 6))]
        ents = [(f"{name}{n}", rng.choice(["ORG", "PER"]), "neutral") for n in range(len(sentences))
                for name in ("Alpha", "Beta", "Gamma") if rng.random() < 0.8]
        d = make_document(f"kiwi-{k:03d}", sentences, entities=ents,
                          sentence_sentiments=[rng.choice(["positive", "negative", "neutral"]) for _ in sentences])
        docs.append(d)
        predicted = [entity(d, e["text"], e["label"] if rng.random() < 0.8 else "LOC") for e in d["entities"]
                     if rng.random() < 0.85]
        records.append({"id": d["id"], "entities": predicted,
                        "sentences": [{"id": s["id"], "sentiment": rng.choice(["positive", "neutral"])} for s in d["sentences"]]})
    return docs, records


def test_bootstrap_interval_contains_point_and_is_reproducible():
    docs, records = _random_corpus(1)
    first = score(docs, records, resamples=1000, seed=0)
    again = score(docs, records, resamples=1000, seed=0)
    other = score(docs, records, resamples=1000, seed=1)
    for path in ("entities.strict", "sentences.sentiment"):
        block = get(first, path)
        for name, interval in block["ci95"].items():
            assert interval[0] <= block[name] <= interval[1], (path, name)
            assert interval == get(again, path)["ci95"][name]
    assert first["entities"]["strict"]["ci95"] != other["entities"]["strict"]["ci95"]


def test_perfect_system_gets_one_one():
    docs, _ = _random_corpus(2)
    records = [{"id": d["id"], "entities": [entity(d, e["text"], e["label"]) for e in d["entities"]],
                "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in d["sentences"]]} for d in docs]
    result = score(docs, records, resamples=500)
    assert result["entities"]["strict"]["ci95"] == {"precision": [1.0, 1.0], "recall": [1.0, 1.0], "f1": [1.0, 1.0]}
    assert result["sentences"]["sentiment"]["ci95"]["accuracy"] == [1.0, 1.0]


def test_grouped_multinomial_equals_plain_index_resampling_in_distribution():
    from kiwi_bench.scoring.bootstrap import resample_sums
    rng = np.random.default_rng(0)
    matrix = rng.integers(0, 3, size=(40, 2))
    grouped = resample_sums(matrix, 20000, np.random.default_rng(1))
    plain = matrix[np.random.default_rng(2).integers(0, 40, size=(20000, 40))].sum(axis=1)
    assert np.allclose(grouped.mean(axis=0), plain.mean(axis=0), rtol=0.01)
    assert np.allclose(grouped.std(axis=0), plain.std(axis=0), rtol=0.03)


def test_compare_paired_bootstrap():
    from kiwi_bench.api.predictions import predictions_from_records
    from kiwi_bench.scoring import compare, evaluate, load_gold
    docs, records = _random_corpus(3)
    gold = load_gold(docs)
    worse = [{**r, "entities": r["entities"][: len(r["entities"]) // 2]} for r in records]
    a = evaluate(gold, predictions_from_records(records, gold).predictions, split="test", resamples=0)
    b = evaluate(gold, predictions_from_records(worse, gold).predictions, split="test", resamples=0)
    result = compare(a, b, resamples=1000)
    strict = result["metrics"]["entities.strict.f1"]
    assert strict["delta"] > 0 and strict["p_value"] < 0.05
    same = compare(a, a, resamples=1000)["metrics"]["entities.strict.f1"]
    assert same["delta"] == 0 and same["p_value"] == 1.0
    assert result["signature"] == compare(a, b, resamples=1000)["signature"]


# ---- alignment ----------------------------------------------------------------------------------

def _columns(spans):
    spans = sorted(spans)
    arr = lambda k: np.array([s[k] for s in spans], dtype=np.int64)  # noqa: E731
    n = len(spans)
    return SpanColumns(arr(0), arr(1), arr(2), np.zeros(n, np.int64), np.zeros(n, np.int64), {})


def _reference(gold, pred):
    """Plain greedy over the ranked pairs (the rule in align.py's docstring, written naively)."""
    pairs = []
    for g, (gs, ge, gl) in enumerate(gold):
        for p, (ps, pe, pl) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                same_span, same_label = (gs, ge) == (ps, pe), gl == pl
                tier = 0 if same_span and same_label else 1 if same_span else 2 if same_label else 3
                pairs.append((tier, -overlap, g, p))
    used_g, used_p, match = set(), set(), {}
    for _, _, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g), used_p.add(p)
            match[g] = p
    return match


@pytest.mark.parametrize("sequential_below", [0, 10**9])
def test_vectorised_alignment_equals_naive_greedy(monkeypatch, sequential_below):
    monkeypatch.setattr(align_module, "_SEQUENTIAL_BELOW", sequential_below)
    rng = random.Random(5)
    for _ in range(200):
        gold = sorted({(s, s + rng.randint(1, 6), rng.randint(0, 2)) for s in range(0, 60, 7) if rng.random() < 0.8})
        pred = sorted({(s, s + rng.randint(1, 9), rng.randint(0, 2)) for s in rng.sample(range(60), 12)})
        result = align(_columns(gold), _columns(pred))
        expected = _reference(gold, pred)
        assert {g: int(p) for g, p in enumerate(result.gold_match) if p >= 0} == expected
