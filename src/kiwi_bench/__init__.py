"""KIWI: an annotated German/Dutch AI-industry news benchmark and its scorer."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kiwi-bench")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
