"""`kiwi-bench coverage`: names and numerals of the gold that are neither annotated nor excluded with a reason."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "list capitalised and numeral tokens outside annotations that the reviewed exclusion list does not cover"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", type=Path, help="write the unreviewed candidates as a JSON object key -> '' to fill in")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.corpus.coverage import annotated_tokens, check_coverage, load_exclusions, unreviewed
    from kiwi_bench.corpus.documents import load_documents

    root = dataset_dir(args)
    if args.template:
        documents = load_documents(root)
        missing = unreviewed(documents, load_exclusions(root))
        annotated = annotated_tokens(documents)
        keys = sorted({c.occurrence_key if c.key in annotated else c.key for c in missing})
        write_text_atomic(args.template, json.dumps({key: "" for key in keys}, ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {len(keys)} candidate key(s) to {args.template}")
        return 0
    print(check_coverage(root))
    return 0
