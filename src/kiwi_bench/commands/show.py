"""`kiwi-bench show DOC_ID [--predictions P] -o page.html`: one document as a self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, scoring_dataset
from kiwi_bench.corpus.splits import SPLIT_CHOICES

HELP = "render one document's gold annotations (and a system's errors with --predictions) as an HTML page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc_id", metavar="DOC_ID", help="a document id, e.g. kiwi-001, or a contrast item id, e.g. kiwi-001-s4-c2")
    parser.add_argument("--split", choices=SPLIT_CHOICES, default=None,
                        help="look the id up in this split only (default: every article and contrast item)")
    parser.add_argument("--predictions", metavar="P", default=None,
                        help="a prediction file (JSON Lines, or - for standard input): show gold and predicted "
                             "side by side with errors marked")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="write the page to FILE (default: standard output)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.api.gold import all_documents, contrast_documents, split_documents
    from kiwi_bench.api.predictions import record_of
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.reporting.viewer import render_document

    dataset = scoring_dataset(args)
    if args.split is None:
        documents = all_documents(dataset) + (contrast_documents(dataset) if dataset is None or isinstance(dataset, Path) else [])
    else:
        documents = split_documents(args.split, dataset)[0]
    by_id = {document["id"]: document for document in documents}
    if args.doc_id not in by_id:
        where = dataset if dataset is not None else "the packaged gold"
        known = sorted(by_id)
        listed = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
        raise KiwiError(f"unknown document {args.doc_id!r} in {where} (known: {listed})")
    prediction = record_of(args.predictions, documents, args.doc_id) if args.predictions else None
    page = render_document(by_id[args.doc_id], prediction, predictions_name=args.predictions, corpus=documents)
    if args.output is None:
        sys.stdout.write(page)
    else:
        write_text_atomic(args.output, page)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
