"""`kiwi-bench run-baselines [NAME ...] [--protocol standard|lodo|all]`: write every baseline's predictions."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = ("run the registered baselines under the evaluation protocols and write "
        "baselines/<name>/predictions/<protocol>.jsonl (or, with --tune, print the validation grid search)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="baselines to run (default: all registered)")
    parser.add_argument("--protocol", choices=("standard", "lodo", "contrast", "all"), default="all",
                        help="standard: fit on train+validation, predict test; lodo: leave one document out; "
                             "contrast: fit as standard, predict the contrast items (default: all)")
    parser.add_argument("--baselines-dir", type=Path, default=None,
                        help="folder with <name>/config.toml (default: ./baselines or the source tree's baselines/)")
    parser.add_argument("--tune", action="store_true",
                        help="instead of predicting, run each config's [selection] grids (fit on train, score validation) and print them")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    add_dataset_argument(parser)


def _print_search(name: str, config: dict, results: dict) -> None:
    for part, (best, trials) in results.items():
        current = {key: config.get("params", {}).get(part, {}).get(key) for key in best}
        verdict = "matches" if current == best else "DIFFERS from"
        print(f"{name}.{part}: best {best} ({max(t.score for t in trials):.4f}); {verdict} the config's {current}")
        for trial in sorted(trials, key=lambda t: -t.score):  # stable: grid order among equal scores
            print(f"  {trial.score:.4f}  {trial.candidate}")


def run(args: argparse.Namespace) -> int:
    from kiwi_bench.baselines.config import config_path, default_baselines_dir, load_config
    from kiwi_bench.baselines.runs import check_names, run_baselines
    from kiwi_bench.corpus.documents import load_documents

    names = check_names(args.names)
    baselines_dir = args.baselines_dir or default_baselines_dir()
    if args.tune:
        from kiwi_bench.baselines.selection import search

        configs = {name: load_config(config_path(name, baselines_dir)) for name in names}
        documents = load_documents(dataset_dir(args))
        tuning_documents = [d for d in documents if d["split"] in ("train", "validation")]  # never the test split
        for name in names:
            _print_search(name, configs[name], search(name, configs[name], tuning_documents))
        return 0
    for line in run_baselines(dataset_dir(args), baselines_dir, names, args.protocol, show_progress=not args.no_progress):
        print(line)
    return 0
