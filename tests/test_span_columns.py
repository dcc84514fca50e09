"""The column helpers of `kiwi_bench.scoring.spans`: the one-pass field reader and the sort short cut."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiwi_bench.scoring import PredictionBuilder, load_gold
from kiwi_bench.scoring.codes import ENTITY_SENTIMENT_CODES
from kiwi_bench.scoring.spans import (
    ABSENT,
    SpanColumns,
    build_columns,
    canonical_order,
    in_canonical_order,
    read_fields,
)
from test_scoring_support import make_document


def _columns(rows: list[tuple[int, int, int, int, float]]) -> SpanColumns:
    start, end, label, sentiment, value = (np.array(column, dtype=dtype) for column, dtype in
                                           zip(zip(*rows), (np.int64, np.int64, np.int64, np.int64, np.float64)))
    zeros = np.zeros(len(rows), dtype=np.int64)
    return SpanColumns(start, end, label, zeros, zeros, {"sentiment": sentiment, "value": value})


_ROWS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2), st.integers(-1, 1),
                           st.sampled_from((0.0, 1.5))), min_size=2, max_size=12)


@settings(max_examples=400, deadline=None)
@given(_ROWS)
def test_in_canonical_order_says_exactly_when_the_stable_sort_is_the_identity(rows):
    # Small value ranges make ties on every key likely, so each key's tie-break is exercised.
    columns = _columns(rows)
    identity = bool((canonical_order(columns) == np.arange(len(rows))).all())
    assert in_canonical_order(columns) == identity


@settings(max_examples=200, deadline=None)
@given(_ROWS)
def test_build_columns_gives_the_sorted_rows_whether_or_not_it_sorts(rows):
    columns = _columns(rows)
    built = build_columns(columns.start, columns.end, columns.label, columns.doc, columns.attrs,
                          doc_base=np.zeros(1, dtype=np.int64), sentence_end=np.array([10], dtype=np.int64),
                          last_sentence=np.zeros(1, dtype=np.int64))
    expected = sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3], r[4]))  # attributes by name: sentiment, value
    got = list(zip(built.start.tolist(), built.end.tolist(), built.label.tolist(), built.attrs["sentiment"].tolist(),
                   built.attrs["value"].tolist()))
    assert got == expected


def test_single_rows_and_empty_columns_are_in_order():
    one = SpanColumns(*(np.array([1]) for _ in range(5)), {})
    empty = SpanColumns(*(np.zeros(0, dtype=np.int64) for _ in range(5)), {})
    assert in_canonical_order(one) and in_canonical_order(empty)
    assert not in_canonical_order(_columns([(2, 3, 0, 0, 0.0), (1, 3, 0, 0, 0.0)]))


def test_read_fields_equals_reading_each_field_separately():
    items = [{"start": 5.0, "end": 9, "label": "ORG", "sentiment": None, "text": "x"},
             {"start": 0, "end": 3, "label": "PER", "sentiment": "positive"}]
    fields = read_fields(items, ("start", "end"), ("label", "sentiment"))
    assert fields["start"].tolist() == [5, 0] and fields["start"].dtype == np.int64
    assert fields["end"].tolist() == [9, 3]
    assert fields["label"].tolist() == ["ORG", "PER"] and fields["sentiment"].tolist() == [None, "positive"]
    assert all(column.flags["C_CONTIGUOUS"] for column in fields.values())
    assert read_fields(items, (), ("label",))["label"].tolist() == ["ORG", "PER"]
    assert read_fields([], ("start", "end"))["start"].shape == (0,)


def test_read_fields_raises_key_error_for_a_missing_field():
    with pytest.raises(KeyError):
        read_fields([{"start": 0, "end": 1, "label": "PER"}], ("start", "end"), ("label", "sentiment"))


def test_prediction_builder_reads_sentiment_whether_all_some_or_no_entities_give_it():
    # Sentiment is optional per entity: ABSENT where it is not given, and "given" when any entity has one.
    gold = load_gold([make_document("kiwi-900", ["OpenAI und Mistral wachsen."],
                                    entities=[("OpenAI", "ORG", "positive"), ("Mistral", "ORG", "neutral")])])
    cases = {"all": ["positive", "negative"], "some": ["positive", None], "none": [None, None]}
    for name, sentiments in cases.items():
        entities = [{"start": start, "end": end, "label": "ORG", **({"sentiment": s} if s else {})}
                    for (start, end), s in zip(((0, 6), (11, 18)), sentiments)]
        builder = PredictionBuilder(gold)
        builder.add(0, {"id": "kiwi-900", "entities": entities})
        predictions = builder.finish()
        expected = [ENTITY_SENTIMENT_CODES[s] if s else ABSENT for s in sentiments]
        assert predictions.entities.attrs["sentiment"].tolist() == expected, name
        assert predictions.entity_sentiment_given == (name != "none"), name
