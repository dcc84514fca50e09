"""Benchmark: KIWI's entity scorer against nervaluate and seqeval on one seeded synthetic workload.

    .venv/bin/python benchmarks/scorer_speed.py            # 20,000 documents, about 1,000,000 gold entities
    .venv/bin/python benchmarks/scorer_speed.py --docs 2000 # a quick run

The workload: documents of `--sentences` sentences of 8-30 tokens; gold entities are flat token
spans (adjacent entities of one type included); predictions keep most entities and add realistic
errors (boundary shifts, type swaps, misses, splits, spurious entities), never overlapping each
other, so that seqeval (IOB2) sees the same data. Every tool gets its own natural input, built
before the clock starts: KIWI the gold document dicts and prediction records, nervaluate per-
sentence entity dicts with inclusive ends, seqeval IOB2 tag lists. Timed: KIWI from dicts to all
four schemes with per-label counts (gold and prediction columns, alignment, statistics);
nervaluate's Evaluator.evaluate() (four schemes, per label); seqeval strict IOB2 per label; and
1000 bootstrap resamples of every headline metric. The counts are checked to agree.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

LABELS = ("PER", "ORG", "LOC", "PRODUCT", "MISC")
SENTIMENTS = ("positive", "negative", "neutral")


def sentence_spans(rng: random.Random, n: int) -> list[tuple[int, int, str]]:
    spans, k = [], 0
    while k < n:
        if rng.random() < 0.12:
            length = min(rng.choice((1, 1, 1, 2, 2, 3)), n - k)
            spans.append((k, k + length, spans[-1][2] if spans and spans[-1][1] == k and rng.random() < .5 else rng.choice(LABELS)))
            k += length
        else:
            k += 1
    return spans


def perturb(rng: random.Random, gold: list[tuple[int, int, str]], n: int) -> list[tuple[int, int, str]]:
    pred = []
    for start, end, label in gold:
        r = rng.random()
        if r < 0.80:
            pred.append((start, end, label))
        elif r < 0.86:
            pred.append((max(0, start + rng.choice((-1, 0, 1))), min(n, end + rng.choice((-1, 1))), label))
        elif r < 0.91:
            pred.append((start, end, rng.choice(LABELS)))
        elif r < 0.93 and end - start > 1:
            pred += [(start, start + 1, label), (start + 1, end, label)]
        # else missed
    if rng.random() < 0.15:
        start = rng.randrange(n)
        pred.append((start, min(n, start + 1), rng.choice(LABELS)))
    kept, last = [], 0
    for s, e, l in sorted(p for p in pred if p[0] < p[1]):
        if s >= last:
            kept.append((s, e, l))
            last = e
    return kept


def draw(docs: int, sentences: int, seed: int) -> list[tuple[list[tuple], list[str]]]:
    """The seeded workload, tool-neutral: per document its sentences (token lengths, gold sentiment, gold
    and predicted token spans) and the predicted sentence sentiments."""
    rng = random.Random(seed)
    drawn = []
    for _ in range(docs):
        sents = []
        for _ in range(sentences):
            lengths = [rng.randint(2, 9) for _ in range(rng.randint(8, 30))]
            sentiment = rng.choice(SENTIMENTS)
            gold = sentence_spans(rng, len(lengths))
            sents.append((lengths, sentiment, gold, perturb(rng, gold, len(lengths))))
        drawn.append((sents, [rng.choice(SENTIMENTS) for _ in sents]))
    return drawn


def char_spans(drawn) -> list[list[tuple[list[tuple[int, int]], list, list]]]:
    """Per document and sentence: token character offsets, gold and predicted spans in characters (half-open)."""
    out = []
    for sents, _ in drawn:
        position, doc = 0, []
        for lengths, _, gold, pred in sents:
            offsets = []
            for length in lengths:
                offsets.append((position, position + length))
                position += length + 1
            to_chars = lambda spans: [(offsets[a][0], offsets[b - 1][1], l) for a, b, l in spans]  # noqa: E731
            doc.append((offsets, to_chars(gold), to_chars(pred)))
        out.append(doc)
    return out


def kiwi_inputs(drawn, chars):
    """KIWI's gold documents and prediction records."""
    documents, records = [], []
    for d, ((sents, pred_sentiments), doc_chars) in enumerate(zip(drawn, chars)):
        text_parts = [" ".join("w" * length for length in lengths) for lengths, *_ in sents]
        text = " ".join(text_parts)
        doc_id = f"kiwi-{d:05d}"
        sent_items = [{"id": f"s{s + 1}", "start": offsets[0][0], "end": offsets[-1][1], "text": part,
                       "sentiment": sentiment}
                      for s, ((_, sentiment, _, _), (offsets, _, _), part) in enumerate(zip(sents, doc_chars, text_parts))]
        gold_items = [span for _, gold, _ in doc_chars for span in gold]
        pred_items = [span for _, _, pred in doc_chars for span in pred]
        documents.append({
            "id": doc_id, "language": "de", "split": "test", "title": text_parts[0], "text": text, "sentiment": "neutral",
            "status": {"sentence_sentiment": "complete", "entities": "complete", "amounts": "complete",
                       "document_sentiment": "complete"},
            "source": {"file": f"{doc_id}.txt", "sha256": "0" * 64, "url": None}, "sentences": sent_items, "amounts": [],
            "entities": [{"id": f"e{k + 1}", "start": a, "end": b, "text": text[a:b], "label": l, "entity_id": "x",
                          "sentiment": SENTIMENTS[k % 3]} for k, (a, b, l) in enumerate(gold_items)]})
        records.append({"id": doc_id, "entities": [{"start": a, "end": b, "label": l, "sentiment": SENTIMENTS[k % 3]}
                                                   for k, (a, b, l) in enumerate(pred_items)],
                        "sentences": [{"id": s["id"], "sentiment": sentiment}
                                      for s, sentiment in zip(sent_items, pred_sentiments)],
                        "sentiment": "neutral"})
    return documents, records


