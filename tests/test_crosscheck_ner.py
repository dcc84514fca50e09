"""Cross-checks of the entity scorer against seqeval (strict IOB2), nervaluate and conlleval.

2,000 seeded random gold/prediction pairs (boundary shifts, type swaps, misses, spurious items,
merges, splits, adjacent entities of one type, and in a fifth of them overlapping predictions)
are scored by KIWI and by the reference tools. A failure names the seed; rerun with it.

Where the tools must agree:
- seqeval strict IOB2 and conlleval: strict P/R/F1 and per-label figures on every pair without
  overlapping predictions (IOB2 cannot encode overlaps). Strict correct = exact span and label
  matches, one to one, so any alignment gives the same count.
- nervaluate 1.2.1: the counts of all four schemes on the connected groups of overlapping items
  with at most one prediction (gold is flat). There nervaluate's greedy choice per prediction is
  the best available one, so both must give the same counts.
Where they differ by design (tested by hand below): with two or more predictions competing for a
gold entity nervaluate's counts depend on the order of the prediction list and each scheme uses
its own matching; KIWI uses one order-independent alignment. nervaluate's per-label figures are
computed on label-filtered data, so a type error becomes a miss plus a spurious item there,
while KIWI keeps it an incorrect pair and attributes it (miss -> gold label, spurious ->
predicted label) so that the per-label counts add up to the overall ones.
"""

from __future__ import annotations

import random
import warnings

import numpy as np
import pytest
from conlleval import evaluate as conlleval_evaluate
from nervaluate import Evaluator
from seqeval.metrics.v1 import precision_recall_fscore_support
from seqeval.scheme import IOB2

from kiwi_bench.api.predictions import predictions_from_records
from kiwi_bench.exports.conll import write_conll
from kiwi_bench.scoring import compute_statistics, load_gold
from test_scoring_support import make_document

LABELS = ("PER", "ORG", "LOC", "PRODUCT", "MISC")
PAIRS = 2000
SEED = 20240611


def _tokens(rng: random.Random) -> list[str]:
    return ["".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(6, 24))]


def _gold_spans(rng: random.Random, n: int) -> list[tuple[int, int, str]]:
    """Flat token spans; adjacent entities of the same type are common on purpose."""
    spans, k = [], 0
    while k < n:
        if rng.random() < 0.35:
            length = min(rng.randint(1, 3), n - k)
            label = spans[-1][2] if spans and spans[-1][1] == k and rng.random() < 0.5 else rng.choice(LABELS)
            spans.append((k, k + length, label))
            k += length
        else:
            k += 1
    return spans


def _perturb(rng: random.Random, gold: list[tuple[int, int, str]], n: int, overlapping: bool) -> list[tuple[int, int, str]]:
    pred = []
    for start, end, label in gold:
        action = rng.random()
        if action < 0.45:
            pred.append((start, end, label))
        elif action < 0.6:
            pred.append((max(0, start + rng.choice((-1, 0, 1))), min(n, end + rng.choice((-1, 0, 1))), label))
        elif action < 0.72:
            pred.append((start, end, rng.choice(LABELS)))
        elif action < 0.8 and end - start > 1:
            middle = rng.randint(start + 1, end - 1)
            pred += [(start, middle, label), (middle, end, rng.choice(LABELS))]
        elif action < 0.86:
            pred.append((start, min(n, end + rng.randint(1, 3)), label))
        # else: missed
    for _ in range(rng.randint(0, 2)):
        start = rng.randrange(n)
        pred.append((start, min(n, start + rng.randint(1, 2)), rng.choice(LABELS)))
    pred = [(s, e, l) for s, e, l in pred if s < e]
    if overlapping:
        for s, e, l in list(pred)[: rng.randint(1, 3)]:
            pred.append((s, min(n, e + 1), rng.choice(LABELS)))
        rng.shuffle(pred)
        return pred
    kept, last = [], 0
    for s, e, l in sorted(set(pred)):
        if s >= last:
            kept.append((s, e, l))
            last = e
    rng.shuffle(kept)
    return kept


def generate(seed: int = SEED, pairs: int = PAIRS):
    """Seeded samples: (tokens, token offsets, gold token spans, predicted token spans, overlapping?)."""
    rng = random.Random(seed)
    samples = []
    for _ in range(pairs):
        tokens = _tokens(rng)
        offsets, position = [], 0
        for token in tokens:
            offsets.append((position, position + len(token)))
            position += len(token) + 1
        gold = _gold_spans(rng, len(tokens))
        overlapping = rng.random() < 0.2
        samples.append((tokens, offsets, gold, _perturb(rng, gold, len(tokens), overlapping), overlapping))
    return samples


