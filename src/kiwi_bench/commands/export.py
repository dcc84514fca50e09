"""`kiwi-bench export FORMAT --split S -o PATH`: the gold of a split as CoNLL, spaCy DocBin, brat or Label Studio."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.splits import SPLIT_CHOICES

HELP = "export the gold of a split for other tools: conll (IOB2), spacy (DocBin), brat (standoff), label-studio (tasks)"

FORMATS = ("conll", "spacy", "brat", "label-studio")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
    parser.add_argument("--split", choices=SPLIT_CHOICES, required=True,
                        help="the documents to export (all: every article; contrast: the contrast items)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="PATH",
                        help="conll, spacy: the file to write; brat, label-studio: the folder to write into")
    parser.add_argument("--layer", choices=("entities", "amounts"), default=None,
                        help="conll only: tag entity labels (default) or amount kinds")
    parser.add_argument("--no-docstart", action="store_true",
                        help="conll only: leave out the `-DOCSTART- O` line that begins every document")
    parser.add_argument("--force", action="store_true", help="overwrite files that already exist")
    add_dataset_argument(parser)


def _targets(args: argparse.Namespace, documents: list[dict]) -> list[Path]:
    """Every file the export writes; a single-file format's PATH must not be a folder and vice versa."""
    out = args.output
    if args.format in ("conll", "spacy"):
        if out.is_dir():
            raise KiwiError([Problem(str(out), "-", f"is a folder; {args.format} writes one file")])
        return [out]
    if out.exists() and not out.is_dir():
        raise KiwiError([Problem(str(out), "-", f"is a file; {args.format} writes a folder of files")])
    if args.format == "brat":
        return [out / f"{d['id']}{suffix}" for d in documents for suffix in (".txt", ".ann")] + [out / "annotation.conf"]
    return [out / "tasks.json", out / "label_studio.xml"]


def _contents(args: argparse.Namespace, documents: list[dict]) -> dict[Path, bytes]:
    """The bytes of every target file."""
    out = args.output
    if args.format == "conll":
        from kiwi_bench.exports.conll_export import to_conll

        return {out: to_conll(documents, args.layer or "entities", docstart=not args.no_docstart).encode("utf-8")}
    if args.format == "spacy":
        from kiwi_bench.exports.spacy_export import to_docbin

        return {out: to_docbin(documents).to_bytes()}
    if args.format == "brat":
        from kiwi_bench.exports.brat import ann_text, annotation_conf

        files = {}
        for document in documents:
            files[out / f"{document['id']}.txt"] = document["text"].encode("utf-8")
            files[out / f"{document['id']}.ann"] = ann_text(document).encode("utf-8")
        files[out / "annotation.conf"] = annotation_conf().encode("utf-8")
        return files
    from kiwi_bench.exports.label_studio import dump_tasks, labeling_config, to_tasks

    return {out / "tasks.json": dump_tasks(to_tasks(documents)).encode("utf-8"),
            out / "label_studio.xml": labeling_config().encode("utf-8")}


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.atomic import write_bytes_atomic
    from kiwi_bench.corpus.splits import load_split

    if args.format != "conll" and (args.layer is not None or args.no_docstart):
        raise KiwiError("--layer and --no-docstart apply to the conll format only")
    root = dataset_dir(args)
    documents = load_split(root, args.split)
    if not documents:
        raise KiwiError([Problem(str(root / "source"), "-", f"no gold documents in split {args.split}")])
    existing = [path for path in _targets(args, documents) if path.exists()]
    if existing and not args.force:
        raise KiwiError([Problem(str(path), "-", "exists; pass --force to overwrite it") for path in existing])
    files = _contents(args, documents)
    for path, data in files.items():
        write_bytes_atomic(path, data)
    where = args.output if args.format in ("conll", "spacy") else f"{args.output}/ ({len(files)} files)"
    layer = f", {args.layer or 'entities'}" if args.format == "conll" else ""
    shown = ", ".join(d["id"] for d in documents[:10]) + (f" and {len(documents) - 10} more" if len(documents) > 10 else "")
    print(f"wrote {where}: {args.format}{layer}, split {args.split}, {len(documents)} document(s) ({shown})")
    return 0
