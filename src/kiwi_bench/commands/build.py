"""`kiwi-bench build` (being written)."""

from __future__ import annotations

import argparse

HELP = "build (not yet available)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    return 1
