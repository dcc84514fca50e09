"""Gold validation: the JSON Schema plus every rule of the annotation spec the schema cannot express.

Each problem is one `file:json-path: message` line. Unfinished layers (see `status`) are not errors;
they are reported as notes, and become errors with require_complete=True.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from kiwi_bench.core.errors import Problem
from kiwi_bench.core.metadata import DOCUMENT_LANGUAGES, DOCUMENT_SPLITS
from kiwi_bench.core.schemas import validator
from kiwi_bench.corpus.documents import ID_PREFIXES, Document, raw_path, text_order

LAYERS = ("sentences", "entities", "amounts")


@dataclass
class ValidationReport:
    """Problems (errors) and notes (unfinished layers) found in a set of documents."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def check_schema(name: str, document: object) -> list[Problem]:
    """JSON Schema errors, each at the JSON path of the offending value."""
    errors = sorted(validator("document").iter_errors(document), key=lambda e: e.json_path)
    return [Problem(name, error.json_path, error.message.splitlines()[0][:300]) for error in errors]


def check_source(name: str, document: Document, dataset_dir: Path) -> list[Problem]:
    """The raw file exists, its sha256 matches and `text` is exactly its stripped UTF-8 decoding."""
    path = raw_path(dataset_dir, document["id"])
    if not path.is_file():
        return [Problem(name, "$.source.file", f"raw file {path} is missing")]
    raw = path.read_bytes()
    problems = []
    if hashlib.sha256(raw).hexdigest() != document["source"]["sha256"]:
        problems.append(Problem(name, "$.source.sha256", f"does not match the sha256 of {path}"))
    if raw.decode("utf-8", errors="replace").strip() != document["text"]:
        problems.append(Problem(name, "$.text", f"is not the stripped UTF-8 text of {path}"))
    return problems


def check_metadata(name: str, document: Document, file_stem: str) -> list[Problem]:
    """File name, split, language and title agree with the spec and the text."""
    doc_id = document["id"]
    problems = []
    if file_stem != doc_id:
        problems.append(Problem(name, "$.id", f"{doc_id!r} does not match the file name {file_stem!r}"))
    if doc_id not in DOCUMENT_SPLITS:
        return problems + [Problem(name, "$.id", f"{doc_id!r} is not a document of the corpus")]
    if document["split"] != DOCUMENT_SPLITS[doc_id]:
        problems.append(Problem(name, "$.split", f"the spec puts {doc_id} in {DOCUMENT_SPLITS[doc_id]!r}, not {document['split']!r}"))
    if document["language"] != DOCUMENT_LANGUAGES[doc_id]:
        problems.append(Problem(name, "$.language", f"the spec says {DOCUMENT_LANGUAGES[doc_id]!r} for {doc_id}"))
    first_line = document["text"].split("\n", 1)[0].strip()
    if document["title"] != first_line:
        problems.append(Problem(name, "$.title", f"must be the first line of text: {first_line!r}"))
    if not re.fullmatch(rf"{doc_id[-3:]}_[0-9a-f]{{16}}\.txt", document["source"]["file"]):
        problems.append(Problem(name, "$.source.file", f"expected the seed file name {doc_id[-3:]}_<16 hex>.txt"))
    return problems


def check_spans(name: str, document: Document) -> list[Problem]:
    """Every item lies inside the text, is non-empty, trimmed, and its `text` is text[start:end]."""
    text = document["text"]
    problems = []
    for layer in LAYERS:
        for index, item in enumerate(document[layer]):
            where = f"$.{layer}[{index}]"
            start, end = item["start"], item["end"]
            if not 0 <= start < end <= len(text):
                problems.append(Problem(name, where, f"span [{start}, {end}) is empty or outside the text (length {len(text)})"))
            elif text[start:end] != item["text"]:
                problems.append(Problem(name, f"{where}.text", f"{item['text']!r} != text[{start}:{end}] = {text[start:end]!r}"))
            elif item["text"] != item["text"].strip():
                problems.append(Problem(name, f"{where}.text", "span starts or ends with white space"))
    return problems


