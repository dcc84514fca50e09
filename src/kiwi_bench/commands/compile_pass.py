"""`kiwi-bench compile-pass DIR`: compile an annotation pass's decision files into documents with offsets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import dump_document, load_documents

HELP = "compile DIR/decisions/*.json (surface strings per sentence) into DIR/<id>.json with offsets"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pass_dir", type=Path, metavar="DIR", help="an annotation pass folder, e.g. dataset/annotation/pass-a")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.annotation.decisions import compile_decisions
    from kiwi_bench.core.atomic import write_text_atomic

    skeletons = {doc["id"]: doc for doc in load_documents(dataset_dir(args))}
    files = sorted((args.pass_dir / "decisions").glob("kiwi-*.json"))
    if not files:
        raise KiwiError(f"no decision files in {args.pass_dir / 'decisions'}")
    problems: list[Problem] = []
    compiled = []
    for path in files:
        try:
            decisions = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(Problem(str(path), f"{error.lineno}", f"invalid JSON: {error.msg}"))
            continue
        doc_id = decisions.get("id")
        if doc_id not in skeletons:
            problems.append(Problem(str(path), "$.id", f"unknown document id {doc_id!r}"))
            continue
        try:
            compiled.append(compile_decisions(skeletons[doc_id], decisions, str(path)))
        except KiwiError as error:
            problems += error.problems
    if problems:
        raise KiwiError(problems)
    for document in compiled:
        write_text_atomic(args.pass_dir / f"{document['id']}.json", dump_document(document))
        print(f"wrote {args.pass_dir / (document['id'] + '.json')}: {len(document['entities'])} entities, {len(document['amounts'])} amounts")
    return 0