def nervaluate_inputs(chars):
    """Per-sentence entity dicts with inclusive ends, gold and predicted."""
    true = [[{"label": l, "start": a, "end": b - 1} for a, b, l in gold] for doc in chars for _, gold, _ in doc]
    pred = [[{"label": l, "start": a, "end": b - 1} for a, b, l in p] for doc in chars for _, _, p in doc]
    return true, pred


def seqeval_inputs(drawn):
    """Per-sentence IOB2 tag lists, gold and predicted."""
    sents = [sent for doc, _ in drawn for sent in doc]
    return ([iob2(len(lengths), gold) for lengths, _, gold, _ in sents],
            [iob2(len(lengths), pred) for lengths, _, _, pred in sents])


def generate(docs: int, sentences: int, seed: int):
    """Gold documents, prediction records, per-sentence nervaluate dicts and seqeval tags.

    Each tool's input is built in a pass of its own, after the workload is drawn, so that its objects
    lie together in memory as they do when the tool reads them from its own file (json.loads of a
    line allocates a document's dicts one after another). Building all four inputs interleaved, sentence
    by sentence, scattered every tool's objects across the heap, which made every dict visit a cache
    and TLB miss (in one run of the same scorer: 2.6 s from dicts interleaved, 1.6 s with compact inputs)."""
    drawn = draw(docs, sentences, seed)
    chars = char_spans(drawn)
    documents, records = kiwi_inputs(drawn, chars)
    nerv = nervaluate_inputs(chars)
    del chars
    tags = seqeval_inputs(drawn)
    return documents, records, nerv, tags


def iob2(n: int, spans) -> list[str]:
    tags = ["O"] * n
    for a, b, label in spans:
        tags[a] = f"B-{label}"
        for k in range(a + 1, b):
            tags[k] = f"I-{label}"
    return tags


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_kiwi(documents, records):
    """KIWI from dicts: gold columns, prediction columns, alignment and all statistics."""
    from kiwi_bench.scoring import PredictionBuilder, compute_statistics, load_gold

    start = time.perf_counter()
    gold = load_gold(documents)
    builder = PredictionBuilder(gold)
    for record in records:
        builder.add(gold.index[record["id"]], {"entities": record["entities"]})
    predictions = builder.finish()
    columns_ready = time.perf_counter()
    stats = compute_statistics(gold, predictions)
    end = time.perf_counter()
    return end - start, gold, stats, end - columns_ready


def run_kiwi_public(documents, records, path=None) -> float:
    """KIWI's public path (what `kiwi_bench.evaluate` and `kiwi-bench evaluate` do before the bootstrap): gold
    columns, then the reader validates every record (schema, spans, ids, modes) and scores in streamed batches;
    from the records, or with `path` from that JSON Lines file (decoded line by line)."""
    from kiwi_bench.api.predictions import predictions_from_records, read_predictions
    from kiwi_bench.scoring import BATCH_ITEMS, compute_statistics, load_gold

    start = time.perf_counter()
    gold = load_gold(documents)
    if path is None:
        read = predictions_from_records(records, gold, "test", batch_items=BATCH_ITEMS)
    else:
        read = read_predictions(path, gold, "test", batch_items=BATCH_ITEMS)
    compute_statistics(gold, read.predictions)
    return time.perf_counter() - start


