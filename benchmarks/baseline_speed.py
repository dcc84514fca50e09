"""Tokens per second of each baseline's prediction, next to spaCy's blank tokenizer on the same text.

Every baseline is fitted on the train split (not timed), then predicts all five documents
`--repeat` times; spaCy's blank de/nl tokenizer (the peer: the least any token-level system must
do) tokenises the same texts the same number of times in the same run. The ratio shows how much
each baseline adds over tokenisation. Usage:

    .venv/bin/python benchmarks/baseline_speed.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kiwi_bench.core.tokens import blank_pipeline, tokenize
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.systems.extractors import BASELINES, load_extractor, strip_annotations

ROOT = Path(__file__).resolve().parents[1]


def spacy_seconds(documents: list[dict], repeat: int) -> float:
    """Time of spaCy's blank tokenizer (make_doc) over every document, `repeat` times."""
    pipelines = {d["language"]: blank_pipeline(d["language"]) for d in documents}
    start = time.perf_counter()
    for _ in range(repeat):
        for document in documents:
            pipelines[document["language"]].make_doc(document["text"])
    return time.perf_counter() - start


def baseline_seconds(name: str, documents: list[dict], repeat: int) -> float:
    """Time of one baseline's predict() over every (stripped) document, `repeat` times."""
    extractor = load_extractor(name)
    if hasattr(extractor, "fit"):
        extractor.fit([d for d in documents if d["split"] == "train"])
    inputs = [strip_annotations(d) for d in documents]
    start = time.perf_counter()
    for _ in range(repeat):
        extractor.predict(inputs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    documents = load_documents(ROOT / "dataset")
    tokens = sum(len(tokenize(d["text"], d["language"])) for d in documents) * args.repeat
    peer = spacy_seconds(documents, args.repeat)
    print(f"{tokens} tokens ({args.repeat} x 5 documents)")
    print(f"{'system':<24}{'seconds':>10}{'tokens/s':>14}{'x spaCy time':>14}")
    print(f"{'spaCy blank tokenizer':<24}{peer:>10.3f}{tokens / peer:>14,.0f}{1.0:>14.1f}")
    for name in sorted(BASELINES):
        seconds = baseline_seconds(name, documents, args.repeat)
        print(f"{name:<24}{seconds:>10.3f}{tokens / seconds:>14,.0f}{seconds / peer:>14.1f}")


if __name__ == "__main__":
    main()
