"""`kiwi-bench compare A B --split test`: paired bootstrap comparison of two prediction files."""

from __future__ import annotations

import argparse
import sys

from kiwi_bench.commands._common import scoring_dataset
from kiwi_bench.commands.evaluate import add_scoring_arguments

HELP = "compare two prediction files on the same split: paired bootstrap p-value per headline metric"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="first prediction file (JSON Lines)")
    parser.add_argument("b", metavar="B", help="second prediction file (JSON Lines)")
    add_scoring_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.api.evaluate import compare
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.reporting.text import render_comparison

    if args.a == "-" and args.b == "-":
        raise KiwiError("only one of A and B can be standard input")
    result = compare(args.a, args.b, split=args.split, dataset=scoring_dataset(args), resamples=args.resamples,
                     seed=args.seed, allow_missing=args.allow_missing)
    sys.stdout.write(result.to_json() if args.json else render_comparison(result.report, args.a, args.b))
    return 0
