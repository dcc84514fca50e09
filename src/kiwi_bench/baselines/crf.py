"""`crf`: learned baseline. Two linear-chain CRFs (sklearn-crfsuite, L-BFGS) over the tokens of the
`tokens` config (kiwi_bench.corpus.rows.token_rows): one for the IOB2 entity tags, one for the IOB2
amount tags; a TF-IDF + logistic-regression sentence classifier; entity sentiment from the
sentence, document sentiment from the sentence labels.

Amounts: the amount CRF finds spans and kinds; value and currency come from
kiwi_bench.baselines.amounts.normalize_amount on the span's surface, and a span the normaliser
rejects is dropped. The kind is the normaliser's when the surface itself decides it (a currency
or a percent word), else the CRF's (which sees the context). No unit, qualifier or per is
predicted (optional attributes are scored only where given).

Deterministic: L-BFGS has no randomness, training sentences are in document and sentence order,
feature dicts are built in a fixed order, and the classifier has a fixed random_state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiwi_bench.baselines.config import resolve_params
from kiwi_bench.baselines.features import sentence_features
from kiwi_bench.baselines.gazetteer import Gazetteer, token_tags
from kiwi_bench.baselines.linking import EntityLinker
from kiwi_bench.baselines.sentiment import SentenceClassifier, document_sentiment, entity_sentiment
from kiwi_bench.baselines.spans import iob2_spans
from kiwi_bench.baselines.training import require_complete, sentence_examples
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import Document
from kiwi_bench.corpus.rows import token_rows
from kiwi_bench.systems.extractors import Record

DEFAULTS: dict[str, Any] = {
    "entities": {"c1": 0.1, "c2": 0.1, "max_iterations": 100, "gazetteer_feature": True, "gazetteer_min_ratio": 0.0},
    "amounts": {"c1": 0.1, "c2": 0.1, "max_iterations": 100},
    "sentences": {"C": 0.1, "class_weight": "balanced", "max_iter": 1000, "random_state": 13,
                  "word_ngrams": [1, 2], "char_ngrams": [2, 5]},
    "document": {"mixed_ratio": 0.25},
}


def _unlabelled(document: Document) -> Document:
    """The document with empty entity and amount layers, so token_rows only tokenises it."""
    return {**document, "entities": [], "amounts": []}


def _train_crf(features: list, tags: list, params: Mapping[str, Any]) -> Any:
    import sklearn_crfsuite

    model = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=params["c1"], c2=params["c2"],
                                 max_iterations=params["max_iterations"], all_possible_transitions=True)
    model.fit(features, tags)
    return model


class CrfBaseline:
    """See the module docstring; parameters in baselines/crf/config.toml (= DEFAULTS)."""

    name = "crf"

    def __init__(self, config: Mapping[str, Any] | None = None):
        self.params = resolve_params(config, DEFAULTS, self.name)
        self.gazetteer: Gazetteer | None = None
        self.linker = EntityLinker({})
        self.entity_model: Any = None
        self.amount_model: Any = None
        self.sentences = SentenceClassifier(self.params["sentences"])

    def _entity_features(self, row: dict, text: str) -> list:
        """Token features of a row, with the training gazetteer's tags when configured."""
        tags = None
        if self.params["entities"]["gazetteer_feature"]:
            assert self.gazetteer is not None
            start, end = row["token_starts"][0], row["token_ends"][-1]
            tags = token_tags(self.gazetteer.find(text[start:end], start), row["token_starts"], row["token_ends"])
        return sentence_features(row["tokens"], tags)

    @staticmethod
    def _rows(document: Document) -> list[dict]:
        return [row for row in token_rows(document) if row["tokens"]]

    def fit(self, documents: list[Document]) -> None:
        """Train both CRFs and the sentence classifier on complete gold documents."""
        require_complete(documents, ("entities", "amounts", "sentence_sentiment"), self.name)
        documents = sorted(documents, key=lambda d: d["id"])
        self.gazetteer = Gazetteer.from_documents(documents, self.params["entities"]["gazetteer_min_ratio"])
        self.linker = EntityLinker.from_documents(documents)
        rows = [(row, document["text"]) for document in documents for row in self._rows(document)]
        self.entity_model = _train_crf([self._entity_features(r, text) for r, text in rows],
                                       [r["ner_tags"] for r, _ in rows], self.params["entities"])
        self.amount_model = _train_crf([sentence_features(r["tokens"]) for r, _ in rows],
                                       [r["amount_tags"] for r, _ in rows], self.params["amounts"])
        self.sentences.fit(*sentence_examples(documents))

    def _amount(self, text: str, start: int, end: int, crf_kind: str, language: str) -> dict | None:
        from kiwi_bench.baselines.amounts import normalize_amount

        found = normalize_amount(text[start:end], language)
        if found is None:
            return None
        decided = found["kind"] == "percent" or found["currency"] is not None
        kind = found["kind"] if decided else crf_kind
        return {"start": start, "end": end, "kind": kind, "value": found["value"],
                "currency": found["currency"] if kind == "money" else None}

    def predict(self, documents: list[Document]) -> list[Record]:
        """Entities, amounts, sentence and document sentiment of each document."""
        if self.entity_model is None:
            raise KiwiError("crf: predict() called before fit()")
        records = []
        for document in documents:
            rows = self._rows(_unlabelled(document))
            sentence_labels = self.sentences.predict([s["text"] for s in document["sentences"]])
            labels = dict(zip((s["id"] for s in document["sentences"]), sentence_labels))
            entity_tags = self.entity_model.predict([self._entity_features(r, document["text"]) for r in rows]) if rows else []
            amount_tags = self.amount_model.predict([sentence_features(r["tokens"]) for r in rows]) if rows else []
            entities, amounts = [], []
            for row, e_tags, a_tags in zip(rows, entity_tags, amount_tags):
                starts, ends = row["token_starts"], row["token_ends"]
                for first, last, label in iob2_spans(e_tags):
                    entities.append({"start": starts[first], "end": ends[last], "label": label,
                                     "sentiment": entity_sentiment(labels[row["sentence_id"]]),
                                     "entity_id": self.linker.entity_id(document["text"][starts[first]:ends[last]])})
                for first, last, kind in iob2_spans(a_tags):
                    amount = self._amount(document["text"], starts[first], ends[last], kind, document["language"])
                    if amount is not None:
                        amounts.append(amount)
            records.append({
                "id": document["id"],
                "entities": entities,
                "amounts": amounts,
                "sentences": [{"id": sid, "sentiment": label} for sid, label in labels.items()],
                "sentiment": document_sentiment(labels.values(), self.params["document"]["mixed_ratio"]),
            })
        return records
