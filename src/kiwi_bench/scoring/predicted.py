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
from typing import Any

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
from kiwi_bench.scoring.spans import ABSENT, SpanColumns

SPAN, SPAN_FREE = "span", "span-free"
_START, _END, _LABEL, _KIND, _VALUE, _ENTITY_ID = (itemgetter(k) for k in ("start", "end", "label", "kind", "value", "entity_id"))
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


class _Layer:
    """One layer's items as typed numpy chunks; values are buffered in lists of at most CHUNK items."""

    CHUNK = 1 << 16

    def __init__(self, fields: dict[str, type]):
        self.mode: str | None = None
        self.predicted = False
        self.dtypes = fields
        self.buffers: dict[str, list] = {name: [] for name in fields}
        self.chunks: dict[str, list[np.ndarray]] = {name: [] for name in fields}
        self.count = 0

    def clear(self) -> None:
        """Forget the items (the mode and whether the layer is predicted stay)."""
        self.buffers = {name: [] for name in self.dtypes}
        self.chunks = {name: [] for name in self.dtypes}
        self.count = 0

    def extend(self, name: str, values) -> None:
        buffer = self.buffers[name]
        buffer.extend(values)
        if len(buffer) >= self.CHUNK:
            self.flush(name)

    def flush(self, name: str) -> None:
        if self.buffers[name]:
            self.chunks[name].append(np.array(self.buffers[name], dtype=self.dtypes[name]))
            self.buffers[name] = []

    def numpy(self, name: str, dtype=np.int64) -> np.ndarray:
        self.flush(name)
        chunks = self.chunks[name]
        return np.concatenate(chunks).astype(dtype, copy=False) if chunks else np.zeros(0, dtype=dtype)


class PredictionBuilder:
    """Collects validated prediction records (any document order) into `Predictions`."""

    def __init__(self, gold: Gold):
        self.gold = gold
        self.currencies, self.units, self.texts = gold.currencies.copy(), gold.units.copy(), Vocabulary()
        self.entities = _Layer({k: np.int64 for k in ("doc", "start", "end", "label", "sentiment", "key")})
        self.amounts = _Layer({**{k: np.int64 for k in ("doc", "start", "end", "kind", "currency", "qualifier", "per", "unit")},
                               "value": np.float64})
        self.sentences = np.full(gold.n_sentences, ABSENT, dtype=np.int64)
        self.documents = np.full(gold.n_documents, ABSENT, dtype=np.int64)
        self.seen = np.zeros(gold.n_documents, dtype=bool)
        self.batch_seen = np.zeros(gold.n_documents, dtype=bool)
        self.predicts = {"sentences": False, "sentiment": False}
        self.entity_sentiment_given = False
        self.entity_ids_given = False
        self.links = _Layer({k: np.int64 for k in ("doc", "start", "end", "cluster")})
        self.link_ids = Vocabulary()

    def add(self, doc: int, record: dict[str, Any]) -> None:
        """Add the record of document index `doc` (already validated: offsets are ints)."""
        self.seen[doc] = self.batch_seen[doc] = True
        if "entities" in record:
            self._add_entities(doc, record["entities"])
        if "amounts" in record:
            self._add_amounts(doc, record["amounts"])
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

    def _mode(self, layer: _Layer, items: list[dict]) -> str | None:
        layer.predicted = True
        layer.count += len(items)
        if items and layer.mode is None:
            layer.mode = item_mode(items[0])
        return layer.mode

    def _add_entities(self, doc: int, items: list[dict]) -> None:
        layer = self.entities
        mode = self._mode(layer, items)
        layer.extend("doc", [doc] * len(items))
        layer.extend("label", map(ENTITY_LABEL_CODES.__getitem__, map(_LABEL, items)))
        sentiments = [item.get("sentiment") for item in items]
        self.entity_sentiment_given = self.entity_sentiment_given or any(sentiments)
        layer.extend("sentiment", map(_ENTITY_SENTIMENT.__getitem__, sentiments))
        if mode == SPAN:
            layer.extend("start", map(_START, items))
            layer.extend("end", map(_END, items))
        else:
            layer.extend("key", [self.texts.code(normalise_text(item["text"])) for item in items])
        if items and "entity_id" in items[0]:  # the reader checked: ids on every entity of the file or on none
            self.entity_ids_given = True
            if mode == SPAN:
                self._add_links(doc, items)

    def _add_links(self, doc: int, items: list[dict]) -> None:
        links = self.links
        links.extend("doc", [doc] * len(items))
        links.extend("start", map(_START, items))
        links.extend("end", map(_END, items))
        links.extend("cluster", map(self.link_ids.code, map(_ENTITY_ID, items)))

    def _add_ungrounded(self, doc: int, ungrounded: dict[str, list[dict]]) -> None:
        """Format 1.2's ungrounded items as empty spans at the start of their cited sentence (the first one
        when null). An empty span overlaps nothing, so each is one spurious prediction of its label in that
        sentence: it lowers precision and nothing else (entity ids are dropped: linking sees placed mentions only)."""
        lookup, base = self.gold.sentence_lookup(doc), int(self.gold.doc_base[doc])
        first = int(self.gold.first_sentence[doc])

        def placed(item: dict) -> dict:
            sentence = lookup[item["sentence"]] if item["sentence"] is not None else first
            start = int(self.gold.sentence_start[sentence]) - base
            return {**{k: v for k, v in item.items() if k not in ("sentence", "text", "entity_id")}, "start": start, "end": start}

        if ungrounded.get("entities"):
            self._add_entities(doc, [placed(item) for item in ungrounded["entities"]])
        if ungrounded.get("amounts"):
            self._add_amounts(doc, [placed(item) for item in ungrounded["amounts"]])

    def _add_amounts(self, doc: int, items: list[dict]) -> None:
        layer = self.amounts
        mode = self._mode(layer, items)
        layer.extend("doc", [doc] * len(items))
        layer.extend("kind", map(KIND_CODES.__getitem__, map(_KIND, items)))
        layer.extend("value", [float(value) for value in map(_VALUE, items)])
        layer.extend("currency", [self.currencies.code(item.get("currency")) for item in items])
        layer.extend("qualifier", [QUALIFIER_CODES[i["qualifier"]] if "qualifier" in i else ABSENT for i in items])
        layer.extend("per", [PERIOD_CODES[i["per"]] if "per" in i else ABSENT for i in items])
        layer.extend("unit", [self._unit(i) for i in items])
        if mode == SPAN:
            layer.extend("start", map(_START, items))
            layer.extend("end", map(_END, items))

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
        return EntityLinks(*(self.links.numpy(name) for name in ("doc", "start", "end", "cluster")))

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
