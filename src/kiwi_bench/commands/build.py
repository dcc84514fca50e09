"""`kiwi-bench build [--check]`: write (or verify) the Hugging Face dataset directory."""

from __future__ import annotations

import argparse

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "build the Hugging Face dataset directory (card, Croissant, Parquet) from the gold; --check verifies it is up to date"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="rebuild in memory and fail if any committed file differs")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.release.build import check_build, write_build

    root = dataset_dir(args)
    if args.check:
        problems = check_build(root)
        if problems:
            raise KiwiError(problems)
        print(f"ok: {root} is byte-identical to a fresh build")
        return 0
    for relative in write_build(root):
        print(f"wrote {root / relative}")
    return 0
