"""A system's predictions for one split as compact columns, collected one document at a time.

`PredictionBuilder.add` takes records that the reader (`kiwi_bench.api.predictions`) has already
validated, so it trusts its input; it keeps only integer and float arrays (no per-item dicts; values wait in lists of at most 65,536 before they become numpy chunks),
so that a very large prediction file is held in compact memory. Each layer is
"span" (offsets), "span-free" (text or attributes only), or None when no record has the key
(the layer is not predicted, which is different from predicting nothing).

`finish` returns every item of the file. `take_batch` instead returns the items added since the
last batch and forgets them (`kiwi_bench.scoring.stream` scores each batch and keeps only
statistics, so memory does not grow with the number of predicted items).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable

import numpy as np

from kiwi_bench.scoring.codes import (
    ENTITY_LABEL_CODES,
    ENTITY_SENTIMENT_CODES,
    KIND_CODES,
    PERIOD_CODES,
    QUALIFIER_CODES,
    SENTENCE_SENTIMENT_CODES,
    Vocabulary,
    normalise_text,
    normalise_unit,
)
from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.spans import ABSENT, SpanColumns, offsets

SPAN, SPAN_FREE = "span", "span-free"
_LABEL, _KIND, _VALUE, _ENTITY_ID = (itemgetter(k) for k in ("label", "kind", "value", "entity_id"))
_ENTITY_SENTIMENT = {None: ABSENT, **ENTITY_SENTIMENT_CODES}


@dataclass(frozen=True)
class FreeColumns:
    """Span-free items: document, label or kind, a key (text code or currency code) and attributes."""

    doc: np.ndarray
    label: np.ndarray
    key: np.ndarray
    attrs: dict[str, np.ndarray]


@dataclass(frozen=True)
class EntityLinks:
    """The predicted entity ids of a span-based file: per mention its document index, offsets and id code.

    Kept whole (not per batch): linking clusters cross documents, so they are scored on the split at once."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    cluster: np.ndarray


@dataclass(frozen=True)
class Predictions:
    """Everything the scorer needs from one prediction file; a layer mode of None means "not predicted"."""

    entity_mode: str | None
    entities: SpanColumns | FreeColumns | None
    entity_sentiment_given: bool
    amount_mode: str | None
    amounts: SpanColumns | FreeColumns | None
    sentence_sentiment: np.ndarray | None
    document_sentiment: np.ndarray | None
    documents_seen: np.ndarray
    texts: Vocabulary
    entity_ids_given: bool = False
    entity_links: EntityLinks | None = None


def item_mode(item: dict) -> str:
    """Whether one entity or amount item is span-based or span-free."""
    return SPAN if "start" in item else SPAN_FREE


def _codes(items: list[dict], key: str, codes: dict, absent: int = ABSENT) -> np.ndarray:
    """Codes of an optional closed-inventory field (`absent` where the key is missing)."""
    return np.fromiter((codes[item[key]] if key in item else absent for item in items), np.int64, len(items))


Converter = Callable[[list[dict]], dict[str, np.ndarray]]


class _Layer:
    """One layer's items: references to the validated item dicts, turned into numpy columns per chunk.

    Items wait in a list of at most CHUNK; a chunk is converted field by field with one
    `np.fromiter` pass each (the per-record cost is one list extend), and the dicts are let go.
    """

    CHUNK = 1 << 16

    def __init__(self, convert: Converter):
        self.mode: str | None = None
        self.predicted = False
        self.convert = convert
        self.count = 0
        self.clear()

    def clear(self) -> None:
        """Forget the items (the mode and whether the layer is predicted stay)."""
        self.items: list[dict] = []
        self.docs: list[int] = []
        self.sizes: list[int] = []
        self.chunks: dict[str, list[np.ndarray]] = {}
        self.count = 0

    def add(self, doc: int, items: list[dict]) -> None:
        self.items.extend(items)
        self.docs.append(doc)
        self.sizes.append(len(items))
        self.count += len(items)
        if len(self.items) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        columns = {"doc": np.repeat(np.array(self.docs, dtype=np.int64), self.sizes), **self.convert(self.items)}
        for name, column in columns.items():
            self.chunks.setdefault(name, []).append(column)
        self.items, self.docs, self.sizes = [], [], []

    def numpy(self, name: str, dtype=np.int64) -> np.ndarray:
        self.flush()
        chunks = self.chunks.get(name)
        return np.concatenate(chunks).astype(dtype, copy=False) if chunks else np.zeros(0, dtype=dtype)


