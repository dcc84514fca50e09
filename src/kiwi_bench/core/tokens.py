"""Tokenisation for the `tokens` config and the CoNLL exports: spaCy's blank de/nl tokenizers, adjusted.

Adjustments: a hyphen or slash between two word characters is split off as its own token, so that a
name inside a compound ("Google" in "Google-Suchgeschäft", "38-Milliarden" in
"38-Milliarden-Kooperation", "GB200" in "GB200/GB300-Chips") starts and ends on token boundaries;
and a period that ends the text is its own token even where spaCy's exceptions would keep it on an
abbreviation-like word ("für X." in kiwi-002): the config tokenises one sentence at a time, and a
sentence-final period is punctuation.
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
    infixes = list(nlp.Defaults.infixes) + [COMPOUND_INFIX]  # type: ignore[arg-type]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    return nlp


def tokenize(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the non-space tokens of `text`, in order."""
    doc = blank_pipeline(language).make_doc(text)
    spans = [(token.idx, token.idx + len(token.text)) for token in doc if not token.is_space]
    if spans and spans[-1][1] == len(text.rstrip()) and spans[-1][1] - spans[-1][0] > 1 and text[spans[-1][1] - 1] == ".":
        start, end = spans.pop()
        spans += [(start, end - 1), (end - 1, end)]
    return spans
