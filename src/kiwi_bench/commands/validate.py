"""`kiwi-bench validate [FILE ...]`: check gold files against the schema and the annotation spec."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = ("validate gold documents (default: every dataset/source/*.json and the contrast items of "
        "dataset/source/contrast.jsonl) against the schema and the spec; "
        "--integrity also checks every file listed in dataset/SHA256SUMS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="documents in gold format, or a .jsonl file of contrast items (default: the gold sources)")
    parser.add_argument("--require-complete", action="store_true", help="treat unfinished annotation layers as errors")
    parser.add_argument("--integrity", action="store_true",
                        help="also check the sha256 of every file in dataset/SHA256SUMS (built files, raw texts, gold)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.corpus.validate import check_dataset

    for line in check_dataset(dataset_dir(args), args.files, require_complete=args.require_complete,
                              integrity=args.integrity):
        print(line)
    return 0
