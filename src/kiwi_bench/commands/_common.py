"""Arguments shared by several subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.corpus.documents import default_dataset_dir


def add_dataset_argument(parser: argparse.ArgumentParser) -> None:
    """--dataset DIR, defaulting to $KIWI_DATASET, ./dataset or the source tree's dataset/."""
    parser.add_argument(
        "--dataset",
        type=Path,
        default=None,
        help="dataset directory (default: $KIWI_DATASET, ./dataset, or the package's source tree)",
    )


def dataset_dir(args: argparse.Namespace) -> Path:
    """The dataset directory chosen by --dataset or the default."""
    return args.dataset if args.dataset is not None else default_dataset_dir()
