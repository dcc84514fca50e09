"""`rules`: no learning beyond a name list. Amounts from the rule-based recogniser
(kiwi_bench.baselines.amounts.find_amounts), entities from a gazetteer of the training split's gold
names, sentence sentiment from polarity lexicons (thresholds on summed polarity), entity sentiment
from the sentence (mixed -> neutral), document sentiment from the sentence labels.

Every layer is predicted sentence by sentence over the gold sentences, so no item crosses a
sentence boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiwi_bench.baselines.config import resolve_params
from kiwi_bench.baselines.gazetteer import Gazetteer
from kiwi_bench.baselines.lexicon import evidence, sentence_label
from kiwi_bench.baselines.linking import EntityLinker
from kiwi_bench.baselines.sentiment import document_sentiment, entity_sentiment
from kiwi_bench.baselines.training import require_complete
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.tokens import tokenize
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import Record

DEFAULTS: dict[str, Any] = {
    "entities": {"min_ratio": 0.0},
    "sentences": {"positive_threshold": 0.5, "negative_threshold": 0.25, "mixed_threshold": 1.0, "negation_window": 3},
    "document": {"mixed_ratio": 0.25},
}

_AMOUNT_KEYS = ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")


def lexicon_sentence_label(text: str, language: str, params: Mapping[str, Any]) -> str:
    """The lexicon label of one sentence (see kiwi_bench.baselines.lexicon)."""
    words = [text[start:end] for start, end in tokenize(text, language)]
    found = evidence(words, language, params["negation_window"])
    return sentence_label(found, params["positive_threshold"], params["negative_threshold"], params["mixed_threshold"])


def sentence_amounts(text: str, offset: int, language: str) -> list[dict]:
    """find_amounts on one sentence, shifted to document offsets, reduced to the prediction schema's
    keys (a null qualifier, which the schema does not allow, is left out)."""
    from kiwi_bench.baselines.amounts import find_amounts

    amounts = []
    for found in find_amounts(text, language):
        item: dict[str, Any] = {key: found.get(key) for key in _AMOUNT_KEYS}
        item["start"] += offset
        item["end"] += offset
        if item["qualifier"] is None:
            del item["qualifier"]
        amounts.append(item)
    return amounts


class RulesBaseline:
    """See the module docstring; parameters in baselines/rules/config.toml (= DEFAULTS)."""

    name = "rules"

    def __init__(self, config: Mapping[str, Any] | None = None):
        self.params = resolve_params(config, DEFAULTS, self.name)
        self.gazetteer: Gazetteer | None = None
        self.linker = EntityLinker({})

    def fit(self, documents: list[Document]) -> None:
        """Build the gazetteer from the training documents' gold entities."""
        require_complete(documents, ("entities",), self.name)
        self.gazetteer = Gazetteer.from_documents(sorted(documents, key=lambda d: d["id"]), self.params["entities"]["min_ratio"])
        self.linker = EntityLinker.from_documents(documents)

    def predict(self, documents: list[Document]) -> list[Record]:
        """All four layers, sentence by sentence."""
        if self.gazetteer is None:
            raise KiwiError("rules: predict() called before fit()")
        records = []
        for document in documents:
            language = document["language"]
            entities, amounts, sentences = [], [], []
            for sentence in document["sentences"]:
                label = lexicon_sentence_label(sentence["text"], language, self.params["sentences"])
                sentences.append({"id": sentence["id"], "sentiment": label})
                for match in self.gazetteer.find(sentence["text"], sentence["start"]):
                    entities.append({"start": match.start, "end": match.end, "label": match.label,
                                     "sentiment": entity_sentiment(label),
                                     "entity_id": self.linker.entity_id(document["text"][match.start:match.end])})
                amounts += sentence_amounts(sentence["text"], sentence["start"], language)
            records.append({
                "id": document["id"],
                "entities": entities,
                "amounts": amounts,
                "sentences": sentences,
                "sentiment": document_sentiment((s["sentiment"] for s in sentences), self.params["document"]["mixed_ratio"]),
            })
        return records
