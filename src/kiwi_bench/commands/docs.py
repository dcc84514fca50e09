"""`kiwi-bench docs [--check]`: regenerate (or verify) the generated blocks of README.md and DATASHEET.md."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "regenerate the numbers in README.md and DATASHEET.md from the data; --check fails if any is stale"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="fail if a generated block is out of date")
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.reporting.docs_blocks import refresh, stale_blocks

    if args.check:
        stale = stale_blocks(args.root)
        if stale:
            raise KiwiError([Problem(item.split(":")[0], item.split(":")[1], "generated block is stale: run `kiwi-bench docs`") for item in stale])
        print("ok: generated blocks are current")
        return 0
    for name in refresh(args.root):
        print(f"updated {name}")
    return 0
