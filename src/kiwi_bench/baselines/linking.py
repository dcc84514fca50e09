"""Entity ids for predicted mentions: the same-lemma baseline of cross-document coreference.

A mention's id is its normalised surface: case-folded, apostrophes removed, white space
collapsed, and a final genitive or plural "s" stripped from words of more than three letters
("OpenAIs" -> "openai", "Nvidias" -> "nvidia"; "AWS" and "Meta" stay). Where the training gold
knows the normalised surface, the mention takes the gold id most often seen with it, so that
"Alphabet" and "Google" can share an id when the training documents say so; otherwise the
normalised surface itself is the id (only equality between ids is scored). Every mention of the
same normalised surface therefore lands in one cluster, in every document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from kiwi_bench.baselines.training import majority
from kiwi_bench.corpus.documents import Document

_APOSTROPHES = re.compile(r"['’‘`´]")
_GENITIVE = re.compile(r"(?<=\w{3})s$")


def normalise_surface(surface: str) -> str:
    """The same-lemma key of a mention's text (see the module docstring)."""
    text = " ".join(_APOSTROPHES.sub("", unicodedata.normalize("NFC", surface)).casefold().split())
    return _GENITIVE.sub("", text)


class EntityLinker:
    """normalised surface -> entity id, learnt from gold documents; unknown surfaces are their own id."""

    def __init__(self, known: dict[str, str]):
        self.known = dict(sorted(known.items()))

    @classmethod
    def from_documents(cls, documents: Sequence[Document]) -> "EntityLinker":
        """The majority gold id of every normalised surface in `documents` (ties: alphabetical id)."""
        ids: dict[str, list[str]] = defaultdict(list)
        for document in sorted(documents, key=lambda d: d["id"]):
            for entity in document.get("entities") or ():
                ids[normalise_surface(entity["text"])].append(entity["entity_id"])
        return cls({key: majority(found, sorted(set(found))) for key, found in ids.items()})

    def entity_id(self, surface: str) -> str:
        """The id of a mention whose text is `surface`."""
        key = normalise_surface(surface)
        return self.known.get(key, key)