def _chars(offsets, spans):
    return [(offsets[s][0], offsets[e - 1][1], label) for s, e, label in spans]


def kiwi_per_sample(samples):
    """KIWI per-sentence statistics (one document with one sentence per sample)."""
    documents, records = [], []
    for k, (tokens, offsets, gold, pred, _) in enumerate(samples):
        doc_id = f"kiwi-{k:05d}"
        document = make_document(doc_id, [" ".join(tokens)])
        document["entities"] = [{"id": f"e{n}", "start": s, "end": e, "text": document["text"][s:e], "label": l,
                                 "entity_id": "x", "sentiment": "neutral"}
                                for n, (s, e, l) in enumerate(_chars(offsets, gold), 1)]
        documents.append(document)
        records.append({"id": doc_id, "entities": [{"start": s, "end": e, "label": l} for s, e, l in _chars(offsets, pred)]})
    gold = load_gold(documents)
    predictions = predictions_from_records(records, gold).predictions
    return documents, records, compute_statistics(gold, predictions)


def nervaluate_counts(gold_chars, pred_chars) -> dict[str, tuple[int, ...]]:
    """nervaluate's overall counts (inclusive ends) per scheme: (correct, incorrect, partial, missed, spurious)."""
    convert = lambda spans: [[{"label": l, "start": s, "end": e - 1} for s, e, l in spans]]  # noqa: E731
    result = Evaluator(convert(gold_chars), convert(pred_chars), tags=list(LABELS), loader="dict").evaluate()["overall"]
    return {scheme: tuple(getattr(result[name], k) for k in ("correct", "incorrect", "partial", "missed", "spurious"))
            for scheme, name in (("strict", "strict"), ("exact", "exact"), ("partial", "partial"), ("type", "ent_type"))}


def kiwi_counts(columns: dict[str, np.ndarray], row: int) -> dict[str, tuple[int, ...]]:
    """SemEval counts of one sentence from KIWI's sufficient statistics."""
    c = {name: int(columns[f"ent_{name}"][row]) for name in ("strict", "exact", "type", "matched", "actual", "possible")}
    missed, spurious = c["possible"] - c["matched"], c["actual"] - c["matched"]
    return {"strict": (c["strict"], c["matched"] - c["strict"], 0, missed, spurious),
            "exact": (c["exact"], c["matched"] - c["exact"], 0, missed, spurious),
            "partial": (c["exact"], 0, c["matched"] - c["exact"], missed, spurious),
            "type": (c["type"], c["matched"] - c["type"], 0, missed, spurious)}


def simple_components(gold, pred):
    """Gold and predicted spans of the overlap groups that hold at most one prediction."""
    parent = list(range(len(gold) + len(pred)))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, (gs, ge, _) in enumerate(gold):
        for j, (ps, pe, _) in enumerate(pred):
            if gs < pe and ps < ge:
                parent[root(i)] = root(len(gold) + j)
    preds_in = {}
    for j in range(len(pred)):
        preds_in[root(len(gold) + j)] = preds_in.get(root(len(gold) + j), 0) + 1
    keep = lambda x: preds_in.get(root(x), 0) <= 1  # noqa: E731
    return [g for i, g in enumerate(gold) if keep(i)], [p for j, p in enumerate(pred) if keep(len(gold) + j)]


@pytest.fixture(scope="module")
def samples():
    return generate()


def test_generator_covers_the_cases(samples):
    overlapping = sum(1 for *_, o in samples if o)
    adjacent_same = sum(1 for _, _, gold, _, _ in samples for a, b in zip(gold, gold[1:]) if a[1] == b[0] and a[2] == b[2])
    assert len(samples) == PAIRS and 300 < overlapping < 500 and adjacent_same > 200


