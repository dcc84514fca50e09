"""Does a text given to a blind annotator quote the corpus? The one definition of a leak.

A leak is (1) a run of `RUN` consecutive words shared with an article (words case-folded, punctuation
dropped; no run is exempt, not even one of function words only), (2) a citation of a corpus
sentence (`001/s20`, `kiwi-001`), or (3) a gold entity or amount surface quoted as a whole word,
which would tell the annotator how that string was labelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kiwi_bench.corpus.documents import Document

RUN = 6
WORD = re.compile(r"\w+")
CITATION = re.compile(r"\b\d{3}/s\d+\b|\bkiwi-\d{3}\b")


def _runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    words = [word.casefold() for word in WORD.findall(text)]
    return {tuple(words[k:k + size]) for k in range(len(words) - size + 1)}


def leaks(text: str, documents: Iterable[Document]) -> list[str]:
    """Every leak of `text` against the gold `documents`, one line each (empty when blind)."""
    documents = list(documents)
    found = []
    runs = _runs(text)
    for document in documents:
        found += [f"{document['id']}: shares the words {' '.join(run)!r}" for run in sorted(runs & _runs(document["text"]))]
    found += [f"cites {match.group()!r}" for match in CITATION.finditer(text)]
    surfaces = {item["text"] for document in documents for layer in ("entities", "amounts") for item in document[layer]}
    found += [f"quotes the gold surface {surface!r}" for surface in sorted(surfaces)
              if re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)]
    return found
