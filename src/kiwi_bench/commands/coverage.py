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
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.corpus.coverage import annotated_tokens, load_exclusions, stale_exclusions, unreviewed
    from kiwi_bench.corpus.documents import load_documents

    root = dataset_dir(args)
    documents = load_documents(root)
    missing = unreviewed(documents, load_exclusions(root))
    if args.template:
        annotated = annotated_tokens(documents)
        keys = sorted({c.occurrence_key if c.key in annotated else c.key for c in missing})
        write_text_atomic(args.template, json.dumps({key: "" for key in keys}, ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {len(keys)} candidate key(s) to {args.template}")
        return 0
    stale = stale_exclusions(documents, load_exclusions(root))
    if stale:
        raise KiwiError([Problem(str(root / "annotation" / "coverage-exclusions.json"), key, "stale exclusion: no such candidate; remove it")
                         for key in stale])
    if missing:
        texts = {d["id"]: d["text"] for d in documents}
        raise KiwiError([Problem(f"{c.doc_id}", str(c.start), f"unreviewed {c.kind} {c.token!r} in "
                                 f"{texts[c.doc_id][max(0, c.start - 30):c.start + 30]!r}") for c in missing])
    print("ok: every name and numeral is annotated or excluded with a reason")
    return 0
