"""Gold entities (or amounts) as CoNLL-2003-style IOB2 text: `token TAG`, one line per token.

Format (the layout the CoNLL-2003 loaders read, e.g. Hugging Face's `conll2003` script, flair's
ColumnCorpus, `spacy convert -c ner`, conlleval):
- one token per line, columns separated by a single space: the token, then its IOB2 tag;
- a blank line after every gold sentence;
- unless docstart=False, every document begins with the line `-DOCSTART- O` and a blank line
  (the CoNLL-2003 document separator; its tag is O, so a reader that does not skip it sees a
  one-token sentence without entities).
Tokens and tags are exactly those of the `tokens` config (`kiwi_bench.corpus.rows.token_rows`): spaCy's
blank de/nl tokenizer with KIWI's compound rule, one sentence at a time; tokens never contain
white space. The tags are the config's `ner_tags` (labels PER, ORG, ...) or `amount_tags`
(kinds money, count, percent).
"""

from __future__ import annotations

from collections.abc import Iterator

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document
from kiwi_bench.corpus.rows import token_rows

DOCSTART = "-DOCSTART-"
LAYER_TAGS = {"entities": "ner_tags", "amounts": "amount_tags"}


def document_lines(document: Document, layer: str = "entities", docstart: bool = True) -> Iterator[str]:
    """The lines (without newline) of one document: optional -DOCSTART-, then sentences, blank after each."""
    if docstart:
        yield f"{DOCSTART} O"
        yield ""
    for row in token_rows(document):
        for token, tag in zip(row["tokens"], row[LAYER_TAGS[layer]]):
            if not token or token.split() != [token]:
                raise KiwiError([Problem(document["id"], row["sentence_id"], f"token {token!r} is empty or contains white space")])
            yield f"{token} {tag}"
        yield ""


def to_conll(documents: list[Document], layer: str = "entities", docstart: bool = True) -> str:
    """The CoNLL text of `documents` (in the order given)."""
    if layer not in LAYER_TAGS:
        raise ValueError(f"layer must be one of {sorted(LAYER_TAGS)}, not {layer!r}")
    return "".join(line + "\n" for document in documents for line in document_lines(document, layer, docstart))
