"""kiwi_bench.core.markdown.table: the one Markdown table writer (hand-written expected text)."""

from __future__ import annotations

import pytest

from kiwi_bench.core.markdown import table


def test_table_layout_and_alignment():
    assert table(("split", "rows", "documents"), [("test", 3, "kiwi-001, kiwi-003"), ("train", 10, "kiwi-000")], "lr") == (
        "| split | rows | documents |\n"
        "|---|---:|---|\n"
        "| test | 3 | kiwi-001, kiwi-003 |\n"
        "| train | 10 | kiwi-000 |")
    assert table(("a",), []) == "| a |\n|---|"


@pytest.mark.parametrize("rows, align", [([("x",)], ""), ([("x", "y")], "lrr"), ([("x", "y")], "c")])
def test_table_refuses_ragged_rows_and_unknown_alignments(rows, align):
    with pytest.raises(ValueError):
        table(("a", "b"), rows, align)
