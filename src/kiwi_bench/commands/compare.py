"""`kiwi-bench compare A B --split test`: paired bootstrap comparison of two prediction files."""

from __future__ import annotations

import argparse
import json
import sys

from kiwi_bench.commands.evaluate import add_scoring_arguments, load

HELP = "compare two prediction files on the same split: paired bootstrap p-value per headline metric"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="first prediction file (JSON Lines)")
    parser.add_argument("b", metavar="B", help="second prediction file (JSON Lines)")
    add_scoring_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.reporting.text import render_comparison
    from kiwi_bench.scoring import BATCH_ITEMS, compare, evaluate

    if args.a == "-" and args.b == "-":
        raise KiwiError("only one of A and B can be standard input")
    evaluations = []
    for source in (args.a, args.b):
        _, gold, read = load(args, source, BATCH_ITEMS)  # statistics only: both are split-sized
        evaluations.append(evaluate(gold, read.predictions, split=args.split, resamples=0, seed=args.seed,
                                    missing=read.missing))
    result = compare(*evaluations, resamples=args.resamples, seed=args.seed)
    result = {**result, "a": args.a, "b": args.b}
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_comparison(result, args.a, args.b))
    return 0