def check_ids(name: str, document: Document) -> list[Problem]:
    """Ids are unique and numbered 1..n in text order within each layer."""
    problems = []
    for layer in LAYERS:
        items = document[layer]
        in_text_order = sorted(range(len(items)), key=lambda i: text_order(items[i]))
        misnumbered = [Problem(name, f"$.{layer}[{index}].id", f"is {items[index]['id']!r}; in text order it must be {ID_PREFIXES[layer]}{rank}")
                       for rank, index in enumerate(in_text_order, 1) if items[index]["id"] != f"{ID_PREFIXES[layer]}{rank}"]
        problems += misnumbered
        if not misnumbered and in_text_order != list(range(len(items))):
            problems.append(Problem(name, f"$.{layer}", "items are not stored in text order"))
    return problems


def check_sentences(name: str, document: Document) -> list[Problem]:
    """Sentences are ordered, do not overlap, and leave only white space uncovered."""
    text = document["text"]
    problems = []
    cursor = 0
    for index, sentence in enumerate(document["sentences"]):
        if sentence["start"] < cursor:
            problems.append(Problem(name, f"$.sentences[{index}]", "overlaps or precedes the previous sentence"))
        elif text[cursor:sentence["start"]].strip():
            problems.append(Problem(name, f"$.sentences[{index}]", f"non-white-space text {text[cursor:sentence['start']].strip()[:40]!r} before it is in no sentence"))
        cursor = max(cursor, sentence["end"])
    if text[cursor:].strip():
        problems.append(Problem(name, "$.sentences", f"text after the last sentence is in no sentence: {text[cursor:].strip()[:40]!r}"))
    return problems


def check_nesting(name: str, document: Document) -> list[Problem]:
    """Entities do not overlap each other, amounts neither, and each item lies inside one sentence."""
    sentences = document["sentences"]
    problems = []
    for layer in ("entities", "amounts"):
        items = sorted(enumerate(document[layer]), key=lambda pair: pair[1]["start"])
        for (_, previous), (index, item) in zip(items, items[1:]):
            if item["start"] < previous["end"]:
                problems.append(Problem(name, f"$.{layer}[{index}]", f"overlaps {previous['id']} ({previous['text']!r})"))
        for index, item in items:
            if not any(s["start"] <= item["start"] and item["end"] <= s["end"] for s in sentences):
                problems.append(Problem(name, f"$.{layer}[{index}]", "is not inside a single sentence"))
    return problems


def check_status(name: str, document: Document) -> tuple[list[Problem], list[Problem]]:
    """Complete layers have no missing sentiment; unfinished layers are returned as notes."""
    status = document["status"]
    problems, notes = [], []
    for layer, state in status.items():
        if state == "unfinished":
            notes.append(Problem(name, f"$.status.{layer}", "unfinished layer"))
    if status["sentence_sentiment"] == "complete":
        for index, sentence in enumerate(document["sentences"]):
            if sentence["sentiment"] is None:
                problems.append(Problem(name, f"$.sentences[{index}].sentiment", "is null but the layer is marked complete"))
    if status["document_sentiment"] == "complete" and document["sentiment"] is None:
        problems.append(Problem(name, "$.sentiment", "is null but the layer is marked complete"))
    return problems, notes


def check_entity_ids(documents: dict[str, Document]) -> list[Problem]:
    """The same entity_id never carries two labels, across all documents."""
    first_seen: dict[str, tuple[str, str]] = {}
    problems = []
    for name, document in documents.items():
        for index, entity in enumerate(document["entities"]):
            label, origin = first_seen.setdefault(entity["entity_id"], (entity["label"], f"{name}:{entity['id']}"))
            if entity["label"] != label:
                problems.append(Problem(name, f"$.entities[{index}].label", f"{entity['entity_id']!r} is {entity['label']} here but {label} at {origin}"))
    return problems