def run_field_reading(records) -> dict[str, float]:
    """Reading the predicted entity dicts' start, end, label and sentiment into columns, three ways (best of 3):
    a bare pass that only fetches the four values (the floor of any reader written in Python), KIWI's
    `read_fields`, and pyarrow's C++ conversion of dicts to a struct array (a compiled peer)."""
    from itertools import chain
    from operator import itemgetter

    import pyarrow as pa

    from kiwi_bench.scoring.spans import read_fields

    items = list(chain.from_iterable(record["entities"] for record in records))
    fetch = itemgetter("start", "end", "label", "sentiment")
    struct = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("label", pa.string()), ("sentiment", pa.string())])
    ways = {"bare pass (fetch only)": lambda: sum(1 for _ in map(fetch, items)),
            "KIWI read_fields": lambda: read_fields(items, ("start", "end"), ("label", "sentiment")),
            "pyarrow.array(struct)": lambda: pa.array(items, type=struct)}
    times = {}
    for name, way in ways.items():
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            way()
            best = min(best, time.perf_counter() - start)
        times[name] = best
    return times


def kiwi_counts(stats) -> dict[str, tuple[int, ...]]:
    c = {k: int(stats.sentence[f"ent_{k}"].sum()) for k in ("strict", "exact", "type", "matched", "actual", "possible")}
    missed, spurious = c["possible"] - c["matched"], c["actual"] - c["matched"]
    return {"strict": (c["strict"], c["matched"] - c["strict"], 0, missed, spurious),
            "exact": (c["exact"], c["matched"] - c["exact"], 0, missed, spurious),
            "partial": (c["exact"], 0, c["matched"] - c["exact"], missed, spurious),
            "ent_type": (c["type"], c["matched"] - c["type"], 0, missed, spurious)}


