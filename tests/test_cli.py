"""The CLI's entry point: version from the package metadata, help for every command, exit codes."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from kiwi_bench import __version__
from kiwi_bench.cli import COMMANDS, build_parser


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiwi_bench.cli", *args], capture_output=True, text=True)


def test_version_is_read_from_the_distribution_metadata():
    assert __version__ == version("kiwi-bench")
    assert _run("--version").stdout.strip() == f"kiwi-bench {__version__}"


def test_every_command_has_help(capsys):
    import pytest

    for name in COMMANDS:
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args([name, "--help"])
        assert exit_info.value.code == 0
        assert f"usage: kiwi-bench {name}" in capsys.readouterr().out


def test_unknown_command_exits_2_without_traceback():
    result = _run("frobnicate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_validate_on_the_real_gold_succeeds():
    result = _run("validate")
    assert result.returncode == 0, result.stderr
