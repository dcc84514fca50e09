"""When two amount annotations agree: the one rule the scorer, the viewer, agreement and adjudication share.

Values agree within the spec's relative tolerance (|a - b| <= 1e-6 * max(|a|, |b|), the same test as
`statistics.values_close` on columns); currencies must be equal; count units are compared after
`codes.normalise_unit` (NFC, case-folded, white space collapsed).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiwi_bench.scoring.codes import normalise_unit
from kiwi_bench.scoring.statistics import VALUE_TOLERANCE


def value_equal(a: float, b: float) -> bool:
    """Amount values equal within the relative tolerance."""
    a, b = float(a), float(b)
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def same_value(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Value within tolerance and the same currency (null equals only null)."""
    return value_equal(a["value"], b["value"]) and a.get("currency") == b.get("currency")


def same_unit(a: Any, b: Any) -> bool:
    """Count units equal after normalisation; null equals only null."""
    if isinstance(a, str) and isinstance(b, str):
        return normalise_unit(a) == normalise_unit(b)
    return a == b
