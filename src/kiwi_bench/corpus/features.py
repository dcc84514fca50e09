"""Hugging Face `Features` of every config of the dataset directory (labels from the schema)."""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, QUALIFIERS, SENTENCE_SENTIMENTS
from kiwi_bench.core.metadata import SPLITS

NER_TAGS = ("O", *(f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I")))
AMOUNT_TAGS = ("O", *(f"{prefix}-{kind}" for kind in AMOUNT_KINDS for prefix in ("B", "I")))


def _span(**attributes: object) -> dict:
    return {"id": Value("string"), "start": Value("int32"), "end": Value("int32"), "text": Value("string"), **attributes}


def entity_feature() -> dict:
    """One entity mention; start/end are character offsets (document- or sentence-relative per config)."""
    return _span(label=ClassLabel(names=list(ENTITY_LABELS)), entity_id=Value("string"),
                 sentiment=ClassLabel(names=list(ENTITY_SENTIMENTS)))


def amount_feature() -> dict:
    """One amount with its normalised attributes (currency, unit and per are null when absent)."""
    return _span(kind=ClassLabel(names=list(AMOUNT_KINDS)), value=Value("float64"), currency=Value("string"),
                 unit=Value("string"), qualifier=ClassLabel(names=list(QUALIFIERS)), per=Value("string"))


def sentence_feature() -> dict:
    """One sentence with its sentiment."""
    return _span(sentiment=ClassLabel(names=list(SENTENCE_SENTIMENTS)))


def documents_features() -> Features:
    """`documents` config: one row per article, all layers nested, offsets into `text`."""
    return Features({
        "id": Value("string"),
        "language": Value("string"),
        "title": Value("string"),
        "text": Value("string"),
        "source_file": Value("string"),
        "source_sha256": Value("string"),
        "url": Value("string"),
        "sentiment": ClassLabel(names=list(SENTENCE_SENTIMENTS)),
        "sentences": List(sentence_feature()),
        "entities": List(entity_feature()),
        "amounts": List(amount_feature()),
    })


def sentences_features() -> Features:
    """`sentences` config: one row per sentence, offsets relative to the sentence text."""
    return Features({
        "doc_id": Value("string"),
        "sentence_id": Value("string"),
        "language": Value("string"),
        "text": Value("string"),
        "sentiment": ClassLabel(names=list(SENTENCE_SENTIMENTS)),
        "entities": List(entity_feature()),
        "amounts": List(amount_feature()),
    })


def tokens_features() -> Features:
    """`tokens` config: CoNLL-style rows, one per sentence, IOB2 tags over entity labels and amount kinds."""
    return Features({
        "doc_id": Value("string"),
        "sentence_id": Value("string"),
        "language": Value("string"),
        "tokens": List(Value("string")),
        "token_starts": List(Value("int32")),
        "token_ends": List(Value("int32")),
        "ner_tags": List(ClassLabel(names=list(NER_TAGS))),
        "amount_tags": List(ClassLabel(names=list(AMOUNT_TAGS))),
    })


def annotators_features() -> Features:
    """`annotators` config: one row per document and annotation pass, before adjudication, with the pass's `blind` flag."""
    return Features({
        "doc_id": Value("string"),
        "annotator": Value("string"),
        "blind": Value("bool"),
        "sentiment": ClassLabel(names=list(SENTENCE_SENTIMENTS)),
        "sentences": List({"id": Value("string"), "sentiment": ClassLabel(names=list(SENTENCE_SENTIMENTS))}),
        "entities": List(entity_feature()),
        "amounts": List(amount_feature()),
    })


def contrast_features() -> Features:
    """`contrast` config: one row per contrast item (a one-sentence edit of a test sentence, or the unedited
    original), its bundle fields and every layer, offsets into the item's `text`."""
    return Features({
        "id": Value("string"),
        "bundle_id": Value("string"),
        "base_doc_id": Value("string"),
        "base_sentence_id": Value("string"),
        "edit_type": Value("string"),
        "edit": Value("string"),
        "language": Value("string"),
        "text": Value("string"),
        "sentiment": ClassLabel(names=list(SENTENCE_SENTIMENTS)),
        "entities": List(entity_feature()),
        "amounts": List(amount_feature()),
    })


CONFIG_FEATURES = {
    "documents": documents_features,
    "sentences": sentences_features,
    "tokens": tokens_features,
    "annotators": annotators_features,
    "contrast": contrast_features,
}
CONFIG_SPLITS: dict[str, tuple[str, ...]] = {**dict.fromkeys(CONFIG_FEATURES, SPLITS), "contrast": ("test",)}
"""The published splits of each config: the contrast items are the `test` split of `contrast` alone."""
