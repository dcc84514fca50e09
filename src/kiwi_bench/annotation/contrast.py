"""Compile the two annotation passes of the contrast set (surface strings per item) into one-sentence documents.

Pass 1 (`intended/items-*.jsonl`) is the edit authors' intended gold; pass 2 (`blind/items.jsonl`) was made
from the item texts alone. Both list each mention's surface string in reading order, like the decision files
of the main gold, and `decisions.compile_decisions` turns them into offsets: a surface that is not found is a
one-line error naming the file, the item and the mention.
"""

from __future__ import annotations

from pathlib import Path

from kiwi_bench.annotation.decisions import compile_decisions
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.jsonl import read_lines
from kiwi_bench.corpus.contrast import CONTRAST_SPLIT, item_sort_key
from kiwi_bench.corpus.documents import Document

INTENDED = "intended"
BLIND = "blind"
COMPILED = "compiled"
"""Sub-folder of the compiled passes (`kiwi-bench compile-contrast` writes <pass>.jsonl there)."""


def skeleton(item: dict, base_document: Document) -> Document:
    """The unannotated one-sentence document of an intended item (text, bundle fields, base source)."""
    text = item["text"]
    return {
        "id": item["id"], "language": item["language"], "split": CONTRAST_SPLIT, "title": text,
        "source": dict(base_document["source"]),
        "status": {"sentence_sentiment": "unfinished", "entities": "unfinished", "amounts": "unfinished", "document_sentiment": "unfinished"},
        "sentiment": None, "text": text,
        "sentences": [{"id": "s1", "start": 0, "end": len(text), "text": text, "sentiment": None}],
        "entities": [], "amounts": [],
        "contrast": {"base": dict(item["base"]), "edit_type": item["edit_type"], "edit": item["edit"]},
    }


def _decisions(item: dict) -> dict:
    return {"id": item["id"], "sentiment": item.get("sentiment"),
            "sentences": [{"id": "s1", "sentiment": item.get("sentiment"),
                           "entities": item.get("entities", []), "amounts": item.get("amounts", [])}]}


def read_items(paths: list[Path]) -> list[tuple[str, dict]]:
    """(`file:line`, item) of every line of the given JSON Lines files."""
    return [(f"{path}:{number}", item) for path in paths for number, item in read_lines(path)]


def compile_items(items: list[tuple[str, dict]], skeletons: dict[str, Document]) -> list[Document]:
    """One compiled document per item, sorted in contrast-file order; every problem of every item is reported."""
    problems: list[Problem] = []
    compiled = []
    seen: set[str] = set()
    for source, item in items:
        item_id = item.get("id")
        if item_id not in skeletons:
            problems.append(Problem(source, "$.id", f"unknown contrast item {item_id!r}"))
            continue
        if item_id in seen:
            problems.append(Problem(source, "$.id", f"{item_id} is annotated twice"))
            continue
        seen.add(item_id)
        try:
            compiled.append(compile_decisions(skeletons[item_id], _decisions(item), source))
        except KiwiError as error:
            problems += error.problems
    problems += [Problem("<pass>", item_id, "item not annotated") for item_id in sorted(set(skeletons) - seen, key=item_sort_key)]
    if problems:
        raise KiwiError(problems)
    return sorted(compiled, key=lambda d: item_sort_key(d["id"]))


def compile_passes(folder: Path, documents: list[Document]) -> dict[str, list[Document]]:
    """Both passes of the contrast folder (dataset/annotation/contrast), compiled against the intended texts."""
    by_id = {d["id"]: d for d in documents}
    intended = read_items(sorted((folder / INTENDED).glob("items-*.jsonl")))
    if not intended:
        raise KiwiError([Problem(str(folder / INTENDED), "-", "no items-*.jsonl files")])
    skeletons = {}
    for source, item in intended:
        base = item.get("base", {}).get("document")
        if base not in by_id:
            raise KiwiError([Problem(source, "$.base.document", f"unknown document {base!r}")])
        skeletons[item["id"]] = skeleton(item, by_id[base])
    return {INTENDED: compile_items(intended, skeletons),
            BLIND: compile_items(read_items(blind_sessions(folder)), skeletons)}


def blind_sessions(folder: Path) -> list[Path]:
    """The blind pass's output files: `blind/items.jsonl`, then later sessions `blind-<n>/items.jsonl` (items added
    to the set after the first session, each annotated blind in its own folder with its own PROVENANCE.md)."""
    return [folder / BLIND / "items.jsonl",
            *sorted(folder.glob(f"{BLIND}-*/items.jsonl"), key=lambda path: int(path.parent.name.rsplit("-", 1)[1]))]


def write_compiled_passes(root: Path) -> list[str]:
    """Compile both contrast passes of the dataset at `root` and write compiled/<pass>.jsonl; one line per file."""
    from kiwi_bench.core.atomic import write_text_atomic
    from kiwi_bench.core.jsonl import dumps_lines
    from kiwi_bench.corpus.documents import load_documents

    folder = root / "annotation" / "contrast"
    lines = []
    for name, documents in compile_passes(folder, load_documents(root)).items():
        target = folder / COMPILED / f"{name}.jsonl"
        write_text_atomic(target, dumps_lines(documents))
        lines.append(f"wrote {target}: {len(documents)} items, {sum(len(d['entities']) for d in documents)} entities, "
                     f"{sum(len(d['amounts']) for d in documents)} amounts")
    return lines

