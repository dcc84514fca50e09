"""The gold documents of one split as numpy columns: the reference side of every comparison.

Built once from the documents that `kiwi_bench.corpus.documents.load_documents` returns (plain dicts, see
schema/document.schema.json); nothing here reads files. A null gold sentiment (a layer still
being annotated) becomes ABSENT and is simply not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any, Iterable, Sequence

import numpy as np

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.scoring.codes import (
    ENTITY_LABEL_CODES,
    ENTITY_SENTIMENT_CODES,
    KIND_CODES,
    PERIOD_CODES,
    QUALIFIER_CODES,
    SENTENCE_SENTIMENT_CODES,
    Vocabulary,
    normalise_unit,
)
from kiwi_bench.scoring.spans import ABSENT, SpanColumns, build_columns, offsets, read_fields

Document = dict[str, Any]
MAX_REPORTED = 20
LAYERS = ("entities", "amounts", "sentence_sentiment", "document_sentiment")


@dataclass(frozen=True)
class Gold:
    """The gold side of a split: documents sorted by id, their sentences and their items as columns."""

    documents: tuple[Document, ...]
    ids: tuple[str, ...]
    index: dict[str, int]
    text_length: np.ndarray
    doc_base: np.ndarray
    sentence_doc: np.ndarray
    sentence_start: np.ndarray
    sentence_end: np.ndarray
    last_sentence: np.ndarray
    first_sentence: np.ndarray
    document_sentiment: np.ndarray
    entities: SpanColumns
    amounts: SpanColumns
    currencies: Vocabulary
    units: Vocabulary
    unfinished: dict[str, int]
    _lookups: dict[int, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @property
    def sentence_sentiment(self) -> np.ndarray:
        """Gold sentence sentiment codes (ABSENT for null), read from the documents on first use."""
        if "sentiment" not in self._cache:
            sentences, doc = _items(self.documents, "sentences")
            problems: list[Problem] = []
            codes = _codes(map(itemgetter("sentiment"), sentences), SENTENCE_SENTIMENT_CODES, "sentences.sentiment",
                           problems, null_allowed=True, owners=(self.documents, doc))
            if problems:
                raise KiwiError(problems)
            self._cache["sentiment"] = codes
        return self._cache["sentiment"]

    def sentence_lookup(self, doc: int) -> dict[str, int]:
        """Sentence id -> global sentence index for document index `doc` (built on first use)."""
        lookup = self._lookups.get(doc)
        if lookup is None:
            first = int(self.first_sentence[doc])
            lookup = self._lookups[doc] = {s["id"]: first + k for k, s in enumerate(self.documents[doc]["sentences"])}
        return lookup

    @property
    def n_documents(self) -> int:
        return len(self.ids)

    @property
    def n_sentences(self) -> int:
        return int(self.sentence_start.shape[0])

    def place(self, doc: np.ndarray, start: np.ndarray, end: np.ndarray, label: np.ndarray,
              attrs: dict[str, np.ndarray]) -> SpanColumns:
        """Columns for items given with local offsets in documents `doc` (global offsets, sentences, order)."""
        return build_columns(start, end, label, doc, attrs, self.doc_base, self.sentence_end, self.last_sentence)


def _items(documents: Sequence[Document], layer: str) -> tuple[list[dict], np.ndarray]:
    """All items of a layer in document order, and the document index of each."""
    lists = [document.get(layer) or () for document in documents]
    return list(chain.from_iterable(lists)), np.repeat(np.arange(len(documents)), list(map(len, lists)))


def _codes(values: Iterable[Any], mapping: dict, where: str, problems: list[Problem], null_allowed: bool = False,
           owners: tuple[Sequence[Document], np.ndarray] | None = None) -> np.ndarray:
    """Codes of one field of all items; an unknown value is a one-line problem naming the document and item.

    `where` is "<layer>.<field>"; `owners` (the documents and each item's document index) lets the
    message say which document and which item of it holds the value.
    """
    values = values if isinstance(values, (list, np.ndarray)) else list(values)
    lookup = {None: ABSENT, **mapping} if null_allowed else mapping
    try:
        return np.fromiter(map(lookup.__getitem__, values), np.int64, len(values))
    except (KeyError, TypeError):
        k = next(k for k, value in enumerate(values) if not _hashable(value) or value not in lookup)
        layer, _, name = where.rpartition(".")
        expected = ", ".join(str(v) for v in mapping)
        if owners is None:
            file, location = "gold", where
        else:
            documents, doc = owners
            position = k - int(np.searchsorted(doc, doc[k], side="left"))
            file, location = f"gold:{documents[doc[k]]['id']}", f"{layer}[{position}].{name}"
        problems.append(Problem(file, location, f"unknown value {values[k]!r} (expected one of {expected})"))
        return np.zeros(len(values), dtype=np.int64)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _entity_columns(documents: Sequence[Document], gold: dict, problems: list[Problem]) -> SpanColumns:
    items, doc = _items(documents, "entities")
    fields = read_fields(items, ("start", "end"), ("label", "sentiment"))
    owners = (documents, doc)
    label = _codes(fields["label"], ENTITY_LABEL_CODES, "entities.label", problems, owners=owners)
    sentiment = _codes(fields["sentiment"], ENTITY_SENTIMENT_CODES, "entities.sentiment", problems, null_allowed=True,
                       owners=owners)
    return _place(gold, doc, fields["start"], fields["end"], label, {"sentiment": sentiment})


def _amount_columns(documents: Sequence[Document], gold: dict, currencies: Vocabulary, units: Vocabulary,
                    problems: list[Problem]) -> SpanColumns:
    items, doc = _items(documents, "amounts")
    fields = read_fields(items, ("start", "end"), ("kind", "value", "currency", "qualifier", "per", "unit"))
    start, end, kind, value, currency, qualifier, per, unit = fields.values()
    attrs = {
        "value": np.fromiter(map(float, value), np.float64, len(items)),
        "currency": np.fromiter(map(currencies.code, currency), np.int64, len(items)),
        "qualifier": _codes(qualifier, QUALIFIER_CODES, "amounts.qualifier", problems, owners=(documents, doc)),
        "per": _codes(per, PERIOD_CODES, "amounts.per", problems, owners=(documents, doc)),
        "unit": np.fromiter((units.code(None if u is None else normalise_unit(u)) for u in unit), np.int64, len(items)),
    }
    kind = _codes(kind, KIND_CODES, "amounts.kind", problems, owners=(documents, doc))
    return _place(gold, doc, start, end, kind, attrs)


def _place(gold: dict, doc, start, end, label, attrs) -> SpanColumns:
    return build_columns(start, end, label, doc, attrs, gold["doc_base"], gold["sentence_end"], gold["last_sentence"])


def _check_spans(documents: Sequence[Document], layer: str, start: np.ndarray, end: np.ndarray, doc: np.ndarray,
                 length: np.ndarray, problems: list[Problem]) -> None:
    """Gold offsets must follow the span convention too (half-open, inside the text)."""
    bad = np.flatnonzero(~((start >= 0) & (start < end) & (end <= length[doc])))
    first = np.searchsorted(doc, doc[bad], side="left") if len(bad) else bad
    for k, position in zip(bad[:MAX_REPORTED].tolist(), (bad - first)[:MAX_REPORTED].tolist()):
        problems.append(Problem(f"gold:{documents[doc[k]]['id']}", f"{layer}[{position}]",
                                f"span [{start[k]}, {end[k]}) is not inside the text (length {length[doc[k]]})"))


def _sentence_fields(documents: Sequence[Document], length: np.ndarray, problems: list[Problem]) -> dict:
    sentences, doc = _items(documents, "sentences")
    counts = np.bincount(doc, minlength=len(documents)) if len(doc) else np.zeros(len(documents), np.int64)
    if len(documents) and counts.min() == 0:
        problems.append(Problem("gold", "sentences", "every gold document needs at least one sentence"))
    doc_base = np.cumsum(length + 1) - (length + 1)
    start, end = offsets(sentences)
    _check_spans(documents, "sentences", start, end, doc, length, problems)
    first = np.cumsum(counts) - counts
    return {
        "doc_base": doc_base, "sentence_doc": doc,
        "sentence_start": doc_base[doc] + start, "sentence_end": doc_base[doc] + end,
        "last_sentence": first + counts - 1, "first_sentence": first,
    }


def _unfinished(documents: Iterable[Document]) -> dict[str, int]:
    """How many documents mark each gold layer as unfinished."""
    statuses = [document.get("status", {}) for document in documents]
    return {layer: sum(status.get(layer) != "complete" for status in statuses) for layer in LAYERS}


def _layer_spans(documents: Sequence[Document], gold: dict, length: np.ndarray, problems: list[Problem]) -> None:
    for layer in ("entities", "amounts"):
        items, doc = _items(documents, layer)
        start, end = offsets(items)
        _check_spans(documents, layer, start, end, doc, length, problems)


def load_gold(documents: Sequence[Document]) -> Gold:
    """The scorer's view of gold `documents` (any order; they are sorted by id)."""
    try:
        return _load_gold(documents)
    except KeyError as error:  # a gold item without a required field (the schema check would have said so)
        raise KiwiError([Problem("gold", "-", f"missing field {error.args[0]!r} in a gold document or item "
                                               "(check it with `kiwi-bench validate`)")]) from None


def _load_gold(documents: Sequence[Document]) -> Gold:
    documents = tuple(sorted(documents, key=itemgetter("id")))
    problems: list[Problem] = []
    length = np.array([len(document["text"]) for document in documents], dtype=np.int64)
    fields: dict[str, Any] = _sentence_fields(documents, length, problems)
    currencies, units = Vocabulary(), Vocabulary()
    entities = _entity_columns(documents, fields, problems)
    amounts = _amount_columns(documents, fields, currencies, units, problems)
    for columns in (entities, amounts):
        local = columns.start - fields["doc_base"][columns.doc]
        if len(columns) and not ((local >= 0) & (columns.start < columns.end)
                                 & (columns.end - fields["doc_base"][columns.doc] <= length[columns.doc])).all():
            _layer_spans(documents, fields, length, problems)
            break
    document_sentiment = _codes([d.get("sentiment") for d in documents], SENTENCE_SENTIMENT_CODES, "sentiment",
                                problems, null_allowed=True)
    if problems:
        raise KiwiError(problems)
    return Gold(documents=documents, ids=tuple(d["id"] for d in documents),
                index={d["id"]: k for k, d in enumerate(documents)}, text_length=length,
                entities=entities, amounts=amounts, document_sentiment=document_sentiment,
                currencies=currencies, units=units, unfinished=_unfinished(documents), **fields)