class PredictionBuilder:
    """Collects validated prediction records (any document order) into `Predictions`."""

    def __init__(self, gold: Gold):
        self.gold = gold
        self.currencies, self.units, self.texts = gold.currencies.copy(), gold.units.copy(), Vocabulary()
        self.entities = _Layer(self._entity_columns)
        self.amounts = _Layer(self._amount_columns)
        self.sentences = np.full(gold.n_sentences, ABSENT, dtype=np.int64)
        self.documents = np.full(gold.n_documents, ABSENT, dtype=np.int64)
        self.seen = np.zeros(gold.n_documents, dtype=bool)
        self.batch_seen = np.zeros(gold.n_documents, dtype=bool)
        self.predicts = {"sentences": False, "sentiment": False}
        self.entity_sentiment_given = False
        self.entity_ids_given = False
        self.link_chunks: list[tuple[np.ndarray, ...]] = []
        self.link_ids = Vocabulary()

    def add(self, doc: int, record: dict[str, Any]) -> None:
        """Add the record of document index `doc` (already validated by the reader; not modified)."""
        self.seen[doc] = self.batch_seen[doc] = True
        if "entities" in record:
            self._add(self.entities, doc, record["entities"])
            if record["entities"] and "entity_id" in record["entities"][0]:  # the reader checked: all or none
                self.entity_ids_given = True
        if "amounts" in record:
            self._add(self.amounts, doc, record["amounts"])
        if "ungrounded" in record:
            self._add_ungrounded(doc, record["ungrounded"])
        if "sentences" in record:
            self.predicts["sentences"] = True
            index = self.gold.sentence_lookup(doc)
            for sentence in record["sentences"]:
                self.sentences[index[sentence["id"]]] = SENTENCE_SENTIMENT_CODES[sentence["sentiment"]]
        if "sentiment" in record:
            self.predicts["sentiment"] = True
            self.documents[doc] = SENTENCE_SENTIMENT_CODES[record["sentiment"]]

    @property
    def pending(self) -> int:
        """Entities and amounts added since the last batch (or the start)."""
        return self.entities.count + self.amounts.count

    @property
    def batch_pending(self) -> bool:
        """Whether a document was added since the last batch."""
        return bool(self.batch_seen.any())

    def _add_ungrounded(self, doc: int, ungrounded: dict[str, list[dict]]) -> None:
        """Format 1.2's ungrounded items as empty spans at the start of their cited sentence (the first one
        when null). An empty span overlaps nothing, so each is one spurious prediction of its label in that
        sentence: it lowers precision and nothing else (with entity ids, one spurious mention for linking)."""
        lookup, base, first = self.gold.sentence_lookup(doc), int(self.gold.doc_base[doc]), int(self.gold.first_sentence[doc])

        def placed(item: dict) -> dict:
            start = int(self.gold.sentence_start[lookup[item["sentence"]] if item["sentence"] is not None else first]) - base
            return {**{k: v for k, v in item.items() if k not in ("sentence", "text")}, "start": start, "end": start}

        for layer, name in ((self.entities, "entities"), (self.amounts, "amounts")):
            if ungrounded.get(name):
                self._add(layer, doc, [placed(item) for item in ungrounded[name]])

    @staticmethod
    def _add(layer: _Layer, doc: int, items: list[dict]) -> None:
        layer.predicted = True
        if items and layer.mode is None:
            layer.mode = item_mode(items[0])
        layer.add(doc, items)

    def _entity_columns(self, items: list[dict]) -> dict[str, np.ndarray]:
        sentiments = [item.get("sentiment") for item in items]
        self.entity_sentiment_given = self.entity_sentiment_given or any(sentiments)
        columns = {"label": np.fromiter(map(ENTITY_LABEL_CODES.__getitem__, map(_LABEL, items)), np.int64, len(items)),
                   "sentiment": np.fromiter(map(_ENTITY_SENTIMENT.__getitem__, sentiments), np.int64, len(items))}
        if self.entities.mode == SPAN:
            columns["start"], columns["end"] = offsets(items)
            if "entity_id" in items[0]:
                cluster = np.fromiter(map(self.link_ids.code, map(_ENTITY_ID, items)), np.int64, len(items))
                doc = np.repeat(np.array(self.entities.docs, dtype=np.int64), self.entities.sizes)
                self.link_chunks.append((doc, columns["start"], columns["end"], cluster))
        else:
            columns["key"] = np.fromiter((self.texts.code(normalise_text(item["text"])) for item in items), np.int64,
                                         len(items))
        return columns

    def _amount_columns(self, items: list[dict]) -> dict[str, np.ndarray]:
        count = len(items)
        columns = {
            "kind": np.fromiter(map(KIND_CODES.__getitem__, map(_KIND, items)), np.int64, count),
            "value": np.fromiter(map(_VALUE, items), np.float64, count),
            "currency": np.fromiter((self.currencies.code(item.get("currency")) for item in items), np.int64, count),
            "qualifier": _codes(items, "qualifier", QUALIFIER_CODES),
            "per": _codes(items, "per", PERIOD_CODES),
            "unit": np.fromiter(map(self._unit, items), np.int64, count),
        }
        if self.amounts.mode == SPAN:
            columns["start"], columns["end"] = offsets(items)
        return columns

    def _unit(self, item: dict) -> int:
        if "unit" not in item:
            return ABSENT
        return self.units.code(None if item["unit"] is None else normalise_unit(item["unit"]))

    def finish(self) -> Predictions:
        """The collected predictions as numpy columns."""
        entities = self._finish_layer(self.entities, ("sentiment",), "label")
        amounts = self._finish_layer(self.amounts, ("value", "currency", "qualifier", "per", "unit"), "kind")
        return Predictions(
            entity_mode=self._layer_mode(self.entities), entities=entities,
            entity_sentiment_given=self.entity_sentiment_given,
            amount_mode=self._layer_mode(self.amounts), amounts=amounts,
            sentence_sentiment=self.sentences if self.predicts["sentences"] else None,
            document_sentiment=self.documents if self.predicts["sentiment"] else None,
            documents_seen=self.seen.copy(), texts=self.texts, entity_ids_given=self.entity_ids_given,
            entity_links=self._links())

    def _links(self) -> EntityLinks | None:
        """The span-based mentions with ids (None when the file gives no ids or is span-free)."""
        if not self.entity_ids_given or self._layer_mode(self.entities) != SPAN:
            return None
        self.entities.flush()
        if not self.link_chunks:
            return EntityLinks(*(np.zeros(0, dtype=np.int64) for _ in range(4)))
        return EntityLinks(*(np.concatenate(parts) for parts in zip(*self.link_chunks)))

    def take_batch(self) -> Predictions:
        """The documents added since the last batch and their items, which are then forgotten.

        `documents_seen` marks the batch's documents; a layer mode is the mode known so far, None
        while no item of the layer has been seen in the file (the batch then has none either), so
        it is not final. Sentence and document sentiments are not part of a batch: they stay in
        the builder (split-sized) and come with `finish`. Vocabularies of currencies and units stay
        too, so codes are the same as in one batch; span-free texts start afresh.
        """
        entities = self._finish_layer(self.entities, ("sentiment",), "label") if self.entities.mode else None
        amounts = (self._finish_layer(self.amounts, ("value", "currency", "qualifier", "per", "unit"), "kind")
                   if self.amounts.mode else None)
        batch = Predictions(entity_mode=self.entities.mode, entities=entities,
                            entity_sentiment_given=self.entity_sentiment_given,
                            amount_mode=self.amounts.mode, amounts=amounts, sentence_sentiment=None,
                            document_sentiment=None, documents_seen=self.batch_seen, texts=self.texts)
        self.entities.clear()
        self.amounts.clear()
        self.texts = Vocabulary()
        self.batch_seen = np.zeros(self.gold.n_documents, dtype=bool)
        return batch

    @staticmethod
    def _layer_mode(layer: _Layer) -> str | None:
        return (layer.mode or SPAN) if layer.predicted else None

    def _finish_layer(self, layer: _Layer, attributes: tuple[str, ...], label: str):
        if not layer.predicted:
            return None
        doc = layer.numpy("doc")
        attrs = {name: layer.numpy(name, np.float64 if name == "value" else np.int64) for name in attributes}
        if (layer.mode or SPAN) == SPAN:
            return self.gold.place(doc, layer.numpy("start"), layer.numpy("end"), layer.numpy(label), attrs)
        key = layer.numpy("key") if label == "label" else attrs["currency"]
        return FreeColumns(doc=doc, label=layer.numpy(label), key=key, attrs=attrs)
