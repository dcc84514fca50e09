"""The keys and value types of a recognised amount (those of a predicted amount span) and the languages."""

from __future__ import annotations

from typing import Literal, TypedDict

Kind = Literal["money", "count", "percent"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
Period = Literal["hour", "day", "week", "month", "quarter", "year"]
Number = int | float

LANGUAGES = ("de", "nl")


class _AmountRequired(TypedDict):
    """Keys present in every recognised amount (those of a predicted amount span)."""

    start: int
    end: int
    kind: Kind
    value: Number
    currency: str | None
    unit: str | None
    qualifier: Qualifier
    per: Period | None


class Amount(_AmountRequired, total=False):
    """One recognised amount; value_high only for ranges, and only when asked for."""

    value_high: Number
