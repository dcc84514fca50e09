"""Render a scoring result (or a comparison) as readable tables, or as JSON; the signature is always shown.

Tables are drawn with rich into a string (ASCII boxes, no colour), so the same text goes to a
terminal, a file or a test. Numbers are percentages with one decimal; intervals in brackets.
"""

from __future__ import annotations

from io import StringIO
from typing import Any, Iterable

from rich import box
from rich.console import Console
from rich.table import Table


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _ci(interval: list[float] | None) -> str:
    return "" if not interval else f"[{100 * interval[0]:.1f}, {100 * interval[1]:.1f}]"


def _table(title: str, columns: Iterable[str]) -> Table:
    table = Table(title=title, box=box.ASCII, title_justify="left", show_edge=True)
    for k, column in enumerate(columns):
        table.add_column(column, justify="left" if k == 0 else "right")
    return table


def _render(tables: list[Any]) -> str:
    stream = StringIO()
    console = Console(file=stream, width=110, color_system=None, highlight=False, emoji=False)
    for table in tables:
        console.print(table)
        console.print()
    return stream.getvalue()


def _status_line(name: str, block: dict[str, Any]) -> str:
    gold = f" (gold: {block['gold']})" if block.get("gold", "complete") != "complete" else ""
    return f"{name}: {block.get('status', 'scored')}{gold}"


def _entity_tables(entities: dict[str, Any]) -> list[Any]:
    if entities.get("status") != "scored":
        return []
    if entities.get("mode") == "span-free":
        return _span_free_table("Entities (span-free, per-document multiset of text and label)", entities["span_free"])
    table = _table("Entities: SemEval-2013 schemes (micro)", ["scheme", "P", "R", "F1", "F1 95% CI", "COR", "INC",
                                                            "PAR", "MIS", "SPU"])
    for scheme in ("strict", "exact", "partial", "type"):
        row = entities[scheme]
        table.add_row(scheme, _pct(row["precision"]), _pct(row["recall"]), _pct(row["f1"]), _ci(row["ci95"]["f1"]),
                      *(str(row[k]) for k in ("correct", "incorrect", "partial", "missed", "spurious")))
    labels = _table("Entities per label (strict; misses to the gold label, spurious to the predicted label)",
                    ["label", "P", "R", "F1", "possible", "actual"])
    for label, row in entities["per_label"].items():
        strict = row["strict"]
        labels.add_row(label, _pct(strict["precision"]), _pct(strict["recall"]), _pct(strict["f1"]),
                       str(strict["possible"]), str(strict["actual"]))
    macro = entities["macro"]["strict"]
    labels.add_row("macro", _pct(macro["precision"]), _pct(macro["recall"]), _pct(macro["f1"]), "", "")
    return [table, labels, _confusion("Entity label confusion (aligned pairs)", entities["confusion"])]


def _confusion(title: str, confusion: dict[str, Any]) -> Table:
    names = confusion["labels"]
    table = _table(title + ": rows gold, columns predicted", ["gold \\ pred", *names])
    for gold in names:
        table.add_row(gold, *(str(confusion["matrix"][gold][pred]) for pred in names))
    return table


def _span_free_table(title: str, block: dict[str, Any]) -> list[Any]:
    table = _table(title, ["P", "R", "F1", "F1 95% CI (documents)", "correct", "actual", "possible"])
    table.add_row(_pct(block["precision"]), _pct(block["recall"]), _pct(block["f1"]), _ci(block["ci95"]["f1"]),
                  str(block["correct"]), str(block["actual"]), str(block["possible"]))
    return [table]