def test_strict_equals_seqeval_iob2(samples):
    flat = [s for s in samples if not s[4]]
    _, _, stats = kiwi_per_sample(flat)
    y_true, y_pred = [], []
    for tokens, _, gold, pred, _ in flat:
        y_true.append(_iob2(len(tokens), gold))
        y_pred.append(_iob2(len(tokens), pred))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="micro", scheme=IOB2)
        per_p, per_r, per_f, support = precision_recall_fscore_support(y_true, y_pred, average=None, scheme=IOB2)
    col = stats.sentence
    tp, actual, possible = col["ent_strict"].sum(), col["ent_actual"].sum(), col["ent_possible"].sum()
    assert (tp / actual, tp / possible) == pytest.approx((p, r), abs=1e-12)
    assert 2 * tp / (actual + possible) == pytest.approx(f, abs=1e-12)
    labels = stats.details["entities"]["labels"]["strict"]
    seqeval_labels = sorted({l for _, _, g, q, _ in flat for *_, l in g + q})
    for k, label in enumerate(seqeval_labels):
        index = LABELS.index(label)
        assert labels["correct"][index] / (labels["correct"][index] + labels["incorrect"][index] + labels["missed"][index]) \
            == pytest.approx(per_r[k], abs=1e-12), label
        assert support[k] == labels["correct"][index] + labels["incorrect"][index] + labels["missed"][index]
        actual = labels["correct_pred"][index] + labels["incorrect_pred"][index] + labels["spurious"][index]
        assert (labels["correct"][index] / actual if actual else 0.0) == pytest.approx(per_p[k], abs=1e-12), label


def _iob2(n: int, spans) -> list[str]:
    out = ["O"] * n
    for s, e, l in spans:
        out[s] = f"B-{l}"
        for k in range(s + 1, e):
            out[k] = f"I-{l}"
    return out


def test_counts_equal_nervaluate_where_they_must_agree(samples):
    filtered = []
    for tokens, offsets, gold, pred, overlapping in samples:
        g, p = simple_components(_chars(offsets, gold), _chars(offsets, pred))
        filtered.append((tokens, offsets, g, p))
    documents, _, stats = _kiwi_from_chars(filtered)
    compared = 0
    for row, (_, _, g, p) in enumerate(filtered):
        assert kiwi_counts(stats.sentence, row) == nervaluate_counts(g, p), f"seed {SEED}, sample {row}"
        compared += bool(g or p)
    assert compared > 1900


def _kiwi_from_chars(filtered):
    documents, records = [], []
    for k, (tokens, _, g, p) in enumerate(filtered):
        document = make_document(f"kiwi-{k:05d}", [" ".join(tokens)])
        document["entities"] = [{"id": f"e{n}", "start": s, "end": e, "text": document["text"][s:e], "label": l,
                                 "entity_id": "x", "sentiment": "neutral"} for n, (s, e, l) in enumerate(g, 1)]
        documents.append(document)
        records.append({"id": document["id"], "entities": [{"start": s, "end": e, "label": l} for s, e, l in p]})
    gold = load_gold(documents)
    return documents, records, compute_statistics(gold, predictions_from_records(records, gold).predictions)


def test_conlleval_on_the_exported_file_gives_the_same_strict_numbers(samples):
    flat = [s for s in samples if not s[4]]
    documents, records, stats = kiwi_per_sample(flat)
    predicted = {r["id"]: [(e["start"], e["end"], e["label"]) for e in r["entities"]] for r in records}
    by_id = {f"kiwi-{k:05d}": sample for k, sample in enumerate(flat)}

    def tokenizer(text, language):  # the generated tokens, separated by single spaces
        offsets, position = [], 0
        for token in text.split(" "):
            offsets.append((position, position + len(token)))
            position += len(token) + 1
        return offsets
    import io
    buffer = io.StringIO()
    summary = write_conll(buffer, documents, predicted, tokenizer=tokenizer)
    assert summary.lossless and by_id
    result = conlleval_evaluate(buffer.getvalue().splitlines())
    chunks = result["overall"]["chunks"]["stats"]
    col = stats.sentence
    assert (chunks["correct"], chunks["pred"], chunks["gold"]) == (
        col["ent_strict"].sum(), col["ent_actual"].sum(), col["ent_possible"].sum())
    labels = stats.details["entities"]["labels"]["strict"]
    for label, slot in result["slots"]["chunks"].items():
        k = LABELS.index(label)
        assert slot["stats"]["correct"] == labels["correct"][k]
        assert slot["stats"]["gold"] == labels["correct"][k] + labels["incorrect"][k] + labels["missed"][k]
        assert slot["stats"]["pred"] == labels["correct_pred"][k] + labels["incorrect_pred"][k] + labels["spurious"][k]


def test_kiwi_is_order_independent_on_overlapping_predictions(samples):
    overlapping = [s for s in samples if s[4]][:200]
    _, records, stats = kiwi_per_sample(overlapping)
    rng = random.Random(SEED)
    shuffled = [(tokens, offsets, gold, rng.sample(pred, len(pred)), True) for tokens, offsets, gold, pred, _ in overlapping]
    _, _, again = kiwi_per_sample(shuffled)
    for name, column in stats.sentence.items():
        assert np.array_equal(column, again.sentence[name]), name


