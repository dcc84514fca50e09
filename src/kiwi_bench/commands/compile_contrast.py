"""`kiwi-bench compile-contrast`: compile both contrast-set passes (surface strings) into documents with offsets."""

from __future__ import annotations

import argparse

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = ("compile the contrast set's intended and blind passes (dataset/annotation/contrast) into "
        "compiled/intended.jsonl and compiled/blind.jsonl, one-sentence documents with offsets")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.annotation.contrast import write_compiled_passes

    for line in write_compiled_passes(dataset_dir(args)):
        print(line)
    return 0
