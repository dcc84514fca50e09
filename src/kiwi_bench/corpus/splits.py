"""Selecting the documents of a split: the one definition of the split names and of "all"."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kiwi_bench.core.metadata import SPLITS
from kiwi_bench.corpus.contrast import CONTRAST_SPLIT
from kiwi_bench.corpus.documents import Document

ALL = "all"
"""Every document whatever its split (leave-one-document-out predictions, exports, the viewer)."""
CONTRAST = CONTRAST_SPLIT
"""The contrast items (dataset/source/contrast.jsonl): one-sentence edits of test sentences, not articles;
never part of "all"."""
SPLIT_CHOICES: tuple[str, ...] = (*SPLITS, CONTRAST, ALL)


def in_split(document: Document, split: str) -> bool:
    """Whether `document` belongs to `split` ("all" takes every article, not the contrast items)."""
    return split == document["split"] or (split == ALL and document["split"] != CONTRAST)


def select_split(documents: Iterable[Document], split: str) -> list[Document]:
    """The documents of `split`, sorted by id."""
    return sorted((d for d in documents if in_split(d, split)), key=lambda d: d["id"])


def other_splits(documents: Iterable[Document], split: str) -> dict[str, str]:
    """Document id -> split for the documents outside `split` (to say where a stray id belongs)."""
    return {d["id"]: d["split"] for d in documents if not in_split(d, split)}


def load_split(dataset_dir: Path, split: str) -> list[Document]:
    """The gold documents of `split` in a dataset directory, sorted by id: the contrast items for "contrast"."""
    from kiwi_bench.corpus.contrast import load_contrast
    from kiwi_bench.corpus.documents import load_documents

    documents = load_contrast(dataset_dir) if split == CONTRAST else load_documents(dataset_dir)
    return select_split(documents, split)
