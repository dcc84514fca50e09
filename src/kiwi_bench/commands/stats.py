"""`kiwi-bench stats`: counts per split and language, as a table or JSON."""

from __future__ import annotations

import argparse

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = ("print dataset statistics per split and language (documents, sentences, tokens, entities, amounts, sentiment), "
        "and of the contrast items")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from kiwi_bench.corpus.contrast import load_contrast
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.corpus.stats import compute_stats, contrast_stats, text_table

    stats = compute_stats(load_documents(dataset_dir(args)))
    items = load_contrast(dataset_dir(args))
    contrast = contrast_stats(items) if items else None
    if args.json:
        print(json.dumps({**stats, "contrast": contrast}, indent=2, ensure_ascii=False))
        return 0
    print(text_table(stats))
    if contrast:
        print(f"\ncontrast set (constructed one-sentence items, not articles): {contrast['items']} items in "
              f"{contrast['bundles']} bundles ({contrast['edits']} edits), {contrast['tokens']} tokens, "
              f"{contrast['entities']} entities ({contrast['distinct_entity_ids']} distinct ids), {contrast['amounts']} amounts; "
              "sentence sentiment " + ", ".join(f"{k} {v}" for k, v in contrast["sentence_sentiment"].items()))
    return 0
