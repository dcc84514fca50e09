"""`kiwi-bench ground REPLIES -o PRED`: place LLM-style replies (cited sentence + text) at offsets in the gold text."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, scoring_dataset

HELP = ("ground replies in the LLM reply format (one JSON object per line with the document 'id') to offsets: "
        "span-based predictions with 'ungrounded', and the grounding statistics")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("replies", type=Path, help="JSON Lines: {\"id\": \"kiwi-001\", \"sentiment\": ..., \"sentences\": [...], "
                                                   "\"entities\": [...], \"amounts\": [...]} per line (schema/llm-reply.schema.json plus id)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="span-based prediction file to write (format 1.2)")
    parser.add_argument("--span-free", type=Path, default=None, help="also write every item span-free to this file")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.api.gold import all_documents
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.systems.extractors import dump_jsonl
    from kiwi_bench.systems.llm.grounding import STATUSES, ground_file

    records, span_free, counts = ground_file(args.replies, all_documents(scoring_dataset(args)))
    write_text_atomic(args.output, dump_jsonl(records))
    if args.span_free is not None:
        write_text_atomic(args.span_free, dump_jsonl(span_free))
    print(f"wrote {args.output}: {len(records)} documents")
    for layer, by_status in counts.items():
        print(f"{layer}: " + ", ".join(f"{status} {by_status.get(status, 0)}" for status in STATUSES))
    return 0
