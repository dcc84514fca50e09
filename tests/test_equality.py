"""One amount-equality rule: the scalar test used by the viewer, agreement and adjudication equals the
scorer's column test, and units compare as the scorer normalises them."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from kiwi_bench.scoring.equality import same_unit, same_value, value_equal
from kiwi_bench.scoring.statistics import values_close

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


@given(finite, finite)
def test_the_scalar_rule_equals_the_scorers_column_rule(a, b):
    assert value_equal(a, b) == bool(values_close(np.array([a]), np.array([b]))[0])


def test_hand_computed_tolerance_cases():
    assert value_equal(38_000_000_000, 38_000_000_000.0)
    assert value_equal(33.333333, 33.3333333)          # differs by 3.3e-7, within 1e-6 * 33.3
    assert not value_equal(33.333, 33.3334)            # differs by 4e-4 > 3.3e-5
    assert value_equal(1e9, 1e9 + 999) and not value_equal(1e9, 1e9 + 1001)  # the bound is 1000
    assert same_value({"value": 5, "currency": "EUR"}, {"value": 5.0, "currency": "EUR"})
    assert not same_value({"value": 5, "currency": "EUR"}, {"value": 5, "currency": None})


def test_units_compare_as_the_scorer_normalises_them():
    assert same_unit("Images ", "images") and same_unit("GPUs", "gpus") and same_unit("paying  users", "paying users")
    assert same_unit(None, None) and not same_unit("users", None)
