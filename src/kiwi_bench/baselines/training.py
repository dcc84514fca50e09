"""What a baseline may learn from gold training documents, and the checks that it is there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document


def require_complete(documents: Sequence[Document], layers: Iterable[str], who: str) -> None:
    """Raise KiwiError unless every training document marks `layers` complete in its `status`:
    a baseline must not learn "no entities here" from a layer nobody has annotated yet."""
    problems = [
        Problem(document["id"], f"status.{layer}",
                f"{who} needs this layer for training, but it is {document.get('status', {}).get(layer)!r}")
        for document in documents for layer in layers
        if document.get("status", {}).get(layer) != "complete"
    ]
    if not documents:
        problems.append(Problem(who, "fit", "no training documents"))
    if problems:
        raise KiwiError(problems)


def majority(labels: Iterable[str], order: Sequence[str]) -> str:
    """The most frequent label; ties go to the label that comes first in `order`."""
    counts = Counter(labels)
    if not counts:
        raise KiwiError("no labels to take a majority of")
    return min(counts, key=lambda label: (-counts[label], order.index(label)))


def sentence_examples(documents: Sequence[Document]) -> tuple[list[str], list[str]]:
    """(sentence texts, sentence sentiments) of the training documents, in document order."""
    pairs = [(s["text"], s["sentiment"]) for d in sorted(documents, key=lambda d: d["id"]) for s in d["sentences"]]
    return [text for text, _ in pairs], [label for _, label in pairs]
