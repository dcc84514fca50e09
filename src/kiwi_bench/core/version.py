"""The package version, read once from the installed metadata (pyproject.toml is its only source)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kiwi-bench")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
