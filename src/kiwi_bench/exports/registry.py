"""Every export format once: format name -> Exporter, in the order `kiwi-bench export --help` lists them."""

from __future__ import annotations

from kiwi_bench.exports import brat, conll, label_studio, spacy_export
from kiwi_bench.exports.exporter import Exporter, Option

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (conll.EXPORTER, spacy_export.EXPORTER, brat.EXPORTER, label_studio.EXPORTER)
}


def option_owners() -> dict[str, tuple[Option, tuple[str, ...]]]:
    """Every option flag, its declaration and the formats that accept it (a flag means the same everywhere)."""
    result: dict[str, tuple[Option, tuple[str, ...]]] = {}
    for exporter in EXPORTERS.values():
        for option in exporter.options:
            known, owners = result.get(option.flag, (option, ()))
            if known != option:
                raise ValueError(f"{option.flag} is declared differently by {owners[0]} and {exporter.name}")
            result[option.flag] = (option, (*owners, exporter.name))
    return result
