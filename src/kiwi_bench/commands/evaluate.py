"""`kiwi-bench evaluate PRED --split test`: score a prediction file (JSON Lines, or - for stdin)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiwi_bench.core.labels import SPLITS
from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "score a prediction file against the gold of a split (tables, --json, or --format conll)"


def add_scoring_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared with `compare`: split, dataset, bootstrap settings, missing documents, JSON."""
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="test",
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


def load(args: argparse.Namespace, source: str, batch_items: int | None = None):
    """Gold of the split and the validated predictions of `source` -> (documents, gold, read result).

    With `batch_items` the predictions are scored batch by batch while they are read (the read
    result then holds their statistics, enough for `evaluate` and `compare` but not for exports),
    so memory does not grow with the number of predicted items.
    """
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.api.predictions import read_predictions
    from kiwi_bench.scoring import load_gold

    if args.resamples < 0:
        raise KiwiError("--resamples must be >= 0")
    everything = load_documents(dataset_dir(args))
    documents = [document for document in everything if args.split in (document["split"], "all")]
    if not documents:
        raise KiwiError(f"no gold documents in split {args.split} under {dataset_dir(args)}")
    gold = load_gold(documents)
    other = {document["id"]: document["split"] for document in everything if document["split"] != args.split}
    return documents, gold, read_predictions(source, gold, args.split, allow_missing=args.allow_missing,
                                             other_splits=other, batch_items=batch_items)


def _write(args: argparse.Namespace, text: str) -> None:
    from kiwi_bench.core.atomic import write_text_atomic

    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(args.output, text)


def _export_conll(args: argparse.Namespace, documents, gold, read) -> int:
    from io import StringIO

    from kiwi_bench.exports.conll import predicted_spans, write_conll
    from kiwi_bench.scoring import data_hash, signature

    buffer = StringIO()
    summary = write_conll(buffer, documents, predicted_spans(read.predictions, gold, args.layer), args.layer)
    _write(args, buffer.getvalue())
    sig = signature(data_hash(gold.documents), args.split, 0, args.seed, len(read.missing))
    print(f"conll: {summary.tokens} tokens, {summary.sentences} sentences ({args.layer}); signature: {sig}",
          file=sys.stderr)
    for note in summary.notes:
        print(f"conll: warning: {note}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.reporting.text import render_text, to_json
    from kiwi_bench.scoring import BATCH_ITEMS, evaluate

    output_format = args.format or ("json" if args.json else "text")
    # The CoNLL export needs every predicted span; scoring only needs statistics, summed per batch.
    documents, gold, read = load(args, args.predictions, None if output_format == "conll" else BATCH_ITEMS)
    if output_format == "conll":
        return _export_conll(args, documents, gold, read)
    result = evaluate(gold, read.predictions, split=args.split, resamples=args.resamples, seed=args.seed,
                      missing=read.missing).report
    _write(args, to_json(result) if output_format == "json" else render_text(result))
    return 0
