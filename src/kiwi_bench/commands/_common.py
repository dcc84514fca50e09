"""Arguments shared by several subcommands."""

from __future__ import annotations

import argparse
import os
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


def scoring_dataset(args: argparse.Namespace) -> Path | None:
    """The gold of a scoring command: --dataset or $KIWI_DATASET, else None (the gold shipped with the package)."""
    if args.dataset is not None:
        return args.dataset
    return Path(os.environ["KIWI_DATASET"]) if os.environ.get("KIWI_DATASET") else None
