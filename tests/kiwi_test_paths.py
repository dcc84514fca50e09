"""Paths the tests share: the checkout and its dataset directory (importable through pytest's `pythonpath`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "dataset"
