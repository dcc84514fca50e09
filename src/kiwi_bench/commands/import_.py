"""`kiwi-bench import label-studio TASKS.json -o DIR`: Label Studio annotations back to gold-format JSON files."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir
from kiwi_bench.core.errors import KiwiError, Problem

HELP = "convert a Label Studio JSON export back to gold documents DIR/<id>.json (validated before writing)"

_ITEM_PATH = re.compile(r"^\$\.(sentences|entities|amounts)\[(\d+)\]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=("label-studio",), metavar="FORMAT", help="label-studio")
    parser.add_argument("tasks", type=Path, metavar="TASKS.json",
                        help="a Label Studio export in the JSON format (tasks with their annotations)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                        help="folder for the gold files <id>.json (dataset/source only if you mean it, with --force)")
    parser.add_argument("--force", action="store_true", help="overwrite gold files that already exist")
    add_dataset_argument(parser)


def _read_tasks(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KiwiError([Problem(str(path), "-", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise KiwiError([Problem(str(path), "-", f"cannot read: {error}")]) from None
    except json.JSONDecodeError as error:
        raise KiwiError([Problem(str(path), f"{error.lineno}", f"invalid JSON: {error.msg}")]) from None


def _validate(documents, name: str, root: Path) -> list[Problem]:
    """validate_files on the converted documents (written to a scratch folder) together with the gold files
    of the other documents (for the cross-document entity_id check); located by task and region."""
    import tempfile

    from kiwi_bench.corpus.documents import dump_document, source_files
    from kiwi_bench.corpus.validate import validate_files

    imported = {document["id"] for _, document, _ in documents}
    with tempfile.TemporaryDirectory(prefix="kiwi-import-") as scratch:
        origin = {}
        for label, document, region_of in documents:
            path = Path(scratch) / f"{document['id']}.json"
            path.write_text(dump_document(document), encoding="utf-8")
            origin[str(path)] = (f"{label} ({document['id']})", region_of)
        others = [path for path in source_files(root) if path.stem not in imported]
        report = validate_files([*map(Path, origin), *others], root)
    problems = []
    for problem in report.problems:
        message = problem.message
        for origin_path, (task, _) in origin.items():
            message = message.replace(origin_path, task)
        if problem.file not in origin:
            problems.append(Problem(problem.file, problem.location, message))
            continue
        task, region_of = origin[problem.file]
        location = f"{task} {problem.location}"
        match = _ITEM_PATH.match(problem.location)
        if match and (match.group(1), int(match.group(2))) in region_of:
            location += f" (region {region_of[(match.group(1), int(match.group(2)))]})"
        problems.append(Problem(name, location, message))
    return problems


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.corpus.documents import dump_document
    from kiwi_bench.exports.label_studio import documents_from_tasks

    name = str(args.tasks)
    if args.output.exists() and not args.output.is_dir():
        raise KiwiError([Problem(str(args.output), "-", "is a file; -o takes a folder")])
    documents, notes = documents_from_tasks(_read_tasks(args.tasks), name)
    if not documents:
        raise KiwiError([Problem(name, "$", "no tasks")])
    for note in notes:
        print(f"note: {name}:{note}", file=sys.stderr)
    problems = _validate(documents, name, dataset_dir(args))
    if problems:
        raise KiwiError(problems)
    targets = [(args.output / f"{document['id']}.json", document) for _, document, _ in documents]
    existing = [path for path, _ in targets if path.exists()]
    if existing and not args.force:
        raise KiwiError([Problem(str(path), "-", "exists; pass --force to overwrite it") for path in existing])
    for path, document in targets:
        write_text_atomic(path, dump_document(document))
    print(f"wrote {len(targets)} gold file(s) to {args.output}: {', '.join(document['id'] for _, document in targets)}")
    return 0
