"""Atomic file writes: write a temporary file beside the target, then rename it into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    """The process umask (mkstemp creates files 0600; published files get the usual mode)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text version of write_bytes_atomic (newlines written as given)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def append_bytes(path: Path, data: bytes) -> None:
    """Append `data` (one whole record, e.g. a JSON Lines line) to `path` with a single write.

    For append-only logs such as the LLM response cache: earlier content is never rewritten, and an
    interruption can leave at most a torn last record, which the reader of the log detects.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab", buffering=0) as stream:
        written = 0
        while written < len(data):  # a raw write may be partial
            count = stream.write(data[written:])
            if not count:
                raise OSError(f"could not append to {path}")
            written += count
