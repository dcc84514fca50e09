"""Benchmark: peak memory of `kiwi-bench evaluate` on a ~1 GB prediction file, next to the gold's size.

    .venv/bin/python benchmarks/memory_large.py                       # ~1 GB predictions (a few minutes)
    .venv/bin/python benchmarks/memory_large.py --target-bytes 1e8    # quick

Workload (seeded): a temporary dataset directory whose test split holds `--docs` synthetic documents
with the structure of the real gold (each is a copy of one of the five KIWI gold documents under a new
id: same text, sentences, entities, amounts and sentiment), so prediction ids are unique per split as
the format requires. Four prediction files for that split are scored, each by `kiwi-bench evaluate
PRED --split test --json` in its own subprocess (default 1000 bootstrap resamples), and the peak
resident set size of each child is read with os.wait4:

  ids-only      every document's id and nothing else: imports and the gold, nothing scored
  empty-layers  every layer predicted but empty: adds the per-sentence statistics and the bootstrap of
                every family, which are gold-sized; this is the gold-only baseline of the last columns
  system        a realistic noisy system: gold entities kept, shifted, relabelled or missed, a few
                spurious ones, amounts with some wrong values, every sentence and the document sentiment
  n-best        the same plus, for every capitalised word, its three best labels (overlapping
                predictions are legal), which brings the file to about --target-bytes

The number of documents is chosen so that the n-best file reaches --target-bytes. Peak memory is
printed next to the gold's size on disk and the number of predicted items; nothing is kept unless
--keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kiwi_bench.corpus.documents import dump_document, load_documents  # noqa: E402

LABELS = ("PER", "ORG", "LOC", "PRODUCT", "MISC")
ENTITY_SENTIMENTS = ("positive", "negative", "neutral")
SENTIMENTS = ("positive", "negative", "neutral", "mixed")
CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w\-]+")
NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")


def templates() -> list[dict]:
    """The real gold documents, whose structure every synthetic document copies."""
    return load_documents(ROOT / "dataset")


def synthetic_document(template: dict, number: int) -> dict:
    document = dict(template)
    document.update({"id": f"kiwi-s{number:07d}", "split": "test"})
    return document


def system_record(document: dict, rng: random.Random, n_best: bool) -> dict:
    """A noisy system's output for one document (see the module docstring)."""
    text, entities, taken = document["text"], [], set()
    for e in document["entities"]:
        r = rng.random()
        item = {"start": e["start"], "end": e["end"], "label": e["label"], "sentiment": e["sentiment"]}
        if r < 0.10:
            continue
        if r < 0.18:
            item["end"] = min(len(text), item["end"] + rng.choice((-1, 1, 2))) if item["end"] - item["start"] > 1 else item["end"]
        elif r < 0.25:
            item["label"] = rng.choice(LABELS)
        elif r < 0.32:
            item["sentiment"] = rng.choice(ENTITY_SENTIMENTS)
        entities.append(item)
        taken.add((e["start"], e["end"]))
    candidates = [(m.start(), m.end()) for m in CAPITALISED.finditer(text)]
    for start, end in candidates:
        if n_best:
            for label in rng.sample(LABELS, 3):
                entities.append({"start": start, "end": end, "label": label, "sentiment": rng.choice(ENTITY_SENTIMENTS)})
        elif (start, end) not in taken and rng.random() < 0.05:
            entities.append({"start": start, "end": end, "label": rng.choice(LABELS)})
    amounts = []
    for a in document["amounts"]:
        if rng.random() < 0.1:
            continue
        value = a["value"] if rng.random() < 0.85 else a["value"] * rng.choice((10, 0.001))
        amounts.append({"start": a["start"], "end": a["end"], "kind": a["kind"], "value": value,
                        "currency": a["currency"], "qualifier": a["qualifier"], "per": a["per"], "unit": a["unit"]})
    if n_best:
        gold_spans = {(a["start"], a["end"]) for a in document["amounts"]}
        for m in NUMERAL.finditer(text):
            if (m.start(), m.end()) not in gold_spans:
                amounts.append({"start": m.start(), "end": m.end(), "kind": "count",
                                "value": float(m.group().replace(".", "").replace(",", ".")), "currency": None})
    sentences = [{"id": s["id"], "sentiment": s["sentiment"] if rng.random() < 0.7 else rng.choice(SENTIMENTS)}
                 for s in document["sentences"]]
    return {"id": document["id"], "entities": entities, "amounts": amounts, "sentences": sentences,
            "sentiment": document["sentiment"] if rng.random() < 0.6 else rng.choice(SENTIMENTS)}


