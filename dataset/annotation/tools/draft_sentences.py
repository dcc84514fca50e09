"""Draft sentence boundaries for the gold files (run once, then every sentence was read and checked).

Why a script: offsets are computed by code from explicit decisions, never hand-counted.
Decisions: every non-empty line is a block (headlines, headings, list items, page furniture),
except the soft line breaks of kiwi-003, which wraps lines in the middle of sentences; inside a
block a sentence ends at . ! ? followed by white space and an upper-case letter, a digit, a quote
or an opening bracket, unless the dot ends one of the abbreviations below.
"""

from __future__ import annotations

import re

ABBREVIATIONS = ("Mrd.", "Mio.", "ca.", "Nr.", "Dr.", "bzw.", "z.B.", "usw.", "mld.", "mln.")
# kiwi-003's section headings: lines that are sentences although they end without punctuation.
HEADINGS = {
    "kiwi-003": ("Google’s voorsprong en OpenAI’s inhaalrace", "OpenAI bouwt eigen AI-infra om achterstand in te lopen"),
}
SOFT_WRAPPED = {"kiwi-003"}
SENTENCE_END = re.compile(r"[.!?]+[\"”“‘’]?(?=\s+[A-ZÄÖÜ0-9„“\"(‚])")


def blocks(doc_id: str, text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each block: a line, or for soft-wrapped documents a run of lines."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if doc_id not in SOFT_WRAPPED:
        return lines
    headings = HEADINGS.get(doc_id, ())
    merged: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end].strip()
        if merged:
            previous = text[merged[-1][0]:merged[-1][1]].strip()
            hard = previous.endswith((".", "!", "?")) or previous in headings or line in headings
            if not hard:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def sentences(doc_id: str, text: str) -> list[tuple[int, int]]:
    """Split each block at sentence ends; strip surrounding white space from every span."""
    spans = []
    for start, end in blocks(doc_id, text):
        cut = start
        for match in SENTENCE_END.finditer(text, start, end):
            if text[cut:match.end()].rstrip().endswith(ABBREVIATIONS):
                continue
            spans.append((cut, match.end()))
            cut = match.end()
        spans.append((cut, end))
    result = []
    for start, end in spans:
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if start < end:
            result.append((start, end))
    return result
