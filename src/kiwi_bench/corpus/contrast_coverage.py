"""What the contrast set covers: items per edit type and language, and the counts issue 13 asks for.

Every requirement is a named count over the edited items (originals excluded) with its minimum; the
contrast README shows them as generated tables and a test fails when a count falls below its minimum,
unless the requirement is a disclosed gap (`KNOWN_GAPS`, listed in the README too).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiwi_bench.core.labels import ENTITY_LABELS, PERIODS, QUALIFIERS
from kiwi_bench.corpus.contrast import EDIT_TYPES, ORIGINAL, bundle_id
from kiwi_bench.corpus.documents import Document

LANGUAGES = ("de", "nl")
MIN_EDITS, MIN_BASES, MIN_AMOUNTS, MIN_LOOKALIKES = 200, 60, 120, 25
KNOWN_GAPS: dict[str, str] = {}
"""Requirements below their minimum, disclosed rather than hidden (requirement -> why)."""


@dataclass(frozen=True)
class Requirement:
    """A named count over the contrast items and the minimum the issue sets for it."""

    name: str
    minimum: int
    count: Callable[[list[Document]], int]


def _edits(items: list[Document]) -> list[Document]:
    return [i for i in items if i["contrast"]["edit_type"] != ORIGINAL]


def _amounts(items: list[Document], language: str | None = None) -> list[dict]:
    return [a for i in _edits(items) if language in (None, i["language"]) for a in i["amounts"]]


def _surface(pattern: str, language: str | None = None) -> Callable[[list[Document]], int]:
    """Amounts of edited items whose surface matches `pattern` (case-sensitive, at word boundaries)."""
    regex = re.compile(pattern)
    return lambda items: sum(bool(regex.search(a["text"])) for a in _amounts(items, language))


def _attribute(name: str, value: object) -> Callable[[list[Document]], int]:
    return lambda items: sum(a[name] == value for a in _amounts(items))


def _edit_type(edit_type: str) -> Callable[[list[Document]], int]:
    return lambda items: sum(i["contrast"]["edit_type"] == edit_type for i in items)


def _originals(items: list[Document]) -> dict[str, Document]:
    return {bundle_id(i["id"]): i for i in items if i["contrast"]["edit_type"] == ORIGINAL}


def _swapped_in(label: str) -> Callable[[list[Document]], int]:
    """entity_label_swap items that bring in an entity of `label` absent from the bundle's original."""
    def count(items: list[Document]) -> int:
        originals = _originals(items)
        return sum(any(e["label"] == label and e["entity_id"] not in {o["entity_id"] for o in originals[bundle_id(i["id"])]["entities"]}
                       for e in i["entities"])
                   for i in items if i["contrast"]["edit_type"] == "entity_label_swap")
    return count


def _flip(edit_type: str, before: str, after: str) -> Callable[[list[Document]], int]:
    """Items of `edit_type` whose sentiment goes from `before` (the original's) to `after`."""
    def count(items: list[Document]) -> int:
        originals = _originals(items)
        return sum(i["contrast"]["edit_type"] == edit_type and originals[bundle_id(i["id"])]["sentiment"] == before
                   and i["sentiment"] == after for i in items)
    return count


_DE_SCALES = (("Million", r"\bMillion(en)?\b"), ("Mio.", r"\bMio\."), ("Milliarde", r"\bMilliarden?\b"),
              ("Mrd.", r"\bMrd\."), ("Billion (1e12)", r"\bBillion(en)?\b"))
_NL_SCALES = (("miljoen", r"\bmiljoen\b"), ("mln", r"\bmln\b"), ("miljard", r"\bmiljard\b"), ("mld", r"\bmld\b"),
              ("biljoen", r"\bbiljoen\b"))
