"""`kiwi-bench leaderboard`: score the committed baseline predictions and write scores, LEADERBOARD.md and the figure."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "score baselines/<name>/predictions/*.jsonl into scores/*.json, and write baselines/LEADERBOARD.md and leaderboard.png"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--baselines-dir", type=Path, default=None, help="folder of the baselines (default: ./baselines)")
    parser.add_argument("--results-dir", type=Path, default=None,
                        help="folder of submitted LLM runs, results/<name>/, scored from their predictions "
                             "(default: results/ beside the baselines folder)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.baselines.config import default_baselines_dir
    from kiwi_bench.reporting.leaderboard import write_leaderboard

    baselines_dir = args.baselines_dir or default_baselines_dir()
    results_dir = args.results_dir or baselines_dir.resolve().parent / "results"
    print(write_leaderboard(baselines_dir, results_dir, dataset_dir(args)))
    return 0
