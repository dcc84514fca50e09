"""Completeness check of the gold: every name and every numeral is annotated or explicitly excluded.

Candidates are tokens (the dataset tokenizer) that are capitalised or contain a digit or a number
word, and that lie outside every entity span (capitalised) or amount span (numerals). A reviewed
exclusion list (dataset/annotation/coverage-exclusions.json: language + token -> reason) accounts
for the rest; a candidate that is neither annotated nor excluded is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kiwi_bench.core.tokens import tokenize
from kiwi_bench.corpus.documents import Document

NUMBER_WORDS = {
    "de": {"null", "ein", "eine", "einen", "einem", "einer", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
           "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig", "hundert", "tausend", "million", "millionen", "milliarde",
           "milliarden", "billion", "billionen", "drittel", "viertel", "hälfte", "doppelt", "beiden", "beide", "mio", "mrd"},
    "nl": {"nul", "een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
           "twintig", "honderd", "duizend", "miljoen", "miljard", "biljoen", "derde", "kwart", "helft", "dubbel", "beide", "mln", "mld"},
}
EXCLUSIONS_FILE = Path("annotation") / "coverage-exclusions.json"


@dataclass(frozen=True)
class Candidate:
    """A token that may be a name or a numeral and is not inside an annotation of that kind."""

    doc_id: str
    language: str
    kind: str  # "name" or "numeral"
    token: str
    start: int

    @property
    def key(self) -> str:
        """The type-level exclusion key: kind, language and token text."""
        return f"{self.kind}:{self.language}:{self.token}"

    @property
    def occurrence_key(self) -> str:
        """The exclusion key of this one occurrence (document and offset)."""
        return f"{self.key}@{self.doc_id}:{self.start}"


def is_numeral(token: str, language: str) -> bool:
    """A token with a digit, or a number word of the language (case-insensitive)."""
    return any(ch.isdigit() for ch in token) or token.lower().rstrip(".") in NUMBER_WORDS[language]


def is_capitalised(token: str) -> bool:
    """A token that starts with an upper-case letter."""
    return token[:1].isupper()


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _sentence_tokens(document: Document) -> list[tuple[int, int]]:
    """Token spans of the document, tokenised one sentence at a time as in the `tokens` config."""
    return [(sentence["start"] + start, sentence["start"] + end)
            for sentence in document["sentences"]
            for start, end in tokenize(sentence["text"], document["language"])]


def candidates(document: Document) -> list[Candidate]:
    """Capitalised tokens outside entities and numeral tokens outside amounts, in text order."""
    text, language = document["text"], document["language"]
    entity_spans = [(e["start"], e["end"]) for e in document["entities"]]
    amount_spans = [(a["start"], a["end"]) for a in document["amounts"]]
    found = []
    for start, end in _sentence_tokens(document):
        token = text[start:end]
        if is_capitalised(token) and not _covered(start, end, entity_spans):
            found.append(Candidate(document["id"], language, "name", token, start))
        if is_numeral(token, language) and not _covered(start, end, amount_spans):
            found.append(Candidate(document["id"], language, "numeral", token, start))
    return found


def load_exclusions(dataset_dir: Path) -> dict[str, str]:
    """The reviewed exclusion list: candidate key -> reason."""
    path = dataset_dir / EXCLUSIONS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def annotated_tokens(documents: list[Document]) -> set[str]:
    """Type keys of tokens that lie inside some entity (names) or amount (numerals) in the corpus."""
    keys = set()
    for document in documents:
        text, language = document["text"], document["language"]
        for kind, layer in (("name", "entities"), ("numeral", "amounts")):
            for item in document[layer]:
                for start, end in tokenize(text[item["start"]:item["end"]], language):
                    keys.add(f"{kind}:{language}:{text[item['start'] + start:item['start'] + end]}")
    return keys


def unreviewed(documents: list[Document], exclusions: dict[str, str]) -> list[Candidate]:
    """Candidates neither annotated nor excluded. A token annotated elsewhere in the corpus can only
    be excluded per occurrence, so that a missed mention never hides behind a type-level exclusion."""
    annotated = annotated_tokens(documents)
    return [c for d in documents for c in candidates(d)
            if c.occurrence_key not in exclusions and (c.key in annotated or c.key not in exclusions)]


def stale_exclusions(documents: list[Document], exclusions: dict[str, str]) -> list[str]:
    """Exclusion keys that no current candidate uses (left over after the gold or tokenizer changed)."""
    used: set = set()
    for document in documents:
        for candidate in candidates(document):
            used.update((candidate.key, candidate.occurrence_key))
    return sorted(set(exclusions) - used)


def check_coverage(root: Path) -> str:
    """Fail (one KiwiError line per candidate) unless every name and numeral is annotated or excluded with a reason."""
    from kiwi_bench.core.errors import KiwiError, Problem
    from kiwi_bench.corpus.documents import load_documents

    documents = load_documents(root)
    missing = unreviewed(documents, load_exclusions(root))
    stale = stale_exclusions(documents, load_exclusions(root))
    if stale:
        raise KiwiError([Problem(str(root / "annotation" / "coverage-exclusions.json"), key,
                                 "stale exclusion: no such candidate; remove it") for key in stale])
    if missing:
        texts = {d["id"]: d["text"] for d in documents}
        raise KiwiError([Problem(f"{c.doc_id}", str(c.start), f"unreviewed {c.kind} {c.token!r} in "
                                 f"{texts[c.doc_id][max(0, c.start - 30):c.start + 30]!r}") for c in missing])
    return "ok: every name and numeral is annotated or excluded with a reason"

