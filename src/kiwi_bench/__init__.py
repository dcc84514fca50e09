"""KIWI: an annotated German/Dutch AI-industry news benchmark and its scorer."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kiwi-bench")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

from .baselines.amounts import normalize_amount  # noqa: E402  (the rules baseline's amount normaliser)

__all__ = ["__version__", "normalize_amount"]
