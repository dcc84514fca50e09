"""The one CoNLL IOB2 writer: the gold of a split (`token TAG`) and a scored file (`token gold-tag predicted-tag`).

Layout (both files; the layout the CoNLL-2003 loaders read, e.g. Hugging Face's `conll2003`
script, flair's ColumnCorpus, `spacy convert -c ner`, conlleval):
- one token per line, columns separated by a single space: the token, then its IOB2 tag(s);
- a blank line after every gold sentence;
- in the gold export, unless docstart=False, every document begins with the line `-DOCSTART- O`
  and a blank line (the CoNLL-2003 document separator; its tag is O, so a reader that does not
  skip it sees a one-token sentence without entities). The scored file has no -DOCSTART-.
The tags are labels PER, ORG, ... (layer "entities") or kinds money, count, percent ("amounts").

Gold export (`files`, `kiwi-bench export conll`): tokens and tags are exactly those of the `tokens`
config (`kiwi_bench.corpus.rows.token_rows`): spaCy's blank de/nl tokenizer with KIWI's compound
rule, one sentence at a time; tokens never contain white space. The tags are the config's
`ner_tags` or `amount_tags`.

Scored file (`write_conll`, `kiwi-bench evaluate --format conll`): any external scorer (conlleval,
seqeval) can then be run on exactly the data KIWI scored. Tokens come from
`kiwi_bench.core.tokens.tokenize` per gold sentence and are further split at every gold and
predicted span boundary, so every span starts and ends on a token boundary. IOB2 cannot hold
everything the scorer accepts. Predicted spans that overlap an earlier kept span (ordered by
start, longer first) are dropped, a span crossing a sentence boundary is cut at it, and a span
whose first or last character is white space is widened/narrowed to its tokens. The export counts
each such span; when any count is non-zero, conlleval's numbers on the file differ from KIWI's
strict figures by exactly those spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document
from kiwi_bench.exports.exporter import Exporter, Files, Option

Tokenizer = Callable[[str, str], list[tuple[int, int]]]
Row = tuple[str, ...]  # a token and its tag column(s)

DOCSTART = "-DOCSTART-"
LAYER_TAGS = {"entities": "ner_tags", "amounts": "amount_tags"}
DEFAULT_LAYER = "entities"


def document_block(sentences: Iterable[list[Row]], docstart: bool = False) -> Iterator[str]:
    """The lines (without newline) of one document: optional -DOCSTART-, then sentences, blank after each."""
    if docstart:
        yield f"{DOCSTART} O"
        yield ""
    for rows in sentences:
        for row in rows:
            yield " ".join(row)
        yield ""


# --- the gold export -----------------------------------------------------------------------------

def gold_sentences(document: Document, layer: str = DEFAULT_LAYER) -> Iterator[list[Row]]:
    """(token, tag) rows of each sentence, from the `tokens` config; a token with white space is an error."""
    from kiwi_bench.corpus.rows import token_rows  # spaCy: imported when a file is made, not at --help

    for row in token_rows(document):
        rows = []
        for token, tag in zip(row["tokens"], row[LAYER_TAGS[layer]]):
            if not token or token.split() != [token]:
                raise KiwiError([Problem(document["id"], row["sentence_id"], f"token {token!r} is empty or contains white space")])
            rows.append((token, tag))
        yield rows


def files(documents: list[Document], layer: str = DEFAULT_LAYER, docstart: bool = True) -> Files:
    """The CoNLL file of `documents` (in the order given), one entry."""
    if layer not in LAYER_TAGS:
        raise ValueError(f"layer must be one of {sorted(LAYER_TAGS)}, not {layer!r}")
    text = "".join(line + "\n" for document in documents for line in document_block(gold_sentences(document, layer), docstart))
    return {f"{layer}.conll": text.encode("utf-8")}


EXPORTER = Exporter("conll", files, single_file=True, kind="IOB2", options=(
    Option("--layer", "layer", "tag entity labels (default) or amount kinds", choices=tuple(LAYER_TAGS),
           default=DEFAULT_LAYER, in_summary=True),
    Option("--no-docstart", "docstart", "leave out the `-DOCSTART- O` line that begins every document", switched=False),
))


# --- the scored file (gold and predicted tags) ---------------------------------------------------

@dataclass
class ExportSummary:
    """What was written and which spans IOB2 could not represent exactly."""

    tokens: int = 0
    sentences: int = 0
    dropped_overlapping: int = 0
    crossing_sentences: int = 0
    whitespace_edges: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def lossless(self) -> bool:
        return not (self.dropped_overlapping or self.crossing_sentences or self.whitespace_edges)


def default_tokenizer() -> Tokenizer:
    """`kiwi_bench.core.tokens.tokenize` (spaCy's rule-based tokenizer for de/nl)."""
    from kiwi_bench.core.tokens import tokenize

    return tokenize


def non_overlapping(spans: Iterable[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], int]:
    """Spans kept greedily by (start, longer first, label) so that none overlap, and how many were dropped."""
    kept, dropped, end = [], 0, -1
    for start, stop, label in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if start < end:
            dropped += 1
            continue
        kept.append((start, stop, label))
        end = stop
    return kept, dropped


def split_tokens(tokens: list[tuple[int, int]], cuts: set[int]) -> list[tuple[int, int]]:
    """Tokens cut at every position in `cuts` that falls strictly inside a token."""
    result: list = []
    for start, end in tokens:
        inner = sorted(c for c in cuts if start < c < end)
        edges = [start, *inner, end]
        result.extend(zip(edges[:-1], edges[1:]))
    return result


def tags(tokens: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags: a token inside [start, end) of a span is B- (first) or I-, else O."""
    result = ["O"] * len(tokens)
    for start, end, label in spans:
        inside = [k for k, (a, b) in enumerate(tokens) if a >= start and b <= end]
        for n, k in enumerate(inside):
            result[k] = ("B-" if n == 0 else "I-") + label
    return result


def _clip(spans: list[tuple[int, int, str]], start: int, end: int, summary: ExportSummary,
          tokens: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The parts of spans inside one sentence; counts cut and white-space-edged spans."""
    clipped = []
    for a, b, label in spans:
        if b <= start or a >= end:
            continue
        if a < start or b > end:
            summary.crossing_sentences += 1
        a, b = max(a, start), min(b, end)
        inside = [(x, y) for x, y in tokens if x >= a and y <= b]
        if not inside:
            summary.whitespace_edges += 1
            continue
        if (inside[0][0], inside[-1][1]) != (a, b):
            summary.whitespace_edges += 1
        clipped.append((a, b, label))
    return clipped


def scored_sentences(document: dict, gold_spans: list[tuple[int, int, str]], pred_spans: list[tuple[int, int, str]],
                     tokenizer: Tokenizer, summary: ExportSummary) -> Iterator[list[Row]]:
    """(token, gold tag, predicted tag) rows of each sentence of one document."""
    text = document["text"]
    pred_spans, dropped = non_overlapping(pred_spans)
    summary.dropped_overlapping += dropped
    cuts = {p for s in (*gold_spans, *pred_spans) for p in s[:2]}
    for sentence in document["sentences"]:
        start, end = sentence["start"], sentence["end"]
        tokens = [(start + a, start + b) for a, b in tokenizer(text[start:end], document["language"])]
        tokens = split_tokens(tokens, cuts | {start, end})
        gold_tags = tags(tokens, _clip(gold_spans, start, end, ExportSummary(), tokens))
        pred_tags = tags(tokens, _clip(pred_spans, start, end, summary, tokens))
        summary.tokens += len(tokens)
        summary.sentences += 1
        yield [(text[a:b], gold_tag, pred_tag) for (a, b), gold_tag, pred_tag in zip(tokens, gold_tags, pred_tags)]


def write_conll(stream: TextIO, documents: list[dict], predicted: dict[str, list[tuple[int, int, str]]],
                layer: str = DEFAULT_LAYER, tokenizer: Tokenizer | None = None) -> ExportSummary:
    """Write the scored CoNLL file of `documents` with `predicted` spans (doc id -> (start, end, label)).

    `layer` is "entities" (tags are labels) or "amounts" (tags are kinds). Tokens never contain
    white space, so the three columns are separated by single spaces.
    """
    tokenizer = tokenizer or default_tokenizer()
    key = "label" if layer == "entities" else "kind"
    summary = ExportSummary()
    for document in sorted(documents, key=lambda d: d["id"]):
        gold_spans = [(item["start"], item["end"], item[key]) for item in document.get(layer) or ()]
        sentences = scored_sentences(document, gold_spans, predicted.get(document["id"], []), tokenizer, summary)
        for line in document_block(sentences):
            stream.write(line + "\n")
    if not summary.lossless:
        summary.notes.append(
            f"IOB2 could not represent {summary.dropped_overlapping} overlapping predicted span(s), "
            f"{summary.crossing_sentences} span(s) crossing a sentence boundary and {summary.whitespace_edges} "
            "span(s) with white-space edges; an external scorer's strict figures will differ by these")
    return summary


def predicted_spans(predictions, gold, layer: str = DEFAULT_LAYER) -> dict[str, list[tuple[int, int, str]]]:
    """Predicted spans per document id from scorer columns (`Predictions`, `Gold`), local offsets."""
    from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS

    columns = predictions.entities if layer == "entities" else predictions.amounts
    names = ENTITY_LABELS if layer == "entities" else AMOUNT_KINDS
    result: dict[str, list[tuple[int, int, str]]] = {}
    if columns is None or not hasattr(columns, "start"):
        return result
    base = gold.doc_base[columns.doc]
    for doc, start, end, label in zip(columns.doc.tolist(), (columns.start - base).tolist(),
                                      (columns.end - base).tolist(), columns.label.tolist()):
        if end == start:  # an ungrounded item (format 1.2) has no span to tag
            continue
        result.setdefault(gold.ids[doc], []).append((start, end, names[label]))
    return result
