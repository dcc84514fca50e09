"""`kiwi-bench validate [FILE ...]`: check gold files against the schema and the annotation spec."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem

HELP = ("validate gold documents (default: every dataset/source/*.json and the contrast items of "
        "dataset/source/contrast.jsonl) against the schema and the spec; "
        "--integrity also checks every file listed in dataset/SHA256SUMS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="documents in gold format, or a .jsonl file of contrast items (default: the gold sources)")
    parser.add_argument("--require-complete", action="store_true", help="treat unfinished annotation layers as errors")
    parser.add_argument("--integrity", action="store_true",
                        help="also check the sha256 of every file in dataset/SHA256SUMS (built files, raw texts, gold)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.corpus.contrast import contrast_path
    from kiwi_bench.corpus.documents import load_documents, source_files
    from kiwi_bench.corpus.validate import validate_contrast, validate_files

    root = dataset_dir(args)
    contrast_files = [f for f in args.files if f.suffix == ".jsonl"]
    if not args.files and contrast_path(root).is_file():
        contrast_files = [contrast_path(root)]
    files = [f for f in args.files if f.suffix != ".jsonl"] if args.files else source_files(root)
    if not files and not contrast_files:
        raise KiwiError([Problem(str(root / "source"), "-", "no gold files found")])
    report = validate_files(files, root, require_complete=args.require_complete)
    for note in report.notes:
        print(f"note: {note}")
    problems = list(report.problems)
    for path in contrast_files:  # contrast items are checked against their base sentences: only a valid gold can serve
        if report.problems:
            print(f"note: {path} not checked: its base sentences are in gold with problems")
        else:
            problems += validate_contrast(path, load_documents(root))
    if args.integrity:
        from kiwi_bench.corpus.integrity import SUMS, check_integrity

        problems += check_integrity(root)
    if problems:
        raise KiwiError(problems)
    n_items = sum(1 for path in contrast_files for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"ok: {len(files)} document(s) valid" + (f", {n_items} contrast item(s) valid" if contrast_files else "")
          + (f", {len(report.notes)} unfinished layer(s)" if report.notes else "")
          + (f"; every file in {root / SUMS} matches its sha256" if args.integrity else ""))
    return 0
