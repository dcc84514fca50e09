"""The layer rule of docs/architecture.md: a module imports only from its own layer or lower ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kiwi_bench"


def layer_ranks() -> dict[str, int]:
    """Package -> rank, read from the table in docs/architecture.md (so the document and the test agree)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    ranks = {}
    for rank, cell in re.findall(r"^\| (\d+) \| ([^|]+) \|", text, re.M):
        for name in re.findall(r"`(\w+)`", cell):
            ranks[name] = int(rank)
    return ranks


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "kiwi_bench" else None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every kiwi_bench import in a file, also inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports (kiwi_bench.<layer>...)"
            if node.module and node.module.startswith("kiwi_bench"):
                names = [f"{node.module}.{alias.name}" if node.module == "kiwi_bench" else node.module for alias in node.names]
                found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("kiwi_bench")]
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    ranks = layer_ranks()
    problems = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        own = relative.stem if len(relative.parts) == 1 else relative.parts[0]
        if own == "__init__":
            continue  # the package's public face re-exports the API
        assert own in ranks, f"{relative}: layer {own!r} is missing from docs/architecture.md"
        for line, module in imports_of(path):
            target = layer_of(module)
            if target is None or target in ("__init__",):
                problems.append(f"{relative}:{line}: imports {module} (import from a layer module, not the package)")
            elif target not in ranks:
                problems.append(f"{relative}:{line}: imports {module} of an undocumented layer {target!r}")
            elif ranks[target] > ranks[own]:
                problems.append(f"{relative}:{line}: {own} (rank {ranks[own]}) imports {module} (rank {ranks[target]})")
    return problems


def test_no_module_imports_from_a_higher_layer():
    assert violations() == []


def test_the_rule_catches_an_upward_import(tmp_path):
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "probe.py").write_text("from kiwi_bench.reporting.text import render_text\n", encoding="utf-8")
    (tmp_path / "reporting").mkdir()
    (tmp_path / "reporting" / "probe.py").write_text("def f():\n    from kiwi_bench.scoring import evaluate\n", encoding="utf-8")
    assert violations(tmp_path) == ["scoring/probe.py:1: scoring (rank 2) imports kiwi_bench.reporting.text (rank 7)"]


def test_every_package_directory_is_a_documented_layer():
    ranks = layer_ranks()
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages - set(ranks) == set()


def test_tests_import_shared_helpers_not_conftest():
    """Under --import-mode=importlib (pyproject.toml) conftest is a plugin, not a module to import from:
    shared paths come from tests/kiwi_test_paths.py, shared builders from modules on pytest's `pythonpath`."""
    offenders = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for line, module in [(node.lineno, node.module) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                             if isinstance(node, ast.ImportFrom)]:
            if module == "conftest":
                offenders.append(f"{path.name}:{line}")
    assert offenders == []
