"""`kiwi-bench agreement PASS_A PASS_B`: inter-annotator agreement between two annotation passes."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "inter-annotator agreement between two pass folders of compiled documents (kiwi-*.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pass_a", type=Path, metavar="PASS_A",
                        help="folder of pass A documents (e.g. dataset/annotation/pass-a), or a JSON Lines file of them "
                             "(e.g. dataset/annotation/contrast/compiled/intended.jsonl)")
    parser.add_argument("pass_b", type=Path, metavar="PASS_B", help="folder or JSON Lines file of pass B documents")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--guidelines", type=Path, default=None,
                        help="guidelines file; adds agreement on the sentences it does not cite (e.g. ANNOTATION_GUIDELINES.md)")


def load_pass(folder: Path) -> list[dict]:
    """The compiled documents of a pass folder, or of a JSON Lines file (one document per line, as the contrast
    set's compiled passes); an empty or missing folder is a user error."""
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.core.jsonl import load_lines
    from kiwi_bench.corpus.documents import read_document

    if folder.suffix == ".jsonl":
        documents = load_lines(folder)
        if not documents:
            raise KiwiError([Problem(str(folder), "-", "no compiled documents; run `kiwi-bench compile-contrast` first")])
        return documents
    files = sorted(folder.glob("kiwi-*.json"))
    if not files:
        raise KiwiError([Problem(str(folder), "-", "no compiled documents (kiwi-*.json); run `kiwi-bench compile-pass` first")])
    return [read_document(path) for path in files]


def run(args: argparse.Namespace) -> int:
    import json

    from kiwi_bench.annotation.agreement import agreement, markdown_summary
    from kiwi_bench.core.errors import KiwiError

    try:
        guidelines = args.guidelines.read_text(encoding="utf-8") if args.guidelines else None
        result = agreement(load_pass(args.pass_a), load_pass(args.pass_b), guidelines)
    except ValueError as error:
        raise KiwiError(f"{args.pass_a} vs {args.pass_b}: {error}") from None
    print(json.dumps(result, indent=2) if args.json else markdown_summary(result))
    return 0
