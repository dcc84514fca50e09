"""Progress bars for long commands: on stderr, and off when stderr is not a terminal (logs, CI, pipes),
so no cursor escapes end up in a log file."""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm


def progress(*args: Any, disable: bool = False, **kwargs: Any) -> tqdm:
    """A tqdm bar on stderr, shown only when stderr is a terminal and `disable` is false."""
    return tqdm(*args, file=sys.stderr, disable=disable or not sys.stderr.isatty(), **kwargs)
