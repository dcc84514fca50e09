"""`kiwi-bench evaluate PRED --split test`: score a prediction file (JSON Lines, or - for stdin)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, scoring_dataset
from kiwi_bench.corpus.splits import SPLIT_CHOICES

HELP = "score a prediction file against the gold of a split (tables, --json, or --format conll)"


def add_scoring_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared with `compare`: split, dataset, bootstrap settings, missing documents, JSON."""
    parser.add_argument("--split", choices=SPLIT_CHOICES, default="test",
                        help="the gold split to score against (default: test; all: every document, e.g. for "
                             "leave-one-document-out predictions)")
    add_dataset_argument(parser)
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000; 0: no intervals)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument("--allow-missing", action="store_true", help="score documents absent from the file as empty")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("predictions", metavar="PRED", help="prediction file (JSON Lines), or - for standard input")
    add_scoring_arguments(parser)
    parser.add_argument("--format", choices=("text", "json", "conll"), default=None,
                        help="output: text tables (default), json, or a CoNLL IOB2 export (token gold predicted)")
    parser.add_argument("--layer", choices=("entities", "amounts"), default="entities",
                        help="layer of the CoNLL export (default: entities)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write the output to FILE instead of stdout")


def _write(args: argparse.Namespace, text: str) -> None:
    from kiwi_bench.core.atomic import write_text_atomic

    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(args.output, text)


def _export_conll(args: argparse.Namespace, scoring) -> int:
    from io import StringIO

    from kiwi_bench.exports.conll import predicted_spans, write_conll
    from kiwi_bench.scoring import data_hash, signature

    buffer = StringIO()
    read, gold = scoring.read, scoring.gold
    summary = write_conll(buffer, scoring.documents, predicted_spans(read.predictions, gold, args.layer), args.layer)
    _write(args, buffer.getvalue())
    sig = signature(data_hash(gold.documents), args.split, 0, args.seed, len(read.missing))
    print(f"conll: {summary.tokens} tokens, {summary.sentences} sentences ({args.layer}); signature: {sig}",
          file=sys.stderr)
    for note in summary.notes:
        print(f"conll: warning: {note}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.api.evaluate import evaluate, read_scoring
    from kiwi_bench.reporting.text import render_text

    output_format = args.format or ("json" if args.json else "text")
    if output_format == "conll":  # the CoNLL export needs every predicted span, not only the statistics
        scoring = read_scoring(args.predictions, split=args.split, dataset=scoring_dataset(args),
                               allow_missing=args.allow_missing, streaming=False)
        return _export_conll(args, scoring)
    result = evaluate(args.predictions, split=args.split, dataset=scoring_dataset(args), resamples=args.resamples,
                      seed=args.seed, allow_missing=args.allow_missing)
    _write(args, result.to_json() if output_format == "json" else render_text(result.report))
    return 0
