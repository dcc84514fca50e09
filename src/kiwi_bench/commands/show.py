"""`kiwi-bench show DOC_ID [--predictions P] -o page.html`: one document as a self-contained HTML page."""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "render one document's gold annotations (and a system's errors with --predictions) as an HTML page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc_id", metavar="DOC_ID", help="a document id, e.g. kiwi-001")
    parser.add_argument("--predictions", metavar="P", default=None,
                        help="a prediction file (JSON Lines, or - for standard input): show gold and predicted "
                             "side by side with errors marked")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="write the page to FILE (default: standard output)")
    add_dataset_argument(parser)


def read_prediction(source: str, documents: list[dict], doc_id: str) -> dict[str, Any]:
    """The record of `doc_id` in the prediction file `source`, after validating the whole file.

    The file is checked by the project's prediction reader (schema, spans, ids, one mode per
    layer) against every gold document of the dataset, whatever its split, so that a file for
    any split can be shown; documents absent from the file are allowed."""
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.api.predictions import collect, decode_record, iter_lines
    from kiwi_bench.scoring import load_gold

    gold = load_gold(documents)
    found: dict[str, dict] = {}

    def decoded(lines: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
        for line, item in lines:
            if isinstance(item, str):
                value, error = decode_record(item)
                if error is None and isinstance(value, dict):
                    if value.get("id") == doc_id and doc_id not in found:
                        found[doc_id] = copy.deepcopy(value)
                    item = value
            yield line, item

    name = "<stdin>" if source == "-" else source
    if source == "-":
        collect(decoded(iter_lines(sys.stdin.buffer, name)), gold, name, "all", allow_missing=True)
    else:
        try:
            with open(source, "rb") as stream:
                collect(decoded(iter_lines(stream, name)), gold, name, "all", allow_missing=True)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
            raise KiwiError([Problem(name, "0", f"file: cannot read ({error.strerror})")]) from None
    if doc_id not in found:
        raise KiwiError([Problem(name, "EOF", f"id: no record for document {doc_id!r} in the file")])
    return found[doc_id]


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.corpus.documents import load_documents
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.reporting.viewer import render_document

    documents = load_documents(dataset_dir(args))
    by_id = {document["id"]: document for document in documents}
    if args.doc_id not in by_id:
        known = ", ".join(sorted(by_id)) or "none"
        raise KiwiError(f"unknown document {args.doc_id!r} under {dataset_dir(args)} (known: {known})")
    prediction = read_prediction(args.predictions, documents, args.doc_id) if args.predictions else None
    page = render_document(by_id[args.doc_id], prediction, predictions_name=args.predictions)
    if args.output is None:
        sys.stdout.write(page)
    else:
        write_text_atomic(args.output, page)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
