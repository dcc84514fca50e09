"""The response cache: an append-only JSON Lines file of raw response bodies, keyed by the request.

Each line is `{"key": ..., "sample": 0, "model": ..., "request": {...}, "response": {...}}`: `key` is
the sha256 of the canonical JSON of `{"request": <the full request body>, "sample": <index>}`
(model, messages, every sampling parameter, seed, response_format), `response` the body the server
returned, decoded. No API key, header or timing is ever written (those go to requests.jsonl).

A line is written whole with one `write` and flushed at once (no fsync: a line lost in an OS crash
is only asked again), so an interrupted run leaves at most a torn last line; reading ignores it
with a warning, and the next append first cuts it off. Any other invalid line is a one-line error
naming the file and line (the cache was edited by hand).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from kiwi_bench.core.atomic import append_bytes
from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.jsonl import dumps_line


def canonical_json(value: Any) -> str:
    """The one canonical JSON text of a request: keys sorted, no white space, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def request_key(request: dict[str, Any], sample: int = 0) -> str:
    """The cache key of a request body and sample index."""
    return hashlib.sha256(canonical_json({"request": request, "sample": sample}).encode("utf-8")).hexdigest()


class ResponseCache:
    """The responses of one cache file, loaded once; `put` appends a line under a lock (thread-safe).

    With `path` None the cache lives in memory only (an extractor run without a cache file)."""

    def __init__(self, path: Path | None, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self.entries: dict[str, dict[str, Any]] = {}
        self.torn_bytes = 0
        self.good_bytes = 0
        self._lock = threading.Lock()
        self._tail_ready = False
        self._load()

    def _load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            data = self.path.read_bytes()
        except OSError as error:
            raise KiwiError([Problem(str(self.path), "0", f"cannot read the cache: {error.strerror or error}")]) from None
        lines = data.split(b"\n")
        tail = lines.pop()  # after the last newline: empty unless the last line is torn
        offset = 0
        for number, raw in enumerate(lines, 1):
            offset += len(raw) + 1
            if not raw.strip():
                continue
            entry = self._decode(raw)
            if entry is None:
                raise KiwiError([Problem(str(self.path), str(number), "cache: not a complete cache line "
                                         "(JSON object with key, sample and response); restore the file or delete the line")])
            self.entries[entry["key"]] = entry
        self.good_bytes = offset
        if tail.strip():
            entry = self._decode(tail)
            if entry is not None:  # a complete last line without its newline
                self.entries[entry["key"]] = entry
                self.good_bytes = len(data)
            else:
                self.torn_bytes = len(tail)
                print(f"{self.path}:{len(lines) + 1}: warning: ignoring a torn last cache line ({len(tail)} bytes, "
                      "from an interrupted run)", file=sys.stderr)

    @staticmethod
    def _decode(raw: bytes) -> dict[str, Any] | None:
        try:
            entry = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not isinstance(entry.get("response"), dict):
            return None
        return entry

    def get(self, key: str) -> dict[str, Any] | None:
        """The cached response body for `key`, or None."""
        entry = self.entries.get(key)
        return entry["response"] if entry else None

    def put(self, key: str, sample: int, request: dict[str, Any], response: dict[str, Any]) -> None:
        """Append one response (never rewrites earlier lines; cuts off a torn last line first)."""
        if self.read_only:
            raise RuntimeError("the cache is read-only (--offline)")
        line = dumps_line({"key": key, "sample": sample, "model": request.get("model"), "request": request,
                           "response": response}, sort_keys=True).encode("utf-8")
        with self._lock:
            self.entries[key] = {"key": key, "sample": sample, "response": response}
            if self.path is None:  # an in-memory cache (no file given)
                return
            if not self._tail_ready:
                self._repair_tail()
            append_bytes(self.path, line)

    def _repair_tail(self) -> None:
        """Before the first append: cut off a torn last line, end a complete last line with its newline."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            with self.path.open("r+b") as stream:
                if self.torn_bytes:
                    stream.truncate(self.good_bytes)
                    self.torn_bytes = 0
                size = stream.seek(0, os.SEEK_END)
                if size:
                    stream.seek(size - 1)
                    if stream.read(1) != b"\n":
                        stream.write(b"\n")
        self._tail_ready = True
