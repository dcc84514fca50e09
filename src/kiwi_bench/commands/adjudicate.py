"""`kiwi-bench adjudicate list|apply`: the disagreement list of two passes, and the gold built from decisions."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "list disagreements between two passes (list), or build adjudicated documents from a decided log (apply)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["list", "apply"])
    parser.add_argument("pass_a", type=Path, metavar="PASS_A")
    parser.add_argument("pass_b", type=Path, metavar="PASS_B")
    parser.add_argument("--log", type=Path, help="apply: the decided adjudication log (JSON Lines)")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="list: the JSON Lines template to write; apply: folder for the adjudicated documents, "
                             "or a .jsonl file to hold them one per line (the contrast gold, dataset/source/contrast.jsonl)")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument("--labels", default="pass_a,pass_b", metavar="A,B",
                        help="list: the keys of the two values in each line (default pass_a,pass_b; "
                             "for the review of a blind pass: gold,pass_c)")


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.annotation.adjudication import apply_decisions, disagreements
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.core.jsonl import dumps_lines, load_lines
    from kiwi_bench.corpus.documents import dump_document, load_pass

    pass_a, pass_b = load_pass(args.pass_a), load_pass(args.pass_b)
    if args.action == "list":
        if args.output.exists() and not args.force:
            raise KiwiError([Problem(str(args.output), "-", "exists; use --force to overwrite")])
        labels = args.labels.split(",")
        if len(labels) != 2 or not all(labels) or labels[0] == labels[1]:
            raise KiwiError([Problem("--labels", "-", "two different names separated by a comma, e.g. gold,pass_c")])
        lines = [{"doc": line["doc"], "item": line["item"], labels[0]: line["pass_a"], labels[1]: line["pass_b"],
                  **{k: v for k, v in line.items() if k not in ("doc", "item", "pass_a", "pass_b")}}
                 for line in disagreements(pass_a, pass_b)]
        write_text_atomic(args.output, dumps_lines(lines))
        print(f"wrote {len(lines)} disagreement(s) to {args.output}")
        return 0
    if args.log is None:
        raise KiwiError("apply needs --log")
    documents = apply_decisions(pass_a, pass_b, load_lines(args.log), str(args.log))
    if args.output.suffix == ".jsonl":
        from kiwi_bench.corpus.contrast import item_sort_key

        if args.output.exists() and not args.force:
            raise KiwiError([Problem(str(args.output), "-", "exists; use --force to overwrite")])
        write_text_atomic(args.output, dumps_lines(sorted(documents, key=lambda d: item_sort_key(d["id"]))))
        print(f"wrote {args.output}: {len(documents)} documents")
        return 0
    targets = [args.output / f"{d['id']}.json" for d in documents]
    existing = [t for t in targets if t.exists()]
    if existing and not args.force:
        raise KiwiError([Problem(str(t), "-", "exists; use --force to overwrite") for t in existing])
    for document, target in zip(documents, targets):
        write_text_atomic(target, dump_document(document))
        print(f"wrote {target}")
    return 0
