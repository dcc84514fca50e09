"""Tokenisation for the `tokens` config and the CoNLL exports: spaCy's blank de/nl tokenizers, adjusted.

Adjustment: a hyphen or slash between two word characters is split off as its own token, so that a
name inside a compound ("Google" in "Google-Suchgeschäft", "38-Milliarden" in
"38-Milliarden-Kooperation", "GB200" in "GB200/GB300-Chips") starts and ends on token boundaries.
No model is downloaded: a blank pipeline only has the rule-based tokenizer.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

COMPOUND_INFIX = r"(?<=\w)[-/](?=\w)"


@cache
def blank_pipeline(language: str) -> Language:
    """A blank spaCy pipeline for `language` ("de" or "nl") with the compound infix rule added."""
    nlp = spacy.blank(language)
    infixes = list(nlp.Defaults.infixes) + [COMPOUND_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def tokenize(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the non-space tokens of `text`, in order."""
    doc = blank_pipeline(language).make_doc(text)
    return [(token.idx, token.idx + len(token.text)) for token in doc if not token.is_space]
