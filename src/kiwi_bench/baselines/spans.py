"""IOB2 tag sequences -> token spans, and the prediction items built from them."""

from __future__ import annotations

from collections.abc import Sequence


def iob2_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token, type) of every chunk, read the way conlleval reads IOB2: a chunk
    starts at B-x, or at I-x that does not continue a chunk of type x; it ends before O, B-, or an
    I- of another type."""
    spans: list[tuple[int, int, str]] = []
    current: list = []  # [first, last, type]
    for index, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and current and current[2] == kind and current[1] == index - 1:
            current[1] = index
            continue
        if current:
            spans.append(tuple(current))  # type: ignore[arg-type]
            current = []
        if prefix in ("B", "I"):
            current = [index, index, kind]
    if current:
        spans.append(tuple(current))  # type: ignore[arg-type]
    return spans

