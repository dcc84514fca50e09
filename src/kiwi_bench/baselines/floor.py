"""`floor`: the least a system can do. No entities, no amounts, and the majority training label
for every sentence and for every document. Any real system must beat it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiwi_bench.baselines.config import resolve_params
from kiwi_bench.baselines.training import majority, require_complete
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.labels import SENTENCE_SENTIMENTS
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import Record

DEFAULTS: dict[str, Any] = {}
"""The floor has no parameters."""


class FloorBaseline:
    """Majority-label baseline (ties go to the earlier label in the schema's order:
    positive, negative, neutral, mixed)."""

    name = "floor"

    def __init__(self, config: Mapping[str, Any] | None = None):
        self.params = resolve_params(config, DEFAULTS, self.name)
        self.sentence_label: str | None = None
        self.document_label: str | None = None

    def fit(self, documents: list[Document]) -> None:
        """Count the sentence and document labels of the training documents."""
        require_complete(documents, ("sentence_sentiment", "document_sentiment"), self.name)
        self.sentence_label = majority((s["sentiment"] for d in documents for s in d["sentences"]), SENTENCE_SENTIMENTS)
        self.document_label = majority((d["sentiment"] for d in documents), SENTENCE_SENTIMENTS)

    def predict(self, documents: list[Document]) -> list[Record]:
        """Empty entity and amount layers, the majority labels everywhere else."""
        if self.sentence_label is None or self.document_label is None:
            raise KiwiError("floor: predict() called before fit()")
        return [
            {
                "id": document["id"],
                "entities": [],
                "amounts": [],
                "sentences": [{"id": s["id"], "sentiment": self.sentence_label} for s in document["sentences"]],
                "sentiment": self.document_label,
            }
            for document in documents
        ]