def record_sizes(sources: list[dict], seed: int) -> float:
    rng = random.Random(seed)
    return sum(len(json.dumps(system_record(t, rng, True), ensure_ascii=False)) + 1 for t in sources) / len(sources)


def write_dataset(root: Path, sources: list[dict], docs: int) -> tuple[int, int]:
    """The synthetic test split under root/source; (bytes on disk, gold entities)."""
    (root / "source").mkdir(parents=True)
    size = entities = 0
    for number in range(docs):
        document = synthetic_document(sources[number % len(sources)], number)
        data = dump_document(document).encode("utf-8")
        (root / "source" / f"{document['id']}.json").write_bytes(data)
        size += len(data)
        entities += len(document["entities"])
    return size, entities


def write_predictions(path: Path, sources: list[dict], docs: int, mode: str, seed: int) -> tuple[int, int]:
    """One prediction file; (bytes, predicted entities + amounts)."""
    rng = random.Random(seed)
    items = 0
    with path.open("w", encoding="utf-8") as stream:
        for number in range(docs):
            document = synthetic_document(sources[number % len(sources)], number)
            if mode == "ids-only":
                record = {"id": document["id"]}
            elif mode == "empty-layers":
                record = {"id": document["id"], "entities": [], "amounts": [], "sentences": [],
                          "sentiment": document["sentiment"]}
            else:
                record = system_record(document, rng, mode == "n-best")
                items += len(record["entities"]) + len(record["amounts"])
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size, items


def evaluate(dataset: Path, predictions: Path, resamples: int) -> tuple[int, float, int]:
    """(exit code, seconds, peak RSS in bytes) of one `kiwi-bench evaluate` child."""
    argv = [sys.executable, "-m", "kiwi_bench.cli", "evaluate", str(predictions), "--split", "test", "--json",
            "--dataset", str(dataset), "--resamples", str(resamples)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    error = child.stderr.read().decode("utf-8", errors="replace")
    child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"evaluate failed ({code}): {error[:2000]}")
    return code, elapsed, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target-bytes", type=float, default=1e9, help="size of the n-best prediction file (default 1e9)")
    parser.add_argument("--docs", type=int, default=None, help="synthetic documents (default: enough for --target-bytes)")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="where to create the temporary directory")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    sources = templates()
    docs = args.docs or max(1, round(args.target_bytes / record_sizes(sources, args.seed)))
    work = Path(tempfile.mkdtemp(prefix="kiwi-memory-", dir=args.workdir))
    try:
        started = time.perf_counter()
        gold_bytes, gold_entities = write_dataset(work / "dataset", sources, docs)
        files = {mode: work / f"{mode}.jsonl" for mode in ("ids-only", "empty-layers", "system", "n-best")}
        sizes = {mode: write_predictions(path, sources, docs, mode, args.seed) for mode, path in files.items()}
        print(f"generated in {time.perf_counter() - started:.0f} s under {work}", file=sys.stderr)
        print(f"gold: {docs:,} documents (test split), {gold_entities:,} entities, {mib(gold_bytes)} of JSON on disk")
        print(f"python {platform.python_version()}, {platform.machine()}, resamples {args.resamples}")
        print("| predictions | file | predicted entities + amounts | peak RSS | peak RSS - empty-layers "
              "| per predicted item | time |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        baseline = None
        for mode, path in files.items():
            _, seconds, peak = evaluate(work / "dataset", path, args.resamples)
            size, items = sizes[mode]
            if mode == "empty-layers":
                baseline = peak
            extra = f"{mib(peak - baseline)}" if baseline is not None else "-"
            per_item = f"{(peak - baseline) / items:,.0f} B" if baseline is not None and items else "-"
            print(f"| {mode} | {mib(size)} | {items:,} | {mib(peak)} | {extra} | {per_item} | {seconds:.0f} s |",
                  flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
