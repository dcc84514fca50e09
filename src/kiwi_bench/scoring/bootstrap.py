"""Bootstrap confidence intervals and paired significance from per-unit statistics (sacreBLEU style).

A resample draws n units (sentences, or documents for document-level metrics) with replacement;
its column sums are the resample weights times the per-unit statistics, and each metric is then
the same function as for the point estimate. Units with identical statistics rows are grouped
first: drawing n units uniformly is the same as drawing multinomial counts over the groups with
probabilities proportional to their sizes, so one resample costs one draw per distinct row, not
one per unit. Each family of metrics has its own random stream derived from the seed, so adding
a family never changes another family's intervals; a paired comparison resamples both systems'
columns together.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from kiwi_bench.scoring.headline import Family

CI_PERCENTILES = (2.5, 97.5)


def family_rng(seed: int, family: Family) -> np.random.Generator:
    """The random stream of one family: fixed by the seed and the family's name."""
    return np.random.default_rng([seed, *family.name.encode("utf-8")])


def _distinct_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a non-negative integer matrix and how often each occurs."""
    radix = matrix.max(axis=0) + 1 if len(matrix) else np.ones(matrix.shape[1], dtype=np.int64)
    if float(np.prod(radix.astype(np.float64))) < 2.0 ** 62:
        multiplier = np.cumprod(np.concatenate([[1], radix[:-1]])).astype(np.int64)
        _, first, counts = np.unique(matrix @ multiplier, return_index=True, return_counts=True)
        return matrix[first], counts
    rows, counts = np.unique(matrix, axis=0, return_counts=True)
    return rows, counts


def resample_sums(matrix: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of `resamples` bootstrap resamples of the rows of `matrix` (resamples x columns)."""
    n = matrix.shape[0]
    if n == 0:
        return np.zeros((resamples, matrix.shape[1]))
    if matrix.min(initial=0) < 0:
        raise ValueError("statistics must be non-negative counts")
    rows, counts = _distinct_rows(matrix)
    weights = rng.multinomial(n, counts / n, size=resamples)
    return weights.astype(np.float64) @ rows.astype(np.float64)


def family_matrix(family: Family, columns: Mapping[str, Mapping[str, np.ndarray]]) -> np.ndarray:
    """The per-unit statistics of one family as an (units x columns) int64 matrix."""
    return np.stack([np.asarray(columns[family.level][name], dtype=np.int64) for name in family.columns], axis=1)


def bootstrap(families: list[Family], columns: Mapping[str, Mapping[str, np.ndarray]], resamples: int,
              seed: int) -> dict[str, np.ndarray]:
    """For every metric of every family, its value in each resample (NaN where undefined)."""
    values: dict[str, np.ndarray] = {}
    for family in families:
        sums = resample_sums(family_matrix(family, columns), resamples, family_rng(seed, family))
        named = {name: sums[:, k] for k, name in enumerate(family.columns)}
        values.update({path: np.asarray(function(named), dtype=np.float64) for path, function in family.metrics.items()})
    return values


def interval(samples: np.ndarray) -> list[float] | None:
    """The 95% percentile interval of the defined resample values, or None when there are none."""
    samples = samples[~np.isnan(samples)]
    if samples.size == 0:
        return None
    low, high = np.percentile(samples, CI_PERCENTILES)
    return [float(low), float(high)]


def paired(families: list[Family], columns_a: Mapping, columns_b: Mapping, resamples: int,
           seed: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per metric, the values of systems A and B on the same resamples (paired bootstrap)."""
    values: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for family in families:
        matrix = np.concatenate([family_matrix(family, columns_a), family_matrix(family, columns_b)], axis=1)
        sums = resample_sums(matrix, resamples, family_rng(seed, family))
        width = len(family.columns)
        named_a = {name: sums[:, k] for k, name in enumerate(family.columns)}
        named_b = {name: sums[:, width + k] for k, name in enumerate(family.columns)}
        values.update({path: (np.asarray(f(named_a), dtype=np.float64), np.asarray(f(named_b), dtype=np.float64))
                       for path, f in family.metrics.items()})
    return values


def p_value(samples_a: np.ndarray, samples_b: np.ndarray, observed_delta: float) -> float | None:
    """Two-sided paired bootstrap p-value of the observed difference A - B.

    The resampled differences are centred on their mean (the null hypothesis of no difference,
    as in sacreBLEU's paired bootstrap) and p = (1 + #{|delta_b - mean| >= |observed|}) / (1 + B).
    """
    deltas = samples_a - samples_b
    deltas = deltas[~np.isnan(deltas)]
    if deltas.size == 0 or np.isnan(observed_delta):
        return None
    extreme = np.abs(deltas - deltas.mean()) >= abs(observed_delta)
    return float((1 + extreme.sum()) / (1 + deltas.size))
