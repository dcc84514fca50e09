"""`kiwi-bench validate [FILE ...]`: check gold files against the schema and the annotation spec."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem

HELP = ("validate gold documents (default: every dataset/source/*.json) against the schema and the spec; "
        "--integrity also checks every file listed in dataset/SHA256SUMS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="documents in gold format (default: the gold sources)")
    parser.add_argument("--require-complete", action="store_true", help="treat unfinished annotation layers as errors")
    parser.add_argument("--integrity", action="store_true",
                        help="also check the sha256 of every file in dataset/SHA256SUMS (built files, raw texts, gold)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.corpus.documents import source_files
    from kiwi_bench.corpus.validate import validate_files

    root = dataset_dir(args)
    files = args.files or source_files(root)
    if not files:
        raise KiwiError([Problem(str(root / "source"), "-", "no gold files found")])
    report = validate_files(files, root, require_complete=args.require_complete)
    for note in report.notes:
        print(f"note: {note}")
    problems = list(report.problems)
    if args.integrity:
        from kiwi_bench.corpus.integrity import SUMS, check_integrity

        problems += check_integrity(root)
    if problems:
        raise KiwiError(problems)
    print(f"ok: {len(files)} document(s) valid" + (f", {len(report.notes)} unfinished layer(s)" if report.notes else "")
          + (f"; every file in {root / SUMS} matches its sha256" if args.integrity else ""))
    return 0
