"""Sentiment pieces shared by the baselines: document sentiment from sentence labels, entity
sentiment from the sentence, and the TF-IDF + logistic-regression sentence classifier."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kiwi_bench.core.labels import SENTENCE_SENTIMENTS


def entity_sentiment(sentence_label: str) -> str:
    """An entity inherits its sentence's label; `mixed` (which entities lack) becomes `neutral`."""
    return "neutral" if sentence_label == "mixed" else sentence_label


def document_sentiment(sentence_labels: Iterable[str], mixed_ratio: float) -> str:
    """The document label from its sentence labels.

    A `mixed` sentence counts as one positive and one negative. No polar sentence -> `neutral`;
    when the smaller of the two polar counts is at least `mixed_ratio` times the larger -> `mixed`
    (the article gives substantial space to both, as the guidelines define it); otherwise the
    larger side's label (`positive` on an exact tie with mixed_ratio > 1).
    """
    labels = list(sentence_labels)
    positive = sum(label in ("positive", "mixed") for label in labels)
    negative = sum(label in ("negative", "mixed") for label in labels)
    if positive == negative == 0:
        return "neutral"
    if min(positive, negative) >= mixed_ratio * max(positive, negative):
        return "mixed"
    return "positive" if positive >= negative else "negative"


class SentenceClassifier:
    """Sentence sentiment: word 1-2-gram and char_wb 2-5-gram TF-IDF, logistic regression.

    Deterministic: fixed random_state, lbfgs solver, inputs in document order. With a single
    training label it predicts that label (logistic regression needs two classes).
    """

    def __init__(self, params: Mapping[str, Any]):
        self.params = dict(params)
        self._pipeline: Any = None
        self._constant: str | None = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> None:
        """Learn from parallel lists of sentence texts and labels."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        if len(set(labels)) < 2:
            self._constant = labels[0] if labels else "neutral"
            return
        p = self.params
        features = FeatureUnion([
            ("word", TfidfVectorizer(analyzer="word", ngram_range=tuple(p["word_ngrams"]), lowercase=True, sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(p["char_ngrams"]), lowercase=True, sublinear_tf=True)),
        ])
        class_weight = None if p["class_weight"] == "none" else p["class_weight"]
        model = LogisticRegression(C=p["C"], class_weight=class_weight, max_iter=p["max_iter"],
                                   random_state=p["random_state"], solver="lbfgs")
        self._pipeline = Pipeline([("features", features), ("model", model)])
        self._pipeline.fit(list(texts), list(labels))

    def predict(self, texts: Sequence[str]) -> list[str]:
        """One label per text."""
        if self._constant is not None:
            return [self._constant] * len(texts)
        if self._pipeline is None:
            raise RuntimeError("SentenceClassifier.predict() before fit()")
        if not texts:
            return []
        labels = [str(label) for label in self._pipeline.predict(list(texts))]
        assert all(label in SENTENCE_SENTIMENTS for label in labels)
        return labels
