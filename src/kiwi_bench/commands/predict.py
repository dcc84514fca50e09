"""`kiwi-bench predict NAME|module:Class --split test -o preds.jsonl`: run an extractor, write its predictions."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.metadata import SPLITS
from kiwi_bench.corpus.splits import CONTRAST

HELP = ("fit an extractor (a registered baseline or any importable module:Class) on the training split, "
        "predict a split, and write checked JSON Lines predictions")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("extractor", metavar="NAME|module:Class",
                        help="a registered baseline (floor, rules, crf) or a class 'package.module:Class' importable from here")
    parser.add_argument("--split", required=True, choices=(*SPLITS, CONTRAST),
                        help="the split to predict (contrast: the contrast items, one-sentence edits of test sentences)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the prediction file to write (JSON Lines)")
    parser.add_argument("--train-split", nargs="+", choices=SPLITS, default=["train"], metavar="SPLIT",
                        help="split(s) the extractor is fitted on when it has fit() (default: train)")
    parser.add_argument("--config", type=Path, default=None,
                        help="TOML file passed to the extractor's constructor (default: none; baselines use their built-in parameters, "
                             "which equal baselines/<name>/config.toml)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.baselines.config import load_config
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.progress import progress
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.systems.extractors import dump_jsonl, is_trainable, load_extractor, run_extractor

    if args.split in args.train_split:
        raise KiwiError(f"--train-split {' '.join(args.train_split)} includes the predicted split {args.split!r}")
    if os.getcwd() not in sys.path:  # user code next to the caller, as with `python -m`
        sys.path.insert(0, os.getcwd())
    config = load_config(args.config) if args.config is not None else None
    extractor = load_extractor(args.extractor, config)
    documents = load_documents(dataset_dir(args))
    if args.split == CONTRAST:
        from kiwi_bench.corpus.contrast import load_contrast

        documents += load_contrast(dataset_dir(args))
    targets = [d for d in documents if d["split"] == args.split]
    train = [d for d in documents if d["split"] in args.train_split]
    if not targets:
        raise KiwiError(f"no documents in split {args.split!r} of {dataset_dir(args)}")
    steps = len(targets) + (1 if is_trainable(extractor) and train else 0)
    with progress(total=steps, desc=f"{args.extractor} {args.split}", unit="step", disable=args.no_progress) as bar:
        def step(what: str) -> None:
            bar.set_postfix_str(what)
            bar.update()

        records = run_extractor(extractor, train, targets, args.extractor, step)
    write_text_atomic(args.output, dump_jsonl(records))
    shown = ", ".join(r["id"] for r in records[:10]) + (f" and {len(records) - 10} more" if len(records) > 10 else "")
    print(f"wrote {args.output}: {len(records)} documents ({shown})")
    return 0
