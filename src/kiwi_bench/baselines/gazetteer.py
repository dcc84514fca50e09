"""A gazetteer entity tagger: surface strings of the training gold's entities, matched in new text.

Matching follows the span rules of ANNOTATION_GUIDELINES.md (2.3, 2.4):
- case-sensitive, at word boundaries: no letter, digit or underscore directly before or after;
- longest surface first at each position ("Microsoft Azure" before "Microsoft"), left to right,
  never overlapping;
- a fused genitive or plural "s" belongs to the span ("OpenAIs", "Googles": whole word);
- an apostrophe genitive is outside it ("Google" in "Google’s", "AWS" in "AWS‘"), and so is a
  hyphen compound's rest ("Google" in "Google-Suchgeschäft", "Twitter" in "Twitter-Beitrag"):
  both follow from the word-boundary rule, since apostrophes and hyphens are not word characters;
- nothing inside a printed URL is matched (2.4 k).
A surface seen with several labels takes its most frequent one (ties: schema label order).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kiwi_bench.baselines.training import majority
from kiwi_bench.core.labels import ENTITY_LABELS
from kiwi_bench.corpus.documents import Document

_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class Match:
    """One gazetteer hit: text[start:end] is the span, `surface` the gazetteer entry it came from."""

    start: int
    end: int
    label: str
    surface: str


class Gazetteer:
    """surface -> label, with the matcher described in the module docstring."""

    def __init__(self, entries: dict[str, str]):
        self.entries = dict(sorted(entries.items()))
        surfaces = sorted(self.entries, key=lambda s: (-len(s), s))
        alternation = "|".join(re.escape(surface) for surface in surfaces)
        self._pattern = re.compile(rf"(?<!\w)({alternation})(s?)(?!\w)") if surfaces else None

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, offset: int = 0) -> list[Match]:
        """Matches in `text`, left to right; offsets are shifted by `offset`."""
        if self._pattern is None:
            return []
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        matches = []
        for m in self._pattern.finditer(text):
            if any(start <= m.start() < end for start, end in urls):
                continue
            matches.append(Match(m.start() + offset, m.end() + offset, self.entries[m.group(1)], m.group(1)))
        return matches

    @classmethod
    def from_documents(cls, documents: Sequence[Document], min_ratio: float = 0.0) -> "Gazetteer":
        """The gazetteer of the gold entities of `documents`.

        `min_ratio` drops a surface whose matches in these same documents are gold mentions less
        often than this share (a name that is mostly an ordinary word); 0 keeps every surface.
        """
        labels: dict[str, list[str]] = defaultdict(list)
        for document in documents:
            for entity in document["entities"]:
                labels[entity["text"]].append(entity["label"])
        gazetteer = cls({surface: majority(found, ENTITY_LABELS) for surface, found in labels.items()})
        if min_ratio <= 0:
            return gazetteer
        hits: Counter[str] = Counter()
        gold_hits: Counter[str] = Counter()
        for document in documents:
            gold = {(e["start"], e["end"]) for e in document["entities"]}
            for match in gazetteer.find(document["text"]):
                hits[match.surface] += 1
                gold_hits[match.surface] += (match.start, match.end) in gold
        kept = {s: label for s, label in gazetteer.entries.items() if hits[s] == 0 or gold_hits[s] / hits[s] >= min_ratio}
        return cls(kept)


def token_tags(matches: Sequence[Match], starts: Sequence[int], ends: Sequence[int]) -> list[str]:
    """IOB2 tags of tokens (document offsets `starts`/`ends`) for gazetteer matches; a match that
    does not fall on token boundaries tags the tokens it overlaps."""
    tags = ["O"] * len(starts)
    for match in matches:
        inside = [i for i, (s, e) in enumerate(zip(starts, ends)) if s < match.end and match.start < e]
        for position, index in enumerate(inside):
            tags[index] = f"{'B' if position == 0 else 'I'}-{match.label}"
    return tags
