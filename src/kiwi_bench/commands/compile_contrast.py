"""`kiwi-bench compile-contrast`: compile both contrast-set passes (surface strings) into documents with offsets."""

from __future__ import annotations

import argparse

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = ("compile the contrast set's intended and blind passes (dataset/annotation/contrast) into "
        "compiled/intended.jsonl and compiled/blind.jsonl, one-sentence documents with offsets")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.annotation.contrast import COMPILED, compile_passes
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.jsonl import dumps_lines
    from kiwi_bench.corpus.documents import load_documents

    root = dataset_dir(args)
    folder = root / "annotation" / "contrast"
    for name, documents in compile_passes(folder, load_documents(root)).items():
        target = folder / COMPILED / f"{name}.jsonl"
        write_text_atomic(target, dumps_lines(documents))
        print(f"wrote {target}: {len(documents)} items, {sum(len(d['entities']) for d in documents)} entities, "
              f"{sum(len(d['amounts']) for d in documents)} amounts")
    return 0