def _headline_table(result: dict[str, Any]) -> Table:
    table = _table("Headline figures (%)", ["metric", "value", "95% CI", "unit"])
    rows = [
        ("entities strict F1", result["entities"].get("strict", {}), "f1", "sentence"),
        ("entity sentiment accuracy", result["entities"].get("sentiment", {}), "accuracy", "sentence"),
        ("entity sentiment end-to-end F1", result["entities"].get("sentiment", {}).get("end_to_end", {}), "f1", "sentence"),
        ("amount span strict F1", result["amounts"].get("span", {}).get("strict", {}), "f1", "sentence"),
        ("amount span partial F1", result["amounts"].get("span", {}).get("partial", {}), "f1", "sentence"),
        ("amount value accuracy", result["amounts"].get("value", {}), "accuracy", "sentence"),
        ("amount end-to-end F1", result["amounts"].get("end_to_end", {}), "f1", "sentence"),
        ("entities span-free F1", result["entities"].get("span_free", {}), "f1", "document"),
        ("amounts span-free F1", result["amounts"].get("span_free", {}), "f1", "document"),
        ("sentence sentiment accuracy", result["sentences"]["sentiment"], "accuracy", "sentence"),
        ("sentence sentiment macro-F1", result["sentences"]["sentiment"], "macro_f1", "sentence"),
        ("document sentiment accuracy", result["documents"]["sentiment"], "accuracy", "document"),
    ]
    for name, block, key, unit in rows:
        if isinstance(block, dict) and block.get(key) is not None:
            table.add_row(name, _pct(block[key]), _ci((block.get("ci95") or {}).get(key)), unit)
    return table


def _attribute_table(amounts: dict[str, Any]) -> list[Any]:
    if amounts.get("status") != "scored" or amounts.get("mode") != "span":
        return []
    table = _table("Amount attributes (over strict span matches where the prediction gives them)",
                   ["attribute", "accuracy", "correct", "scored"])
    for name in ("kind", "qualifier", "per", "unit"):
        row = amounts[name]
        table.add_row(name, _pct(row["accuracy"]), str(row["correct"]), str(row["scored"]))
    return [table]


def render_text(result: dict[str, Any]) -> str:
    """Readable tables of an evaluation result, headed by its signature and layer status."""
    lines = [f"signature: {result['signature']}"]
    lines += [_status_line(name, block) for name, block in
              (("entities", result["entities"]), ("amounts", result["amounts"]),
               ("sentence sentiment", result["sentences"]["sentiment"]),
               ("document sentiment", result["documents"]["sentiment"]))]
    if result.get("missing_documents"):
        lines.append(f"scored as empty (missing from the file): {', '.join(result['missing_documents'])}")
    body = _render([_headline_table(result), *_entity_tables(result["entities"]), *_attribute_table(result["amounts"]),
                    *_contrast_tables(result.get("contrast"))])
    return "\n".join(lines) + "\n\n" + body + f"signature: {result['signature']}\n"


def render_comparison(comparison: dict[str, Any], name_a: str, name_b: str) -> str:
    """Readable table of a paired comparison."""
    table = _table(f"A = {name_a}; B = {name_b} (%; paired bootstrap)", ["metric", "A", "B", "A - B", "95% CI of A - B",
                                                                         "p"])
    for path, row in comparison["metrics"].items():
        p = "-" if row["p_value"] is None else f"{row['p_value']:.4f}"
        table.add_row(path, _pct(row["a"]), _pct(row["b"]), _pct(row["delta"]), _ci(row["ci95_delta"]), p)
    return f"signature: {comparison['signature']}\n\n" + _render([table]) + f"test: {comparison['test']}\n"


def _contrast_tables(block: dict[str, Any] | None) -> list[Table]:
    """The contrast split's figures per edit type and its bundle consistency (none for other splits)."""
    if not block:
        return []
    figures = sorted({name for row in block["by_edit_type"].values() for name in row if name != "items"})
    per_type = _table(f"Contrast set: {block['items']} items in {block['bundles']} bundles, per edit type (%)",
                      ["edit type", "items", *figures])
    for edit_type, row in block["by_edit_type"].items():
        per_type.add_row(edit_type, str(row["items"]), *(_pct(row.get(name)) for name in figures))
    consistency = _table("Contrast consistency (%): bundles whose original and every edit of the layer are fully right",
                         ["layer", "bundles", "consistent", "consistency"])
    for layer, row in block["consistency"].items():
        if row is not None:
            consistency.add_row(layer, str(row["bundles"]), str(row["consistent"]), _pct(row["consistency"]))
    return [per_type, consistency]
