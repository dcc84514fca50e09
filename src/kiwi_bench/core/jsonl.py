"""JSON Lines and JSON report text: the one reader and writer of the formats the project publishes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem


def dumps_line(record: Any, *, sort_keys: bool = False) -> str:
    """One JSON Lines line: UTF-8 text kept as is, finite numbers only (NaN is not JSON)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=sort_keys, allow_nan=False) + "\n"


def dumps_lines(records: Iterable[Any], *, sort_keys: bool = False) -> str:
    """JSON Lines text of `records` (empty text for no records)."""
    return "".join(dumps_line(record, sort_keys=sort_keys) for record in records)


def read_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) of every non-blank line; invalid JSON is a one-line error naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KiwiError([Problem(str(path), "0", f"cannot read: {error.strerror or error}")]) from None
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise KiwiError([Problem(str(path), str(number), f"invalid JSON: {error.msg}")]) from None


def load_lines(path: Path) -> list[Any]:
    """Every value of a JSON Lines file, in order."""
    return [value for _, value in read_lines(path)]


def report_json(report: Any) -> str:
    """A report as one indented JSON object (what every `--json` prints), keys in output order."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
