"""Properties of the scorer on generated gold/prediction pairs (hypothesis, derandomized, bounded).

Gold documents are built with `test_scoring_support.make_document` from a small vocabulary, so that
surfaces repeat (span-free matching sees duplicates); gold entities never overlap each other, as
the annotation spec requires. Predictions perturb the gold (exact, relabelled, resized, dropped,
other sentiment) and add random spans anywhere, overlapping or not; they go through the real
reader (`predictions_from_records`) before `evaluate`. The last test pins `data_hash` (hashed one
document at a time) to the sha256 of the whole canonical JSON list.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiwi_bench.api.predictions import predictions_from_records
from kiwi_bench.scoring import data_hash, evaluate, load_gold
from test_scoring_support import make_document

SETTINGS = settings(max_examples=50, derandomize=True, deadline=None, database=None, print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WORDS = ("Acme", "Bolt", "Cora", "Dune", "Echo", "Fjord", "Gala", "Hex")
NUMBERS = ("17", "300", "4500", "88")
LABELS = ("PER", "ORG", "LOC", "PRODUCT", "MISC")
ENTITY_SENTIMENTS = ("positive", "negative", "neutral")
SENTIMENTS = ("positive", "negative", "neutral", "mixed")
KINDS = ("money", "count", "percent")
CURRENCIES = (None, "USD", "EUR")
VALUES = (1.0, 17.0, 300.0, 4500.0, 88.5)
SCHEMES = ("strict", "exact", "partial", "type")
PRECISIONS = [f"entities.{s}.precision" for s in SCHEMES] + [
    "entities.sentiment.end_to_end.precision", "amounts.span.strict.precision", "amounts.span.partial.precision",
    "amounts.end_to_end.precision"]
RECALLS = [path.replace("precision", "recall") for path in PRECISIONS]
HEADLINE_ONE = ("entities.strict.precision", "entities.strict.recall", "entities.strict.f1", "entities.exact.f1",
                "entities.partial.f1", "entities.type.f1", "entities.sentiment.accuracy", "entities.sentiment.macro_f1",
                "entities.sentiment.end_to_end.f1", "amounts.span.strict.f1", "amounts.span.partial.f1",
                "amounts.value.accuracy", "amounts.end_to_end.f1", "amounts.kind.accuracy",
                "sentences.sentiment.accuracy", "sentences.sentiment.macro_f1", "documents.sentiment.accuracy")


def occurrence(text: str, surface: str, start: int) -> int:
    """Which occurrence of `surface` (counting overlapping ones, as make_document's find does) starts at `start`."""
    return sum(1 for i in range(start) if text.startswith(surface, i))


@st.composite
def gold_documents(draw) -> list[dict]:
    """1-3 documents of 1-4 sentences; entities are runs of words, amounts single numbers."""
    documents = []
    for d in range(draw(st.integers(1, 3))):
        sentences, runs = [], []
        for _ in range(draw(st.integers(1, 4))):
            tokens = draw(st.lists(st.sampled_from(WORDS + NUMBERS), min_size=2, max_size=7))
            sentences.append(" ".join(tokens))
            runs.append(tokens)
        text = " ".join(sentences)
        entities, amounts, position = [], [], 0
        for tokens in runs:
            k = 0
            offsets = []
            for token in tokens:
                offsets.append(position)
                position += len(token) + 1
            while k < len(tokens):
                start = offsets[k]
                if tokens[k] in NUMBERS and draw(st.booleans()):
                    amounts.append({"surface": tokens[k], "occurrence": occurrence(text, tokens[k], start),
                                    "kind": draw(st.sampled_from(KINDS)), "value": draw(st.sampled_from(VALUES)),
                                    "currency": draw(st.sampled_from(CURRENCIES))})
                    k += 1
                elif tokens[k] in WORDS and draw(st.booleans()):
                    width = draw(st.integers(1, 2))
                    while width > 1 and (k + width > len(tokens) or tokens[k + width - 1] not in WORDS):
                        width -= 1
                    surface = " ".join(tokens[k:k + width])
                    entities.append((surface, draw(st.sampled_from(LABELS)), draw(st.sampled_from(ENTITY_SENTIMENTS)),
                                     occurrence(text, surface, start)))
                    k += width
                else:
                    k += 1
        documents.append(make_document(
            f"kiwi-{d:03d}", sentences, entities=entities, amounts=amounts,
            sentence_sentiments=[draw(st.sampled_from(SENTIMENTS)) for _ in sentences],
            sentiment=draw(st.sampled_from(SENTIMENTS))))
    return documents


def gold_record(document: dict) -> dict:
    """The gold of one document as a span-based prediction record (every layer)."""
    return {"id": document["id"],
            "entities": [{"start": e["start"], "end": e["end"], "label": e["label"], "sentiment": e["sentiment"]}
                         for e in document["entities"]],
            "amounts": [{key: a[key] for key in ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")}
                        for a in document["amounts"]],
            "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in document["sentences"]],
            "sentiment": document["sentiment"]}


def random_span(draw, text: str) -> dict:
    start = draw(st.integers(0, len(text) - 1))
    return {"start": start, "end": draw(st.integers(start + 1, min(len(text), start + 14)))}


@st.composite
def cases(draw) -> tuple[list[dict], list[dict]]:
    """(gold documents, prediction records): perturbed gold plus random extra spans."""
    documents = draw(gold_documents())
    records = []
    for document in documents:
        text, entities, amounts = document["text"], [], []
        for e in document["entities"]:
            action = draw(st.sampled_from(("exact", "exact", "relabel", "resize", "drop", "sentiment", "bare")))
            item = {"start": e["start"], "end": e["end"], "label": e["label"], "sentiment": e["sentiment"]}
            if action == "drop":
                continue
            if action == "relabel":
                item["label"] = draw(st.sampled_from(LABELS))
            elif action == "resize":
                item["start"] = max(0, e["start"] + draw(st.integers(-3, 2)))
                item["end"] = min(len(text), max(item["start"] + 1, e["end"] + draw(st.integers(-2, 3))))
            elif action == "sentiment":
                item["sentiment"] = draw(st.sampled_from(ENTITY_SENTIMENTS))
            elif action == "bare":
                del item["sentiment"]
            entities.append(item)
        for _ in range(draw(st.integers(0, 3))):
            entities.append({**random_span(draw, text), "label": draw(st.sampled_from(LABELS)),
                             "sentiment": draw(st.sampled_from(ENTITY_SENTIMENTS))})
        for a in document["amounts"]:
            action = draw(st.sampled_from(("exact", "exact", "value", "resize", "drop", "kind")))
            item = {"start": a["start"], "end": a["end"], "kind": a["kind"], "value": a["value"], "currency": a["currency"]}
            if action == "drop":
                continue
            if action == "value":
                item["value"] = draw(st.sampled_from(VALUES))
                item["currency"] = draw(st.sampled_from(CURRENCIES))
            elif action == "resize":
                item["end"] = min(len(text), item["end"] + draw(st.integers(1, 4)))
            elif action == "kind":
                item["kind"] = draw(st.sampled_from(KINDS))
            amounts.append(item)
        for _ in range(draw(st.integers(0, 2))):
            amounts.append({**random_span(draw, text), "kind": draw(st.sampled_from(KINDS)),
                            "value": draw(st.sampled_from(VALUES)), "currency": draw(st.sampled_from(CURRENCIES))})
        sentences = [{"id": s["id"], "sentiment": draw(st.sampled_from(SENTIMENTS))}
                     for s in document["sentences"] if draw(st.integers(0, 4))]
        records.append({"id": document["id"], "entities": entities, "amounts": amounts, "sentences": sentences,
                        "sentiment": draw(st.sampled_from(SENTIMENTS))})
    return documents, records


def report(documents: list[dict], records: list[dict], resamples: int = 0, seed: int = 0) -> dict:
    gold = load_gold(documents)
    read = predictions_from_records(copy.deepcopy(records), gold)
    return evaluate(gold, read.predictions, split="test", resamples=resamples, seed=seed).report


def get(result: dict, path: str):
    """The value at a dotted path, or None where the report has no such key (a layer not predicted)."""
    for key in path.split("."):
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


def intervals(node, where: str = ""):
    """(path, point, [low, high]) for every metric with a ci95 in the report."""
    if not isinstance(node, dict):
        return
    if isinstance(node.get("ci95"), dict):
        for name, ci in node["ci95"].items():
            yield f"{where}.{name}", node.get(name), ci
    for key, value in node.items():
        if key != "ci95":
            yield from intervals(value, f"{where}.{key}")


def figures(node, where: str = ""):
    """(path, value) of every precision/recall/F1/accuracy in the report."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("precision", "recall", "f1", "accuracy", "macro_f1", "coverage") and not isinstance(value, dict):
                yield f"{where}.{key}", value
            elif key != "ci95":
                yield from figures(value, f"{where}.{key}")


def no_more(after, before) -> bool:
    return after is None or before is None or after <= before + 1e-12


@SETTINGS
@given(cases())
def test_every_metric_is_in_the_unit_interval(case):
    result = report(*case, resamples=30)
    for path, value in figures(result):
        assert value is None or (math.isfinite(value) and 0 <= value <= 1), (path, value)
    for path, _, ci in intervals(result):
        assert ci is None or 0 <= ci[0] <= ci[1] <= 1, (path, ci)


@SETTINGS
@given(gold_documents())
def test_gold_against_itself_scores_one_everywhere(documents):
    result = report(documents, [gold_record(d) for d in documents])
    has = {"entities": any(d["entities"] for d in documents), "amounts": any(d["amounts"] for d in documents)}
    for path in HEADLINE_ONE:
        value = get(result, path)
        layer = path.split(".")[0]
        assert value == 1.0 or (value is None and not has.get(layer, True)), (path, value)
    for scheme in SCHEMES:
        assert result["entities"][scheme]["incorrect"] == result["entities"][scheme]["spurious"] == 0
    free = [{"id": d["id"], "entities": [{"text": e["text"], "label": e["label"], "sentiment": e["sentiment"]}
                                         for e in d["entities"]],
             "amounts": [{"kind": a["kind"], "value": a["value"], "currency": a["currency"]} for a in d["amounts"]]}
            for d in documents]
    free_result = report(documents, free)
    for path, layer in (("entities.span_free.f1", "entities"), ("entities.span_free.sentiment.end_to_end.f1", "entities"),
                        ("amounts.span_free.f1", "amounts")):
        value = get(free_result, path)
        assert value == 1.0 or (value is None and not has[layer]), (path, value)


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_permuting_predictions_documents_and_sentences_changes_nothing(case, rng):
    documents, records = case
    shuffled = copy.deepcopy(records)
    for record in shuffled:
        for layer in ("entities", "amounts", "sentences"):
            rng.shuffle(record[layer])
    rng.shuffle(shuffled)
    gold = list(documents)
    rng.shuffle(gold)
    assert report(gold, shuffled, resamples=20) == report(documents, records, resamples=20)


def free_token(document: dict, layer: str, rng: random.Random) -> dict | None:
    """The span of a word that overlaps no gold item of `layer`, or None."""
    text, taken = document["text"], [(item["start"], item["end"]) for item in document[layer]]
    spans, position = [], 0
    for token in text.split(" "):
        spans.append((position, position + len(token)))
        position += len(token) + 1
    free = [(s, e) for s, e in spans if all(e <= gs or ge <= s for gs, ge in taken)]
    if not free:
        return None
    start, end = rng.choice(free)
    return {"start": start, "end": end}


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_a_spurious_prediction_never_raises_precision(case, rng):
    documents, records = case
    before = report(documents, records)
    k = rng.randrange(len(documents))
    entity, amount = free_token(documents[k], "entities", rng), free_token(documents[k], "amounts", rng)
    more = copy.deepcopy(records)
    if entity:
        more[k]["entities"].append({**entity, "label": rng.choice(LABELS), "sentiment": rng.choice(ENTITY_SENTIMENTS)})
    if amount:
        more[k]["amounts"].append({**amount, "kind": rng.choice(KINDS), "value": 1.0, "currency": None})
    after = report(documents, more)
    for path in PRECISIONS:
        assert no_more(get(after, path), get(before, path)), path
    for path in RECALLS:  # unchanged (or 0 where nothing was to be found and now something was predicted)
        assert get(after, path) == get(before, path) or (get(before, path) is None and get(after, path) == 0.0), path
    if entity:
        assert after["entities"]["strict"]["spurious"] == before["entities"]["strict"]["spurious"] + 1


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_removing_a_correct_prediction_never_raises_recall(case, rng):
    documents, records = case
    gold = {d["id"]: d for d in documents}
    correct = [(r, layer, i) for r, record in enumerate(records) for layer in ("entities", "amounts")
               for i, item in enumerate(record[layer])
               if any(g["start"] == item["start"] and g["end"] == item["end"]
                      and g.get("label", g.get("kind")) == item.get("label", item.get("kind"))
                      for g in gold[record["id"]][layer])]
    if not correct:
        return
    r, layer, i = rng.choice(correct)
    fewer = copy.deepcopy(records)
    del fewer[r][layer][i]
    before, after = report(documents, records), report(documents, fewer)
    for path in RECALLS:
        assert no_more(get(after, path), get(before, path)), path


@SETTINGS
@given(cases())
def test_strict_is_at_most_exact_and_type(case):
    entities = report(*case)["entities"]
    strict = entities["strict"]
    for scheme in ("exact", "type", "partial"):
        other = entities[scheme]
        assert strict["correct"] <= other["correct"] + 0.5 * other["partial"]
        assert (strict["actual"], strict["possible"]) == (other["actual"], other["possible"])
        for name in ("precision", "recall", "f1"):
            assert no_more(strict[name], other[name]), (scheme, name)
    for label, row in entities["per_label"].items():
        assert row["strict"]["correct"] <= min(row["exact"]["correct"], row["type"]["correct"]), label


@SETTINGS
@given(cases())
def test_span_free_f1_is_at_least_span_based_strict_f1(case):
    documents, records = case
    texts = {d["id"]: d["text"] for d in documents}
    free = [{"id": r["id"],
             "entities": [{"text": texts[r["id"]][e["start"]:e["end"]], "label": e["label"], "sentiment": e["sentiment"]}
                          if "sentiment" in e else {"text": texts[r["id"]][e["start"]:e["end"]], "label": e["label"]}
                          for e in r["entities"]],
             "amounts": [{"kind": a["kind"], "value": a["value"], "currency": a["currency"]} for a in r["amounts"]]}
            for r in records]
    spans, spanfree = report(documents, records), report(documents, free)
    # A layer of empty lists only cannot say which mode it is in (it is scored span-based): compare the others.
    pairs = [(f"entities.strict.{name}", f"entities.span_free.{name}", "entities") for name in ("precision", "recall", "f1")]
    pairs += [(f"amounts.end_to_end.{name}", f"amounts.span_free.{name}", "amounts") for name in ("precision", "recall", "f1")]
    for span_path, free_path, layer in pairs:
        if any(f[layer] for f in free):
            assert no_more(get(spans, span_path), get(spanfree, free_path)), span_path
    if any(f["entities"] for f in free):
        assert spanfree["entities"]["span_free"]["correct"] >= spans["entities"]["strict"]["correct"]


@SETTINGS
@given(cases(), st.integers(0, 2**31))
def test_bootstrap_interval_contains_the_point_estimate(case, seed):
    result = report(*case, resamples=200, seed=seed)
    found = 0
    for path, point, ci in intervals(result):
        assert (point is None) == (ci is None), (path, point, ci)
        if ci is None:
            continue
        found += 1
        assert point is not None and ci[0] - 1e-12 <= point <= ci[1] + 1e-12, (path, point, ci)
    assert found > 0


@SETTINGS
@given(gold_documents())
def test_data_hash_is_the_sha256_of_the_whole_canonical_list(documents):
    ordered = sorted(documents, key=lambda d: d["id"])
    canonical = json.dumps(ordered, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert data_hash(list(reversed(documents))) == hashlib.sha256(canonical).hexdigest()[:12]