def run_nervaluate(nerv, chunk: int = 50000):
    from nervaluate import Evaluator

    true, pred = nerv
    totals = {s: np.zeros(5, dtype=np.int64) for s in ("strict", "exact", "partial", "ent_type")}
    start = time.perf_counter()
    for k in range(0, len(true), chunk):
        result = Evaluator(true[k:k + chunk], pred[k:k + chunk], tags=list(LABELS), loader="dict").evaluate()["overall"]
        for scheme in totals:
            r = result[scheme]
            totals[scheme] += (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
    return time.perf_counter() - start, {s: tuple(int(x) for x in v) for s, v in totals.items()}


def run_seqeval(tags):
    """seqeval strict IOB2 with per-label figures (timed); micro P/R/F1 for the check (not timed)."""
    from seqeval.metrics.v1 import precision_recall_fscore_support
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        per_label = precision_recall_fscore_support(tags[0], tags[1], average=None, scheme=IOB2)
        elapsed = time.perf_counter() - start
        micro = precision_recall_fscore_support(tags[0], tags[1], average="micro", scheme=IOB2)
    return elapsed, micro, per_label


def kiwi_peak_memory(documents, records) -> float:
    """Peak memory (MiB) that KIWI allocates on top of its inputs, measured with tracemalloc."""
    import tracemalloc

    tracemalloc.start()
    run_kiwi(documents, records)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def run_bootstrap(gold, documents, records):
    from kiwi_bench.scoring import PredictionBuilder, compute_statistics
    from kiwi_bench.scoring.bootstrap import bootstrap
    from kiwi_bench.scoring.headline import FAMILIES, active

    builder = PredictionBuilder(gold)
    for record in records:
        builder.add(gold.index[record["id"]], record)
    stats = compute_statistics(gold, builder.finish())
    columns = {"sentence": stats.sentence, "document": stats.document}
    families = active(list(FAMILIES), columns)
    start = time.perf_counter()
    samples = bootstrap(families, columns, 1000, 0)
    return time.perf_counter() - start, len(samples), [f.name for f in families]


def run_linking(documents, records, seed: int) -> tuple[float, int, int]:
    """Linking metrics on the same mentions: gold ids over ~1 cluster per 5 mentions, predicted ids with errors.

    A predicted mention with an exact gold twin keeps the twin's id 85% of the time (else a random
    gold cluster: a wrong link); other predicted mentions get fresh ids. The clusterings are built
    before the clock starts; timed: `linking_report` (end to end, matched, pairwise)."""
    from operator import itemgetter

    from kiwi_bench.scoring.linking import linking_report

    rng = random.Random(seed)
    n_gold = sum(len(d["entities"]) for d in documents)
    clusters = max(1, n_gold // 5)
    key = {(d["id"], e["start"], e["end"]): rng.randrange(clusters) for d in documents for e in d["entities"]}
    response = {}
    for record in records:
        for e in record["entities"]:
            mention = (record["id"], e["start"], e["end"])
            twin = key.get(mention)
            if twin is None:
                response[mention] = clusters + len(response)
            else:
                response[mention] = twin if rng.random() < 0.85 else rng.randrange(clusters)
    start = time.perf_counter()
    linking_report(key, response, itemgetter(0))
    return time.perf_counter() - start, len(key), len(response)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--sentences", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, cpus {len(__import__('os').sched_getaffinity(0))}")
    t = time.perf_counter()
    documents, records, nerv, tags = generate(args.docs, args.sentences, args.seed)
    n_gold = sum(len(d["entities"]) for d in documents)
    n_pred = sum(len(r["entities"]) for r in records)
    print(f"workload: {args.docs} documents, {len(nerv[0])} sentences, {n_gold} gold and {n_pred} predicted entities, "
          f"{sum(map(len, tags[0]))} tokens (generated in {time.perf_counter() - t:.1f} s)")

    runs = [run_kiwi(documents, records) for _ in range(3)]
    kiwi_time, gold, stats, _ = min(runs, key=lambda r: r[0])
    core_time = min(r[3] for r in runs)
    print(f"KIWI four schemes + per label, from dicts (gold and prediction columns + scoring): {kiwi_time:.2f} s; "
          f"scoring from columns (alignment + statistics): {core_time:.2f} s (best of 3)")
    print(f"peak RSS so far {peak_rss_mib():.0f} MiB (mostly the generated inputs); "
          f"KIWI's own peak allocation {kiwi_peak_memory(documents, records):.0f} MiB")
    boot_time, metrics, families = run_bootstrap(gold, documents, records)
    print(f"KIWI bootstrap, 1000 resamples of {metrics} metrics in {len(families)} families: {boot_time:.2f} s")

    link_time, n_key, n_response = run_linking(documents, records, args.seed)
    print(f"KIWI linking metrics (MUC, B3, CEAF-e, LEA, CoNLL; end to end, matched, pairwise) on {n_key} gold and "
          f"{n_response} predicted mentions: {link_time:.2f} s (target < 2 s for 1 M mentions)")

    entity_records = [{"id": r["id"], "entities": r["entities"]} for r in records]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "predictions.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            stream.writelines(json.dumps(record) + "\n" for record in entity_records)
        public_times = {"records": min(run_kiwi_public(documents, entity_records) for _ in range(2)),
                        "jsonl": min(run_kiwi_public(documents, None, path) for _ in range(2))}
    print(f"KIWI public path (gold columns, validating reader, streamed scoring; best of 2): from records "
          f"{public_times['records']:.2f} s, from a JSON Lines file {public_times['jsonl']:.2f} s")
    reading = run_field_reading(records)
    print("reading start, end, label, sentiment of the predicted entity dicts (best of 3): " + "; ".join(
        f"{name} {t:.2f} s ({t / n_pred * 1e9:.0f} ns per dict)" for name, t in reading.items())
        + f" -> pyarrow / KIWI {reading['pyarrow.array(struct)'] / reading['KIWI read_fields']:.2f}")

    seq_time, micro, _ = run_seqeval(tags)
    counts = kiwi_counts(stats)
    tp, actual, possible = counts["strict"][0], sum(counts["strict"][:3]) + counts["strict"][4], sum(counts["strict"][:4])
    agree_seqeval = np.allclose(micro[:2], (tp / actual, tp / possible), atol=1e-12)
    print(f"seqeval strict IOB2 (per label): {seq_time:.2f} s -> KIWI {seq_time / kiwi_time:.1f}x faster from dicts, "
          f"{seq_time / core_time:.1f}x from columns, {seq_time / public_times['records']:.1f}x through the public "
          f"path from records, {seq_time / public_times['jsonl']:.1f}x from the file; strict P/R agree: {agree_seqeval}")
    nerv_time, nerv_counts = run_nervaluate(nerv)
    agree = {scheme: nerv_counts[scheme] == counts[scheme] for scheme in counts}
    print(f"nervaluate (four schemes + per label): {nerv_time:.2f} s -> KIWI {nerv_time / kiwi_time:.1f}x faster from "
          f"dicts, {nerv_time / core_time:.1f}x from columns, {nerv_time / public_times['records']:.1f}x through the "
          f"public path from records, {nerv_time / public_times['jsonl']:.1f}x from the file; counts agree per scheme: {agree}")
    must = all(nerv_counts[s][0] == counts[s][0] for s in ("strict", "exact", "partial")) and all(
        sum(nerv_counts[s][k] for k in idx) == sum(counts[s][k] for k in idx)
        for s in counts for idx in ((0, 1, 2, 3), (0, 1, 2, 4)))
    print(f"  exact-span correct counts, possible and actual agree: {must} (other differences: nervaluate's "
          "order-dependent greedy per scheme vs KIWI's one alignment, see tests/test_crosscheck_ner.py)")
    for scheme in counts:
        if not agree[scheme]:
            print(f"  {scheme}: KIWI {counts[scheme]} nervaluate {nerv_counts[scheme]} (correct, incorrect, partial, missed, spurious)")
    print(f"peak RSS of the whole run: {peak_rss_mib():.0f} MiB")
    return 0 if agree_seqeval and must else 1


if __name__ == "__main__":
    sys.exit(main())
