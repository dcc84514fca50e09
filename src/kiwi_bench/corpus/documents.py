"""Read the gold source files and raw articles of a KIWI dataset directory."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

Document = dict[str, Any]
"""A gold document as stored in dataset/source/<id>.json (see schema/document.schema.json)."""

ID_PREFIXES = {"sentences": "s", "entities": "e", "amounts": "a"}
"""Item ids of each layer are <prefix>1..n in text order (annotation spec; `kiwi-bench validate` checks it)."""

_SOURCE_TREE_DATASET = Path(__file__).resolve().parents[3] / "dataset"


def default_dataset_dir() -> Path:
    """The dataset directory: $KIWI_DATASET, else ./dataset, else the one in the source tree."""
    if "KIWI_DATASET" in os.environ:
        return Path(os.environ["KIWI_DATASET"])
    local = Path("dataset")
    if (local / "source").is_dir():
        return local
    return _SOURCE_TREE_DATASET


def source_files(dataset_dir: Path) -> list[Path]:
    """The gold files dataset/source/kiwi-*.json, sorted by name."""
    return sorted((dataset_dir / "source").glob("kiwi-*.json"))


def raw_path(dataset_dir: Path, doc_id: str) -> Path:
    """The verbatim article file of a document."""
    return dataset_dir / "raw" / f"{doc_id}.txt"


def read_document(path: Path) -> Document:
    """One gold file; unreadable JSON is a one-line user error naming the file and line."""
    from kiwi_bench.core.errors import KiwiError, Problem

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KiwiError([Problem(str(path), "-", f"cannot read: {error.strerror or error}")]) from None
    except UnicodeDecodeError as error:
        raise KiwiError([Problem(str(path), "-", f"not UTF-8: {error.reason}")]) from None
    except json.JSONDecodeError as error:
        raise KiwiError([Problem(str(path), str(error.lineno), f"invalid JSON: {error.msg} (run `kiwi-bench validate`)")]) from None


def load_documents(dataset_dir: Path, split: str | None = None) -> list[Document]:
    """All gold documents (or those of one split), sorted by id."""
    documents = [read_document(path) for path in source_files(dataset_dir)]
    if split is not None:
        documents = [doc for doc in documents if doc["split"] == split]
    return documents


def load_pass(folder: Path, *, required: bool = True) -> list[Document]:
    """The compiled documents (kiwi-*.json) of one annotation pass folder, sorted by id, or those of a
    JSON Lines file (one document per line, as the contrast set's compiled passes).

    With `required`, an empty or missing folder (or an empty file) is a one-line user error."""
    from kiwi_bench.core.errors import KiwiError, Problem

    if folder.suffix == ".jsonl":
        from kiwi_bench.core.jsonl import load_lines

        documents = load_lines(folder)
        if required and not documents:
            raise KiwiError([Problem(str(folder), "-", "no compiled documents; run `kiwi-bench compile-contrast` first")])
        return documents
    files = sorted(folder.glob("kiwi-*.json"))
    if required and not files:
        raise KiwiError([Problem(str(folder), "-", "no compiled documents (kiwi-*.json); run `kiwi-bench compile-pass` first")])
    return [read_document(path) for path in files]


PASSES_FILE = Path("annotation") / "passes.json"
"""Which annotation passes exist and whether each was blind (saw neither the other passes nor the gold)."""


def pass_registry(dataset_dir: Path) -> dict[str, dict[str, Any]]:
    """dataset/annotation/passes.json: pass letter -> {"blind", "role", "in_gold"}; every pass-<x>/ folder
    with compiled documents must have an entry, so a pass never ships without a declared blindness."""
    from kiwi_bench.core.errors import KiwiError, Problem

    path = dataset_dir / PASSES_FILE
    registry = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for folder in sorted((dataset_dir / "annotation").glob("pass-*")):
        letter = folder.name.removeprefix("pass-").upper()
        if any(folder.glob("kiwi-*.json")) and letter not in registry:
            raise KiwiError([Problem(str(path), letter, f"no entry for {folder.name}: declare its `blind` flag")])
        if letter in registry and not isinstance(registry[letter].get("blind"), bool):
            raise KiwiError([Problem(str(path), letter, "blind: must be true or false")])
    return registry


def load_passes(dataset_dir: Path) -> list[Document]:
    """The compiled documents of every annotation pass (dataset/annotation/pass-<x>/), each with its
    `annotator` ("A", "B", ...) and `blind` flag, sorted by document id and annotator."""
    registry = pass_registry(dataset_dir)
    documents = []
    for folder in sorted((dataset_dir / "annotation").glob("pass-*")):
        for document in load_pass(folder, required=False):
            document["annotator"] = folder.name.removeprefix("pass-").upper()
            document["blind"] = registry[document["annotator"]]["blind"]
            documents.append(document)
    return sorted(documents, key=lambda d: (d["id"], d["annotator"]))


def text_order(item: Document) -> tuple[int, int]:
    """Sort key of an item in text order: (start, end)."""
    return item["start"], item["end"]


def renumber(layer: str, items: Iterable[Document]) -> list[Document]:
    """`items` of `layer` sorted in text order with ids <prefix>1..n (id first, the other fields as given)."""
    ordered = sorted(items, key=text_order)
    return [{"id": f"{ID_PREFIXES[layer]}{number}", **{key: value for key, value in item.items() if key != "id"}}
            for number, item in enumerate(ordered, 1)]


def dump_document(document: Document) -> str:
    """Canonical JSON text of a gold document: one item per line, so diffs show single items."""
    lines = ["{"]
    keys = list(document)
    for index, key in enumerate(keys):
        value = document[key]
        comma = "," if index < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            items = [json.dumps(item, ensure_ascii=False) for item in value]
            body = ",\n".join(f"    {item}" for item in items)
            lines.append(f"  {json.dumps(key)}: [\n{body}\n  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
