"""The dataset's metadata, defined once: name, citation, authors, release date, licences, languages, splits.

The card, Croissant, CITATION.cff checks, the leaderboard legend, validation and the LLM prompt read
these names from here (CITATION.cff must agree: tests/test_citation.py; the version is the package's).
"""

from __future__ import annotations

PRETTY_NAME = "KIWI: KI-Wirtschaftsnachrichten (German/Dutch AI-industry news, entities, amounts, sentiment)"
CITATION_TITLE = "KIWI: KI-Wirtschaftsnachrichten, an annotated German/Dutch AI-industry news benchmark"
AUTHORS = "The KIWI team"
RELEASE_DATE = "2026-12-01"
"""Date of the release of the current version; change it together with the version in pyproject.toml."""
ANNOTATION_LICENSE = "CC-BY-4.0"
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_NAME = "kiwi-annotations-cc-by-4.0-texts-third-party"
LANGUAGE_NAMES = {"de": "German", "nl": "Dutch"}

SPLITS: tuple[str, ...] = ("train", "validation", "test")
"""The article splits (whole documents only); the contrast items are a split of their own (corpus.splits)."""

# Annotation spec, "Documents": split and language of every document.
DOCUMENT_SPLITS: dict[str, str] = {
    "kiwi-000": "train",
    "kiwi-001": "test",
    "kiwi-002": "validation",
    "kiwi-003": "test",
    "kiwi-004": "test",
}
DOCUMENT_LANGUAGES: dict[str, str] = {
    "kiwi-000": "de",
    "kiwi-001": "de",
    "kiwi-002": "de",
    "kiwi-003": "nl",
    "kiwi-004": "de",
}


def documents_of(split: str) -> tuple[str, ...]:
    """The ids of the documents the spec puts in `split`, sorted."""
    return tuple(sorted(doc_id for doc_id, where in DOCUMENT_SPLITS.items() if where == split))
