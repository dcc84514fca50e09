"""The `kiwi-bench` command line: parses arguments and hands each subcommand to one module."""

from __future__ import annotations

import argparse
import importlib
import sys

from kiwi_bench.core.errors import EXIT_USER_ERROR, KiwiError
from kiwi_bench.core.version import __version__

# Subcommand name -> module in kiwi_bench.commands. Each module defines HELP, add_arguments(parser)
# and run(args) -> int, and imports heavy libraries inside run() so that `--help` stays fast.
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "build": "build",
    "stats": "stats",
    "compile-pass": "compile_pass",
    "compile-contrast": "compile_contrast",
    "evaluate": "evaluate",
    "compare": "compare",
    "docs": "docs",
    "agreement": "agreement",
    "adjudicate": "adjudicate",
    "predict": "predict",
    "run-baselines": "run_baselines",
    "coverage": "coverage",
    "export": "export",
    "import": "import_",
    "show": "show",
    "leaderboard": "leaderboard",
    "reproduce": "reproduce",
    "llm": "llm",
    "ground": "ground",
}


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with one subparser per registered command."""
    parser = argparse.ArgumentParser(prog="kiwi-bench", description="KIWI dataset and benchmark tools.")
    parser.add_argument("--version", action="version", version=f"kiwi-bench {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"kiwi_bench.commands.{module_name}")
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become one-line messages on stderr and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KiwiError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
