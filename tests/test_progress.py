"""Progress bars show on a terminal and stay off when stderr is a file or pipe (no cursor escapes in logs)."""

from __future__ import annotations

import io
import sys

from kiwi_bench.core.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_off_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress(total=3, desc="x") as bar:
        bar.update(3)
        assert bar.disable
    assert sys.stderr.getvalue() == ""


def test_the_bar_shows_on_a_terminal_unless_disabled(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    with progress(total=3, desc="x") as bar:
        bar.update(3)
        assert not bar.disable  # (tqdm sets disable when it closes)
    assert "3/3" in sys.stderr.getvalue()
    with progress(total=3, desc="x", disable=True) as quiet:
        quiet.update(3)
        assert quiet.disable
