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

from kiwi_bench.scoring.paths import find, interval_of
from kiwi_bench.scoring.registry import COLUMNS, TABLE


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
        return _span_free_table("Entities (span-free, per-document multiset of text and label)", entities["span_free"],
                                entities["span_free"].get("sentiment", {}).get("end_to_end"))
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


def _span_free_table(title: str, block: dict[str, Any], sentiment: dict[str, Any] | None = None) -> list[Any]:
    table = _table(title, ["match", "P", "R", "F1", "F1 95% CI (documents)", "correct", "actual", "possible"])
    table.add_row("text/attributes", _pct(block["precision"]), _pct(block["recall"]), _pct(block["f1"]),
                  _ci(block["ci95"]["f1"]), str(block["correct"]), str(block["actual"]), str(block["possible"]))
    if sentiment:
        table.add_row("+ sentiment", _pct(sentiment["precision"]), _pct(sentiment["recall"]), _pct(sentiment["f1"]),
                      _ci(sentiment["ci95"]["f1"]), "", "", "")
    return [table]


def _headline_table(result: dict[str, Any]) -> Table:
    table = _table("Headline figures (%)", ["metric", "value", "95% CI", "unit"])
    for metric in TABLE:
        value = find(result, metric.path)
        if isinstance(value, (int, float)):
            table.add_row(metric.name, _pct(value), _ci(interval_of(result, metric.path)), metric.unit)
    return table


def _linking_tables(entities: dict[str, Any]) -> list[Any]:
    linking = entities.get("linking")
    if not isinstance(linking, dict) or linking.get("status") != "scored":
        return []
    table = _table("Entity linking (%; clusters across documents)", ["metric", "setting", "P", "R", "F1"])
    for setting in ("end_to_end", "matched"):
        block = linking[setting]
        for name in ("muc", "b3", "ceafe", "lea"):
            row = block[name]
            table.add_row(name, setting, _pct(row["precision"]), _pct(row["recall"]), _pct(row["f1"]))
        table.add_row("CoNLL F1", setting, "", "", _pct(block["conll_f1"]))
    for name, row in linking["pairwise"].items():
        table.add_row("pairwise links", name, _pct(row["precision"]), _pct(row["recall"]), _pct(row["f1"]))
    return [table]


def _breakdown_table(result: dict[str, Any]) -> list[Any]:
    if "by_language" not in result:
        return []
    subsets = {**result["by_language"], **result["by_document"]}
    table = _table("Per language and per document (%; point estimates, no intervals)", ["metric", *subsets])
    table.add_row("documents", *(str(entry["documents_scored"]) for entry in subsets.values()))
    table.add_row("sentences", *(str(entry["sentences_scored"]) for entry in subsets.values()))
    for metric in COLUMNS:
        values = [find(entry, metric.path) for entry in subsets.values()]
        if any(isinstance(value, (int, float)) for value in values):
            table.add_row(metric.name, *map(_pct, values))
    return [table]


def _caution_lines(result: dict[str, Any]) -> list[str]:
    return [f"by_language.{language}: {entry['caution']}" for language, entry in result.get("by_language", {}).items()
            if entry.get("caution")]


def _attribute_table(amounts: dict[str, Any]) -> list[Any]:
    if amounts.get("status") == "scored" and amounts.get("mode") == "span-free":
        return _span_free_table("Amounts (span-free, per-document multiset of kind, value and currency)",
                                amounts["span_free"])
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
    linking = result["entities"].get("linking")
    if isinstance(linking, dict):
        mentions = linking.get("mentions")
        counts = (f"; {mentions['key']} gold and {mentions['response']} predicted mentions, {mentions['matched']} "
                  "exact-span twins; no intervals (see ci95_reason)") if mentions else ""
        lines.append(f"entity linking: {linking['status']}{counts}")
    body = _render([_headline_table(result), *_entity_tables(result["entities"]), *_linking_tables(result["entities"]),
                    *_attribute_table(result["amounts"]), *_breakdown_table(result), *_contrast_tables(result.get("contrast"))])
    notes = "".join(f"{line}\n" for line in _caution_lines(result))
    return "\n".join(lines) + "\n\n" + body + notes + f"signature: {result['signature']}\n"


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
