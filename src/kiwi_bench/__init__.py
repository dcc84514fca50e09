"""KIWI: an annotated German/Dutch AI-industry news benchmark and its scorer."""

from kiwi_bench.core.version import __version__

__all__ = ["__version__"]
