"""Integer codes for labels and attribute values, so that the scorer compares numbers, not strings.

Closed inventories (labels, sentiments, kinds, qualifiers, periods) come from the document schema
through `kiwi_bench.core.labels`. Open ones (currency codes, count units) are interned in a `Vocabulary`
that the gold fills first and a prediction set extends: a string that the gold never uses gets a
code no gold item has, so it can never match.
"""

from __future__ import annotations

import unicodedata

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, PERIODS, QUALIFIERS, SENTENCE_SENTIMENTS

ENTITY_LABEL_CODES = {label: code for code, label in enumerate(ENTITY_LABELS)}
ENTITY_SENTIMENT_CODES = {value: code for code, value in enumerate(ENTITY_SENTIMENTS)}
SENTENCE_SENTIMENT_CODES = {value: code for code, value in enumerate(SENTENCE_SENTIMENTS)}
KIND_CODES = {kind: code for code, kind in enumerate(AMOUNT_KINDS)}
QUALIFIER_CODES = {value: code for code, value in enumerate(QUALIFIERS)}
NULL = 0
"""Code of an explicit JSON null for `per`, `unit` and `currency` (ABSENT means the key is missing)."""
PERIOD_CODES = {None: NULL, **{period: code for code, period in enumerate(PERIODS, start=1)}}


def normalise_text(text: str) -> str:
    """Text key for span-free matching: Unicode NFC, case-folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def normalise_unit(unit: str) -> str:
    """A count unit compared case-insensitively and ignoring surrounding white space."""
    return normalise_text(unit)


class Vocabulary:
    """Interns open-vocabulary strings (currencies, units, span-free texts) as codes >= 1 (0 is null)."""

    def __init__(self, codes: dict[str, int] | None = None):
        self.codes: dict[str, int] = dict(codes or {})

    def code(self, value: str | None) -> int:
        """The code of `value` (NULL for None), adding it when new."""
        if value is None:
            return NULL
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.codes) + 1
        return code

    def copy(self) -> "Vocabulary":
        """An independent vocabulary that starts with the same codes."""
        return Vocabulary(self.codes)
