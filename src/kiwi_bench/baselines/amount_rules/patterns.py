"""Regular-expression building blocks shared by the amount patterns and the context rules."""

from __future__ import annotations

import re
from collections.abc import Iterable

HS = r"[^\S\n]"                                  # horizontal whitespace (incl. no-break spaces)
# Whitespace with at most one line break, written so that a run of spaces splits only one way
# (no quadratic backtracking on long runs).
WS = rf"{HS}*(?:\n{HS}*)?"                      # optional
WS1 = rf"(?:{HS}+(?:\n{HS}*)?|\n{HS}*)"        # required
WORD_END = r"(?![^\W\d_])"                       # no letter follows
_APOSTROPHE_RE = re.compile(r"['’]")


def alt(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so that prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def phrase_regex(phrases: Iterable[str]) -> str:
    """Alternation of multi-word phrases with flexible whitespace and either apostrophe."""
    out = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [_APOSTROPHE_RE.sub("['’]", re.escape(w)) for w in phrase.split()]
        out.append(WS1.join(words))
    return "|".join(out)
