"""The contrast set as files: where its gold lives, how it is read, and the checks that only contrast items need.

A contrast item (Gardner et al. 2020) is a one-sentence document whose text is a minimal edit of a test
sentence; `contrast` names its base sentence, `edit_type` and `edit`. Items sharing a base form a bundle
whose `-c0` item is the unedited base sentence with its gold. The adjudicated items are one JSON Lines file,
dataset/source/contrast.jsonl, one gold-format document per line (split "contrast").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kiwi_bench.core.errors import Problem
from kiwi_bench.core.schemas import load_schema
from kiwi_bench.corpus.documents import Document

CONTRAST_SPLIT = "contrast"
CONTRAST_FILE = "source/contrast.jsonl"
MAX_EDIT_DISTANCE = 40
"""Upper bound on the character-level Levenshtein distance between an edited item and its base sentence."""
ORIGINAL = "original"
EDIT_TYPES: tuple[str, ...] = tuple(load_schema("document")["$defs"]["contrast"]["properties"]["edit_type"]["enum"])
ITEM_ID = re.compile(r"(kiwi-[0-9]{3})-(s[1-9][0-9]*)-c([0-9]+)")


def contrast_path(dataset_dir: Path) -> Path:
    """The adjudicated contrast gold of a dataset directory."""
    return dataset_dir / CONTRAST_FILE


def load_contrast(dataset_dir: Path) -> list[Document]:
    """The contrast items of a dataset directory in file order (none if the file is absent)."""
    from kiwi_bench.core.jsonl import load_lines

    path = contrast_path(dataset_dir)
    return load_lines(path) if path.is_file() else []


def bundle_id(item_id: str) -> str:
    """The bundle of an item: its id without the `-cK` suffix (`kiwi-001-s4-c2` -> `kiwi-001-s4`)."""
    return item_id.rsplit("-c", 1)[0]


def item_sort_key(item_id: str) -> tuple:
    """Document, sentence number, item number: the order of the contrast file."""
    match = ITEM_ID.fullmatch(item_id)
    if match is None:
        return (item_id, 0, 0)
    return (match.group(1), int(match.group(2)[1:]), int(match.group(3)))


def edit_distance(a: str, b: str) -> int:
    """Character-level Levenshtein distance; the common prefix and suffix are stripped first (exact, and fast
    for the local edits of a contrast set)."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    a, b = a[prefix:], b[prefix:]
    suffix = 0
    while suffix < min(len(a), len(b)) and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    a, b = a[:len(a) - suffix], b[:len(b) - suffix]
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _without_id(item: dict) -> dict:
    return {k: v for k, v in item.items() if k != "id"}


def sentence_gold(document: Document, sentence: dict) -> dict:
    """A sentence's gold with offsets relative to the sentence and without item ids (to compare with an item)."""
    def inside(item: dict) -> bool:
        return sentence["start"] <= item["start"] and item["end"] <= sentence["end"]

    def shifted(item: dict) -> dict:
        return {**_without_id(item), "start": item["start"] - sentence["start"], "end": item["end"] - sentence["start"]}

    return {"text": sentence["text"], "sentiment": sentence["sentiment"],
            "entities": [shifted(e) for e in document["entities"] if inside(e)],
            "amounts": [shifted(a) for a in document["amounts"] if inside(a)]}


def item_gold(item: Document) -> dict:
    """An item's gold in the form of `sentence_gold`."""
    return {"text": item["text"], "sentiment": item["sentences"][0]["sentiment"],
            "entities": [_without_id(e) for e in item["entities"]], "amounts": [_without_id(a) for a in item["amounts"]]}


def check_item(name: str, item: Document, bases: dict[tuple[str, str], tuple[Document, dict]]) -> list[Problem]:
    """The contrast rules of one schema-valid item: its id names its base, the base is a test sentence, the
    item is one sentence whose sentiment is the document's, an edit is small and changes the text, and an
    original equals its base sentence and gold."""
    where = f"{name}:{item['id']}"
    info = item["contrast"]
    base_key = (info["base"]["document"], info["base"]["sentence"])
    match = ITEM_ID.fullmatch(item["id"])
    problems = []
    if match is None or (match.group(1), match.group(2)) != base_key:
        problems.append(Problem(where, "$.id", f"must be <base document>-<base sentence>-c<k>: {'-'.join(base_key)}-c<k>"))
    if base_key not in bases:
        return problems + [Problem(where, "$.contrast.base", f"{'/'.join(base_key)} is not a sentence of a test document")]
    base_document, base_sentence = bases[base_key]
    if item["language"] != base_document["language"]:
        problems.append(Problem(where, "$.language", f"{item['language']!r} but the base document is {base_document['language']!r}"))
    if item["source"] != base_document["source"]:
        problems.append(Problem(where, "$.source", f"must be the base document's source {base_document['source']}"))
    sentences = item["sentences"]
    if len(sentences) != 1 or (sentences[0]["start"], sentences[0]["end"]) != (0, len(item["text"])) or sentences[0]["id"] != "s1":
        problems.append(Problem(where, "$.sentences", "a contrast item is exactly one sentence s1 covering the whole text"))
    elif item["sentiment"] != sentences[0]["sentiment"]:
        problems.append(Problem(where, "$.sentiment", "a contrast item's document sentiment is its sentence's"))
    if item["title"] != item["text"]:
        problems.append(Problem(where, "$.title", "a contrast item's title is its text"))
    is_original = info["edit_type"] == ORIGINAL
    if match is not None and is_original != (match.group(3) == "0"):
        problems.append(Problem(where, "$.contrast.edit_type", "the item -c0, and only it, is the original"))
    if is_original:
        if item_gold(item) != sentence_gold(base_document, base_sentence):
            problems.append(Problem(where, "$", f"an original must equal its base sentence {'/'.join(base_key)} and its gold"))
    else:
        distance = edit_distance(item["text"], base_sentence["text"])
        if not 0 < distance <= MAX_EDIT_DISTANCE:
            problems.append(Problem(where, "$.text", f"edit distance to the base sentence is {distance}; "
                                                      f"an edit changes the text by 1..{MAX_EDIT_DISTANCE} characters"))
    return problems


def check_bundles(name: str, items: Iterable[Document]) -> list[Problem]:
    """Ids are unique, in file order, and every bundle has its original."""
    ids = [item["id"] for item in items]
    problems = [Problem(name, item_id, "duplicate item id") for item_id in sorted({i for i in ids if ids.count(i) > 1})]
    if ids != sorted(ids, key=item_sort_key):
        problems.append(Problem(name, "-", "items are not in order of document, sentence number and item number"))
    originals = {bundle_id(i) for i in ids if i.endswith("-c0")}
    problems += [Problem(name, bundle, "bundle has no original item -c0") for bundle in sorted({bundle_id(i) for i in ids} - originals)]
    return problems


def test_sentences(documents: Iterable[Document]) -> dict[tuple[str, str], tuple[Document, dict]]:
    """(document id, sentence id) -> (document, sentence) for every sentence of the test split: the possible bases."""
    return {(d["id"], s["id"]): (d, s) for d in documents if d["split"] == "test" for s in d["sentences"]}
