"""`kiwi-bench stats`: counts per split and language, as a table or JSON."""

from __future__ import annotations

import argparse

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "print dataset statistics per split and language (documents, sentences, tokens, entities, amounts, sentiment)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.corpus.stats import compute_stats, text_table

    stats = compute_stats(load_documents(dataset_dir(args)))
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else text_table(stats))
    return 0
