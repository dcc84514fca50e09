"""Few-shot examples: which training documents the prompt shows, chosen only from what `fit` is given."""

from __future__ import annotations

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import Document


def select_examples(training: list[Document], shots: int) -> list[Document]:
    """The first `shots` training documents by id (deterministic, so a run can be repeated exactly).

    Only the documents given are candidates: the train split under `llm run` and the standard
    protocol, the other documents under leave-one-document-out, so no predicted text is shown.
    """
    if shots > len(training):
        raise KiwiError(f"--shots {shots}: only {len(training)} training document(s) to take examples from "
                        f"({', '.join(sorted(d['id'] for d in training)) or 'none'})")
    return sorted(training, key=lambda d: d["id"])[:shots]