_CODES = r"(USD|EUR|CHF)"
_SYMBOLS = r"[$€]"

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("edited items", MIN_EDITS, lambda items: len(_edits(items))),
    Requirement("base sentences (bundles)", MIN_BASES, lambda items: len(_originals(items))),
    Requirement("amounts in edited items", MIN_AMOUNTS, lambda items: len(_amounts(items))),
    *(Requirement(f"scale (de) {name}", 1, _surface(p, "de")) for name, p in _DE_SCALES),
    *(Requirement(f"scale (nl) {name}", 1, _surface(p, "nl")) for name, p in _NL_SCALES),
    Requirement("decimal comma", 1, _surface(r"\d,\d")),
    Requirement("thousands separator (dot or space)", 1, _surface(r"\d[. ]\d{3}\b")),
    Requirement("currency as a word", 1, _surface(r"(?i)\b(dollar|euro|franken)\b")),
    Requirement("currency code before the number", 1, _surface(rf"^{_CODES} \d")),
    Requirement("currency code after the number", 1, _surface(rf"\d.* {_CODES}$")),
    Requirement("currency symbol before the number", 1, _surface(rf"^{_SYMBOLS} ?\d")),
    Requirement("currency symbol after the number", 1, _surface(rf"\d.* {_SYMBOLS}$")),
    *(Requirement(f"qualifier {q}", 1, _attribute("qualifier", q)) for q in QUALIFIERS),
    *(Requirement(f"rate per {p}", 1, _attribute("per", p)) for p in PERIODS),
    Requirement("range items (scale written once)", 1, _edit_type("amount_range")),
    Requirement("number words", 1, _surface(r"(?i)\b(zwei|drei|fünf|zwölf|zwanzig|zehntausend|twee|drie|vijf|twaalf|zeventig|duizend)\b")),
    Requirement("fractions", 1, _surface(r"(?i)\b(Viertel|Drittel|kwart)\b")),
    Requirement("hyphen compounds", 1, _surface(r"\d-[A-Z]")),
    Requirement("cents", 1, _surface(r"(?i)cent\b")),
    Requirement("look-alikes (numbers that are not amounts)", MIN_LOOKALIKES, _edit_type("amount_lookalike")),
    *(Requirement(f"entity label swapped in: {label}", 1, _swapped_in(label)) for label in ENTITY_LABELS),
    *(Requirement(f"entity edits: {t.removeprefix('entity_')}", 1, _edit_type(t))
      for t in ("entity_genitive", "entity_compound", "entity_multiword", "entity_rename")),
    *(Requirement(f"{t.removeprefix('sentiment_')}: {a} -> {b}", 1, _flip(t, a, b))
      for t in ("sentiment_negation", "sentiment_word_swap", "sentiment_news_flip")
      for a, b in (("positive", "negative"), ("negative", "positive"))),
    Requirement("made mixed", 1, lambda items: sum(i["contrast"]["edit_type"] == "sentiment_mixed" and i["sentiment"] == "mixed"
                                                   for i in items)),
)


def coverage(items: list[Document]) -> list[tuple[str, int, int]]:
    """(requirement, count, minimum) for every requirement."""
    return [(r.name, r.count(items), r.minimum) for r in REQUIREMENTS]


def shortfalls(items: list[Document]) -> list[str]:
    """Requirements below their minimum."""
    return [name for name, count, minimum in coverage(items) if count < minimum]


def edit_type_table(items: Iterable[Document]) -> str:
    """Markdown: items per edit type and language, with totals."""
    items = list(items)
    counts = {(t, lang): 0 for t in EDIT_TYPES for lang in LANGUAGES}
    for item in items:
        counts[(item["contrast"]["edit_type"], item["language"])] += 1
    lines = ["| edit type | de | nl | total |", "|---|---:|---:|---:|"]
    for edit_type in EDIT_TYPES:
        row = [counts[(edit_type, lang)] for lang in LANGUAGES]
        lines.append(f"| `{edit_type}` | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[(t, lang)] for t in EDIT_TYPES) for lang in LANGUAGES]
    lines.append("| **all items** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(lines)


def requirements_table(items: list[Document]) -> str:
    """Markdown: every requirement with its count, minimum and status."""
    lines = ["| requirement | count | minimum | |", "|---|---:|---:|---|"]
    for name, count, minimum in coverage(items):
        status = "ok" if count >= minimum else f"gap: {KNOWN_GAPS[name]}" if name in KNOWN_GAPS else "**below minimum**"
        lines.append(f"| {name} | {count} | {minimum} | {status} |")
    return "\n".join(lines)


def dutch_shares(items: list[Document], documents: Iterable[Document]) -> tuple[float, float]:
    """(Dutch share of the edited items, Dutch share of the test split's sentences): the issue asks for at least
    the test split's proportion."""
    edits = _edits(items)
    test = [(d["language"], len(d["sentences"])) for d in documents if d["split"] == "test"]
    return (sum(i["language"] == "nl" for i in edits) / len(edits),
            sum(n for language, n in test if language == "nl") / sum(n for _, n in test))
