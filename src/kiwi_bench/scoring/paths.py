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


def find(report: dict[str, Any], path: str) -> Any:
    """The value at dotted `path`, or None where the path does not exist (a layer not predicted)."""
    value: Any = report
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def interval_of(report: dict[str, Any], path: str) -> Any:
    """The 95% interval of the figure at `path` (its block's `ci95[name]`), or None."""
    block, _, name = path.rpartition(".")
    intervals = find(report, f"{block}.ci95") if block else None
    return intervals.get(name) if isinstance(intervals, dict) else None


def assign(tree: dict[str, Any], path: str, value: Any) -> None:
    """Set dotted `path` in a nested dict, creating the dicts on the way."""
    *parents, leaf = path.split(".")
    for key in parents:
        tree = tree.setdefault(key, {})
    tree[leaf] = value
