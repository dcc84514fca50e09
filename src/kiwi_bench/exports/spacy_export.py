"""Gold documents as spaCy Docs and a DocBin (one Doc per document).

- Vocab: the blank pipeline of the document's language (`kiwi_bench.core.tokens.blank_pipeline`).
- Tokens: the tokens of the `tokens` config (`kiwi_bench.corpus.rows.token_rows`, one sentence at a
  time), with the white space between them rebuilt the way spaCy does it: a single following
  space is the token's `whitespace_`, any other gap (line breaks, double spaces) becomes a
  white-space token, so `doc.text` is exactly the gold text.
- Sentences: `token.is_sent_start` is True on the first token of every gold sentence and False
  elsewhere (white-space tokens between sentences belong to the sentence before).
- `doc.ents`: the gold entities, label = entity label, `kb_id_` = entity_id.
- `doc.spans["amounts"]`: the amounts, label = kind (money, count, percent).
- `doc.spans["sentences"]`: the gold sentences, label = sentence sentiment.
- `doc.cats`: the document sentiment, one-hot over positive/negative/neutral/mixed.
Every span is made with `doc.char_span(start, end)` and must align exactly (never None). The
DocBin stores no user data; the Docs are in the order given (export: sorted by document id).
"""

from __future__ import annotations

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.labels import DOCUMENT_SENTIMENTS
from kiwi_bench.corpus.documents import Document
from kiwi_bench.exports.exporter import Exporter, Files


def _words(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool], list[int]]:
    """Words and trailing-space flags for Doc(), and the character offset of each word."""
    words: list[str] = []
    spaces: list[bool] = []
    offsets: list[int] = []
    for index, (start, end) in enumerate(spans):
        following = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        gap = text[end:following]
        if gap.strip():
            raise ValueError(f"non-white-space text {gap!r} between tokens at {end}")
        words.append(text[start:end])
        offsets.append(start)
        spaces.append(gap.startswith(" "))
        rest = gap[1:] if gap.startswith(" ") else gap
        if rest:
            words.append(rest)
            offsets.append(following - len(rest))
            spaces.append(False)
    return words, spaces, offsets


def document_doc(document: Document):
    """The spaCy Doc of one gold document (see the module docstring)."""
    from spacy.tokens import Doc

    from kiwi_bench.core.tokens import blank_pipeline
    from kiwi_bench.corpus.rows import token_rows

    text = document["text"]
    spans: list[tuple[int, int]] = []
    sentence_starts: set[int] = set()
    for row in token_rows(document):
        if row["token_starts"]:
            sentence_starts.add(row["token_starts"][0])
        spans += list(zip(row["token_starts"], row["token_ends"]))
    if spans and spans[0][0] != 0:
        raise ValueError(f"{document['id']}: text before the first token")
    words, spaces, offsets = _words(text, spans)
    sent_starts = [offset in sentence_starts for offset in offsets]
    doc = Doc(blank_pipeline(document["language"]).vocab, words=words, spaces=spaces, sent_starts=sent_starts)  # type: ignore[arg-type]
    if doc.text != text:
        raise ValueError(f"{document['id']}: the Doc's text differs from the gold text")

    def span(item: dict, label: str, kb_id: str = ""):
        result = doc.char_span(item["start"], item["end"], label=label, kb_id=kb_id)
        if result is None:
            raise KiwiError([Problem(document["id"], item["id"], f"span {item['text']!r} [{item['start']}, {item['end']}) does not align with tokens")])
        return result

    doc.ents = [span(e, e["label"], e["entity_id"]) for e in document["entities"]]
    doc.spans["amounts"] = [span(a, a["kind"]) for a in document["amounts"]]
    doc.spans["sentences"] = [span(s, s["sentiment"] or "") for s in document["sentences"]]
    if document["sentiment"] is not None:
        doc.cats = {label: float(label == document["sentiment"]) for label in DOCUMENT_SENTIMENTS}
    return doc


def to_docbin(documents: list[Document]):
    """A DocBin (store_user_data=False) with one Doc per document, in the order given."""
    from spacy.tokens import DocBin

    doc_bin = DocBin(store_user_data=False)
    for document in documents:
        doc_bin.add(document_doc(document))
    return doc_bin


def files(documents: list[Document]) -> Files:
    """The DocBin file of `documents` (in the order given), one entry."""
    return {"documents.spacy": to_docbin(documents).to_bytes()}


EXPORTER = Exporter("spacy", files, single_file=True, kind="DocBin")
