"""Span convention and the column layout that the scorer works on.

Span convention (the only one in KIWI): a span is a pair of Python ``str`` indices
``(start, end)`` into the gold document's ``text``, half-open: it covers ``text[start:end]``,
so ``0 <= start < end <= len(text)``. Two spans overlap when they share at least one
character (``a.start < b.end and b.start < a.end``); spans that merely touch
(``a.end == b.start``) do not overlap. The prediction reader enforces this convention.

Inside the scorer every span is moved to a *global* coordinate: the document's base offset
plus its local offset, where consecutive documents are separated by a gap of one character.
Spans of different documents therefore never overlap, and one sorted array can hold a whole
split. Each item also belongs to one gold sentence: the sentence containing its start, or,
when the start lies in white space between sentences, the next sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Mapping, Sequence

import numpy as np

ABSENT = -1
"""Code of an attribute that is not given (or null in the gold while a layer is unfinished)."""


@dataclass(frozen=True)
class SpanColumns:
    """One layer's items (entities or amounts) as parallel numpy arrays in canonical order.

    ``start``/``end`` are global offsets (int64), ``label`` is the entity label or amount kind
    code, ``doc`` the document index, ``sentence`` the global sentence index, and ``attrs``
    holds the layer's attribute columns (codes, or float64 values for amounts).
    """

    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    doc: np.ndarray
    sentence: np.ndarray
    attrs: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.start.shape[0])

    def take(self, index: np.ndarray) -> "SpanColumns":
        """The rows `index` (an index array or boolean mask), in that order."""
        return SpanColumns(self.start[index], self.end[index], self.label[index], self.doc[index],
                           self.sentence[index], {name: column[index] for name, column in self.attrs.items()})


def empty_columns(attribute_names: tuple[str, ...] = ()) -> SpanColumns:
    """A layer with no items."""
    ints = np.zeros(0, dtype=np.int64)
    return SpanColumns(ints, ints, ints, ints, ints, {name: ints.copy() for name in attribute_names})


def _sort_keys(columns: SpanColumns) -> list[np.ndarray]:
    """The canonical sort keys, most significant first: start, end, label, then the attributes by name."""
    return [columns.start, columns.end, columns.label, *(columns.attrs[name] for name in sorted(columns.attrs))]


def canonical_order(columns: SpanColumns) -> np.ndarray:
    """Sort order by (start, end, label, attributes...): depends on content only, never on input order."""
    return np.lexsort(_sort_keys(columns)[::-1])


def in_canonical_order(columns: SpanColumns) -> bool:
    """Whether the rows already follow `canonical_order` (then that order is the identity: lexsort is stable).

    Gold items and most systems' items come sorted by offset; checking costs a few vector passes,
    sorting a million rows by five keys about 50 ms."""
    undecided = np.ones(max(len(columns) - 1, 0), dtype=bool)
    for key in _sort_keys(columns):
        if not undecided.any():
            return True
        before, after = key[:-1], key[1:]
        if (undecided & (after < before)).any():
            return False
        undecided &= after == before
    return True


def assign_sentences(positions: np.ndarray, docs: np.ndarray, sentence_end: np.ndarray,
                     last_sentence: np.ndarray) -> np.ndarray:
    """Global index of the sentence each global position belongs to.

    The first sentence whose end lies after the position either contains it or is the next
    sentence after the white space it lies in; it is clamped to the document's last sentence.
    """
    found = np.searchsorted(sentence_end, positions, side="right")
    return np.minimum(found, last_sentence[docs]).astype(np.int64)


def build_columns(start: np.ndarray, end: np.ndarray, label: np.ndarray, doc: np.ndarray,
                  attrs: Mapping[str, np.ndarray], doc_base: np.ndarray, sentence_end: np.ndarray,
                  last_sentence: np.ndarray) -> SpanColumns:
    """Columns from local offsets: move to global offsets, assign sentences, sort canonically."""
    doc = np.asarray(doc, dtype=np.int64)
    global_start = doc_base[doc] + np.asarray(start, dtype=np.int64)
    global_end = doc_base[doc] + np.asarray(end, dtype=np.int64)
    sentence = assign_sentences(global_start, doc, sentence_end, last_sentence)
    columns = SpanColumns(global_start, global_end, np.asarray(label, dtype=np.int64), doc, sentence,
                          {name: np.asarray(column) for name, column in attrs.items()})
    return columns if in_canonical_order(columns) else columns.take(canonical_order(columns))


def read_fields(items: Sequence[Mapping[str, Any]], ints: tuple[str, ...],
                objects: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """The fields `ints` (as int64) and `objects` (as Python objects) of every item, read in one pass over the dicts.

    The one reader of item fields into columns. (Measured on a million dicts: no faster than one pass per
    field; the time is the memory access to each dict and its values, see benchmarks/README.md.)
    5.0 becomes 5 (a JSON Schema integer). A missing field raises KeyError."""
    names = (*ints, *objects)
    dtype = np.dtype([(name, np.int64) for name in ints] + [(name, object) for name in objects])
    if len(names) == 1:
        column = np.fromiter(map(itemgetter(names[0]), items), dtype[0], len(items))
        return {names[0]: column}
    rows = np.fromiter(map(itemgetter(*names), items), dtype, len(items))
    return {name: np.ascontiguousarray(rows[name]) for name in names}  # compact: no view keeps the rows alive


def offsets(items: Sequence[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The start and end offsets of `items` as int64 arrays, read in one pass over the dicts."""
    fields = read_fields(items, ("start", "end"))
    return fields["start"], fields["end"]
