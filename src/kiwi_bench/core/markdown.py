"""The one writer of Markdown tables (dataset card, DATASHEET/README blocks, agreement summary)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_RULES = {"l": "---", "r": "---:"}


def table(header: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GitHub Markdown table: `| a | b |` lines under a `|---|---:|` rule.

    `align` has one letter per column, `l` (left) or `r` (right); missing letters mean left.
    """
    if len(align) > len(header) or set(align) - set(_RULES):
        raise ValueError(f"align {align!r}: one of l/r per column ({len(header)} columns)")
    rule = "|" + "|".join(_RULES[letter] for letter in align.ljust(len(header), "l")) + "|"
    lines = [_row(header), rule]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row {list(row)!r} has {len(row)} cells, the header {len(header)}")
        lines.append(_row(row))
    return "\n".join(lines)


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"
