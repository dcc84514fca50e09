"""`kiwi-bench export FORMAT --split S -o PATH`: the gold of a split as CoNLL, spaCy DocBin, brat or Label Studio."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.splits import SPLIT_CHOICES
from kiwi_bench.exports.exporter import Exporter
from kiwi_bench.exports.registry import EXPORTERS, option_owners

HELP = f"export the gold of a split for other tools: {', '.join(f'{name} ({e.kind})' for name, e in EXPORTERS.items())}"


def _layout_help() -> str:
    single = [name for name, exporter in EXPORTERS.items() if exporter.single_file]
    folder = [name for name, exporter in EXPORTERS.items() if not exporter.single_file]
    return f"{', '.join(single)}: the file to write; {', '.join(folder)}: the folder to write into"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=tuple(EXPORTERS), metavar="FORMAT", help=f"one of: {', '.join(EXPORTERS)}")
    parser.add_argument("--split", choices=SPLIT_CHOICES, required=True,
                        help="the documents to export (all: every article; contrast: the contrast items)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="PATH", help=_layout_help())
    for option, owners in option_owners().values():
        help_text = f"{', '.join(owners)} only: {option.help}"
        if option.choices:
            parser.add_argument(option.flag, choices=option.choices, default=None, help=help_text)
        else:
            parser.add_argument(option.flag, action="store_true", help=help_text)
    parser.add_argument("--force", action="store_true", help="overwrite files that already exist")
    add_dataset_argument(parser)


def _misused_options(args: argparse.Namespace, exporter: Exporter) -> list[Problem]:
    """One problem per group of formats whose options were given to another format (naming all its options)."""
    flags_of: dict[tuple[str, ...], list[str]] = {}
    misused: set[tuple[str, ...]] = set()
    for option, owners in option_owners().values():
        flags_of.setdefault(owners, []).append(option.flag)
        if exporter.name not in owners and getattr(args, option.dest) not in (None, False):
            misused.add(owners)
    return [Problem("kiwi-bench", "-", f"{' and '.join(flags_of[owners])} apply to the {', '.join(owners)} format only")
            for owners in sorted(misused)]


def _options(args: argparse.Namespace, exporter: Exporter) -> dict:
    """The `files()` keywords of the options given (an option's default where it is not given)."""
    keywords = {}
    for option in exporter.options:
        value = getattr(args, option.dest)
        if option.choices:
            keywords[option.keyword] = option.default if value is None else value
        elif value:
            keywords[option.keyword] = option.switched
    return keywords


def _check_layout(out: Path, exporter: Exporter) -> None:
    """A single-file format's PATH must not be a folder, a folder format's PATH not a file."""
    if exporter.single_file and out.is_dir():
        raise KiwiError([Problem(str(out), "-", f"is a folder; {exporter.name} writes one file")])
    if not exporter.single_file and out.exists() and not out.is_dir():
        raise KiwiError([Problem(str(out), "-", f"is a file; {exporter.name} writes a folder of files")])


def _refuse_existing(paths: Iterable[Path], force: bool) -> None:
    """Without --force, every existing target is an error (one line each)."""
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        raise KiwiError([Problem(str(path), "-", "exists; pass --force to overwrite it") for path in existing])


def _targets(out: Path, exporter: Exporter, files: dict[str, bytes]) -> dict[Path, bytes]:
    """Every file the export writes: PATH itself (single-file formats) or the files inside the folder PATH."""
    if exporter.single_file:
        (data,) = files.values()
        return {out: data}
    return {out / name: data for name, data in files.items()}


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.atomic import write_bytes_atomic
    from kiwi_bench.corpus.splits import load_split

    exporter = EXPORTERS[args.format]
    misused = _misused_options(args, exporter)
    if misused:
        raise KiwiError(misused)
    keywords = _options(args, exporter)
    root = dataset_dir(args)
    documents = load_split(root, args.split)
    if not documents:
        raise KiwiError([Problem(str(root / "source"), "-", f"no gold documents in split {args.split}")])
    _check_layout(args.output, exporter)
    if exporter.single_file:  # checked before the (possibly slow) conversion
        _refuse_existing([args.output], args.force)
    targets = _targets(args.output, exporter, exporter.files(documents, **keywords))
    if not exporter.single_file:  # the file names come with the conversion
        _refuse_existing(targets, args.force)
    for path, data in targets.items():
        write_bytes_atomic(path, data)
    where = args.output if exporter.single_file else f"{args.output}/ ({len(targets)} files)"
    shown = "".join(f", {keywords[option.keyword]}" for option in exporter.options if option.in_summary)
    listed = ", ".join(d["id"] for d in documents[:10]) + (f" and {len(documents) - 10} more" if len(documents) > 10 else "")
    print(f"wrote {where}: {exporter.name}{shown}, split {args.split}, {len(documents)} document(s) ({listed})")
    return 0