# ---- where nervaluate differs, by hand --------------------------------------------------------

def _one(gold, pred):
    """KIWI counts for one sentence "aaaa bbbb cccc dddd" with character spans."""
    document = make_document("kiwi-001", ["aaaa bbbb cccc dddd"])
    document["entities"] = [{"id": f"e{n}", "start": s, "end": e, "text": document["text"][s:e], "label": l,
                             "entity_id": "x", "sentiment": "neutral"} for n, (s, e, l) in enumerate(gold, 1)]
    gold_columns = load_gold([document])
    records = [{"id": "kiwi-001", "entities": [{"start": s, "end": e, "label": l} for s, e, l in pred]}]
    stats = compute_statistics(gold_columns, predictions_from_records(records, gold_columns).predictions)
    return kiwi_counts(stats.sentence, 0), stats


def test_nervaluate_depends_on_prediction_order_kiwi_does_not():
    # Gold "aaaa bbbb" [0, 9) PER; predictions "aaaa" [0, 4) PER and the exact [0, 9) PER.
    gold, exact, part = [(0, 9, "PER")], (0, 9, "PER"), (0, 4, "PER")
    first_part = nervaluate_counts(gold, [part, exact])
    first_exact = nervaluate_counts(gold, [exact, part])
    # nervaluate, partial first: the partial prediction takes the gold entity (incorrect), the exact one is spurious.
    assert first_part["strict"] == (0, 1, 0, 0, 1)
    assert first_exact["strict"] == (1, 0, 0, 0, 1)
    # KIWI: exact span and label rank first whatever the order: 1 correct, 1 spurious (P = 1/2, R = 1/1).
    assert _one(gold, [part, exact])[0] == _one(gold, [exact, part])[0]
    assert _one(gold, [part, exact])[0]["strict"] == (1, 0, 0, 0, 1)


def test_one_alignment_for_all_schemes_unlike_nervaluate():
    # Gold "aaaa bbbb" [0, 9) ORG; predictions "aaaa" [0, 4) ORG and "bbbb cccc" [5, 14) PER, in that order.
    # nervaluate's type scheme: the first prediction overlaps with the same label -> correct.
    # KIWI: tier "same-label overlap" beats "any overlap" -> the ORG prediction is aligned: type correct 1,
    # strict incorrect 1 (same pair), the PER prediction is spurious in every scheme.
    gold, pred = [(0, 9, "ORG")], [(0, 4, "ORG"), (5, 14, "PER")]
    counts, _ = _one(gold, pred)
    assert counts["type"] == (1, 0, 0, 0, 1) and counts["strict"] == (0, 1, 0, 0, 1)
    assert counts["partial"] == (0, 0, 1, 0, 1)
    # nervaluate with the PER prediction first gives type incorrect instead (order dependence again).
    assert nervaluate_counts(gold, list(reversed(pred)))["type"] == (0, 1, 0, 0, 1)


def test_per_label_counts_reconcile_unlike_nervaluate():
    # Gold "aaaa" PER predicted as ORG with the exact span.
    counts, stats = _one([(0, 4, "PER")], [(0, 4, "ORG")])
    assert counts["strict"] == (0, 1, 0, 0, 0)  # one incorrect pair, no miss, no spurious item
    labels = stats.details["entities"]["labels"]["strict"]
    per, org = LABELS.index("PER"), LABELS.index("ORG")
    # KIWI: the incorrect pair counts for PER's possible and ORG's actual: sums equal the overall counts.
    assert (labels["incorrect"][per], labels["incorrect_pred"][org]) == (1, 1)
    assert labels["missed"].sum() == 0 and labels["spurious"].sum() == 0
    # nervaluate's per-label figures come from label-filtered data: a miss for PER and a spurious ORG,
    # which do not add up to its own overall counts (1 incorrect).
    result = Evaluator([[{"label": "PER", "start": 0, "end": 3}]], [[{"label": "ORG", "start": 0, "end": 3}]],
                       tags=list(LABELS), loader="dict").evaluate()
    assert result["entities"]["PER"]["strict"].missed == 1 and result["entities"]["ORG"]["strict"].spurious == 1
    assert result["overall"]["strict"].incorrect == 1


def test_touching_spans_do_not_overlap():
    # Gold "aaaa" [0, 4); prediction " bbbb" [4, 9) touches it: no overlap, so a miss and a spurious item.
    counts, _ = _one([(0, 4, "PER")], [(4, 9, "PER")])
    assert counts["partial"] == (0, 0, 0, 1, 1)
