"""Metrics from summed sufficient statistics; every function works on scalars and numpy arrays alike.

The same functions give the point estimate (sums over the whole split) and every bootstrap
resample (sums under resample weights, one row per resample), so the two can never disagree.

Conventions: precision is 0 when nothing was predicted but something was to be found, recall
is 0 when predictions exist but nothing was to be found (as in seqeval and nervaluate); when
there is neither a gold nor a predicted item the figures are undefined (NaN, reported as null)
and such resamples are left out of the interval. An accuracy over zero items is undefined too.
"""

from __future__ import annotations

import numpy as np


def _ratio(numerator, denominator):
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), 0.0)


def prf(credit, actual, possible) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 from credit (correct, plus half of partial), actual and possible."""
    precision = _ratio(credit, actual)
    recall = _ratio(credit, possible)
    f1 = _ratio(2 * precision * recall, precision + recall)
    undefined = (np.asarray(actual) == 0) & (np.asarray(possible) == 0)
    nan = np.float64("nan")
    return tuple(np.where(undefined, nan, value) for value in (precision, recall, f1))  # type: ignore[return-value]


def accuracy(correct, scored) -> np.ndarray:
    """correct / scored, undefined (NaN) when nothing was scored."""
    return np.where(np.asarray(scored) > 0, _ratio(correct, scored), np.float64("nan"))


def macro_f1(tp, fp, fn) -> np.ndarray:
    """Mean F1 over the labels (last axis) that occur in the gold or the predictions."""
    tp, fp, fn = (np.asarray(x, dtype=np.float64) for x in (tp, fp, fn))
    _, _, f1 = prf(tp, tp + fp, tp + fn)
    present = (tp + fp + fn) > 0
    count = present.sum(axis=-1)
    total = np.where(present, np.nan_to_num(f1), 0.0).sum(axis=-1)
    return np.where(count > 0, _ratio(total, count), np.float64("nan"))


def as_number(value) -> float | None:
    """A JSON-ready float, or None for an undefined (NaN) value."""
    value = float(value)
    return None if np.isnan(value) else value
