"""Dotted paths into a report ("entities.strict.f1"): the one way figures are addressed by name."""

from __future__ import annotations

from typing import Any


def lookup(report: dict[str, Any], path: str) -> Any:
    """The value at dotted `path`; a wrong path is a KeyError naming the keys known where it went wrong."""
    value: Any = report
    walked: list[str] = []
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            where = ".".join(walked) or "the report"
            known = ", ".join(sorted(value)) if isinstance(value, dict) else f"none ({where} is {value!r})"
            raise KeyError(f"{path!r}: no key {key!r} in {where} (known: {known})")
        value = value[key]
        walked.append(key)
    return value