def validate_files(paths: list[Path], dataset_dir: Path, require_complete: bool = False) -> ValidationReport:
    """Validate gold-format documents; structural checks run only on schema-valid documents."""
    report = ValidationReport()
    valid: dict[str, Document] = {}
    for path in paths:
        name = str(path)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            report.problems.append(Problem(name, "$", f"cannot read: {error}"))
            continue
        except json.JSONDecodeError as error:
            report.problems.append(Problem(name, f"{error.lineno}", f"invalid JSON: {error.msg}"))
            continue
        schema_problems = check_schema(name, document)
        if schema_problems:
            report.problems += schema_problems
            continue
        report.problems += check_metadata(name, document, path.stem) + check_source(name, document, dataset_dir)
        span_problems = check_spans(name, document)
        report.problems += span_problems
        if not span_problems:
            report.problems += check_ids(name, document) + check_sentences(name, document) + check_nesting(name, document)
        problems, notes = check_status(name, document)
        report.problems += problems
        (report.problems if require_complete else report.notes).extend(notes)
        valid[name] = document
    report.problems += check_entity_ids(valid)
    return report


def validate_contrast(path: Path, gold: list[Document]) -> list[Problem]:
    """The contrast items of `path` (JSON Lines): every check of the gold that applies to a one-sentence document
    (schema, spans, ids, sentences, nesting, status, entity ids across the contrast set and the gold), plus the
    contrast rules of `corpus.contrast` (base, bundle, edit bound, originals equal to their base)."""
    from kiwi_bench.corpus.contrast import CONTRAST_SPLIT, check_bundles, check_item, test_sentences

    if not path.is_file():
        return []  # a dataset directory without a contrast set (the build then publishes an empty config)
    bases = test_sentences(gold)
    problems: list[Problem] = []
    valid: dict[str, Document] = {f"source/{d['id']}.json": d for d in gold}
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(str(path), "-", f"cannot read: {error}")]
    for number, line in enumerate(lines, 1):
        name = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(name, "-", f"invalid JSON: {error.msg}"))
            continue
        if isinstance(item, dict) and item.get("split") != CONTRAST_SPLIT:
            problems.append(Problem(name, "$.split", f"a contrast item's split is {CONTRAST_SPLIT!r}, not {item.get('split')!r}"))
            continue
        schema_problems = check_schema(name, item)
        if schema_problems:
            problems += schema_problems
            continue
        span_problems = check_spans(name, item)
        problems += span_problems
        if not span_problems:
            problems += check_ids(name, item) + check_sentences(name, item) + check_nesting(name, item)
        problems += check_status(name, item)[0] + [Problem(name, f"$.status.{layer}", "a contrast item is complete")
                                                   for layer, state in item["status"].items() if state != "complete"]
        problems += check_item(str(path), item, bases)
        valid[name] = item
        items.append(item)
    return problems + check_bundles(str(path), items) + check_entity_ids(valid)


def check_dataset(root: Path, files: Sequence[Path] = (), *, require_complete: bool = False,
                  integrity: bool = False) -> list[str]:
    """Validate gold files (default: every source file and the contrast items) and optionally SHA256SUMS.

    Returns the lines to print (notes, then a summary); every problem is raised as one KiwiError."""
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.corpus.contrast import contrast_path
    from kiwi_bench.corpus.documents import load_documents, source_files

    contrast_files = [f for f in files if f.suffix == ".jsonl"]
    if not files and contrast_path(root).is_file():
        contrast_files = [contrast_path(root)]
    gold_files = [f for f in files if f.suffix != ".jsonl"] if files else source_files(root)
    if not gold_files and not contrast_files:
        raise KiwiError([Problem(str(root / "source"), "-", "no gold files found")])
    report = validate_files(gold_files, root, require_complete=require_complete)
    lines = [f"note: {note}" for note in report.notes]
    problems = list(report.problems)
    for path in contrast_files:  # contrast items are checked against their base sentences: only a valid gold can serve
        if report.problems:
            lines.append(f"note: {path} not checked: its base sentences are in gold with problems")
        else:
            problems += validate_contrast(path, load_documents(root))
    if integrity:
        from kiwi_bench.corpus.integrity import SUMS, check_integrity

        problems += check_integrity(root)
    if problems:
        raise KiwiError(problems)
    n_items = sum(1 for path in contrast_files for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    lines.append(f"ok: {len(gold_files)} document(s) valid" + (f", {n_items} contrast item(s) valid" if contrast_files else "")
                 + (f", {len(report.notes)} unfinished layer(s)" if report.notes else "")
                 + (f"; every file in {root / SUMS} matches its sha256" if integrity else ""))
    return lines

