"""What an export format declares: its `files()` function, whether it writes one file or a folder, its options.

`files(documents, **options) -> {relative path: bytes}` is pure (no file I/O); the command writes
the result atomically. A single-file format returns exactly one entry, written to `-o PATH` itself
(its key is only a suggested file name); a folder format's keys are paths inside the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Files = dict[str, bytes]


@dataclass(frozen=True)
class Option:
    """A command-line option of one format and the `files()` keyword it sets.

    With `choices`, the option takes one of them (not given: `default` is passed); without, it is a
    switch that passes `switched` when given and nothing otherwise. `in_summary`: the value is
    named in the command's "wrote ..." line.
    """

    flag: str
    keyword: str
    help: str
    choices: tuple[str, ...] = ()
    default: Any = None
    switched: Any = True
    in_summary: bool = False

    @property
    def dest(self) -> str:
        """The argparse attribute of the option (`--no-docstart` -> `no_docstart`)."""
        return self.flag.removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Exporter:
    """One export format: `files(documents, **options)`, its layout, what it is (for --help), its options."""

    name: str
    files: Callable[..., Files]
    single_file: bool
    kind: str
    options: Sequence[Option] = ()
