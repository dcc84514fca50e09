"""`kiwi-bench agreement PASS_A PASS_B` (two pass folders) or `kiwi-bench agreement --published`
(the comparisons DATASHEET.md and the card print: blind pass C vs A, gold and B; A vs B not blind)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, dataset_dir

HELP = "inter-annotator agreement between two pass folders (kiwi-*.json), or the published comparisons (--published)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pass_a", type=Path, metavar="PASS_A", nargs="?",
                        help="folder of pass A documents (e.g. dataset/annotation/pass-a), or a JSON Lines file of them "
                             "(e.g. dataset/annotation/contrast/compiled/intended.jsonl)")
    parser.add_argument("pass_b", type=Path, metavar="PASS_B", nargs="?", help="folder or JSON Lines file of pass B documents")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--guidelines", type=Path, default=None,
                        help="guidelines file; adds agreement on the sentences it does not cite (e.g. ANNOTATION_GUIDELINES.md)")
    parser.add_argument("--intervals", action="store_true",
                        help="add 95%% bootstrap intervals over sentences (1000 resamples, seed 0)")
    parser.add_argument("--published", action="store_true",
                        help="the published comparisons of the dataset's passes (C vs A, C vs gold before errata, C vs B, A vs B)")
    add_dataset_argument(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from kiwi_bench.annotation.agreement import agreement, markdown_summary
    from kiwi_bench.annotation.agreement_intervals import agreement_intervals
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.corpus.documents import load_pass

    if args.published:
        from kiwi_bench.annotation.comparisons import comparison_markdown, comparison_results, headline_sentence

        results = comparison_results(dataset_dir(args))
        print(json.dumps(results, indent=2) if args.json else f"{headline_sentence(results)}.\n\n{comparison_markdown(results)}")
        return 0
    if args.pass_a is None or args.pass_b is None:
        raise KiwiError("agreement needs two pass folders PASS_A PASS_B, or --published")
    try:
        guidelines = args.guidelines.read_text(encoding="utf-8") if args.guidelines else None
        pass_a, pass_b = load_pass(args.pass_a), load_pass(args.pass_b)
        result = agreement(pass_a, pass_b, guidelines)
        if args.intervals:
            result["intervals"] = agreement_intervals(pass_a, pass_b)
    except ValueError as error:
        raise KiwiError(f"{args.pass_a} vs {args.pass_b}: {error}") from None
    print(json.dumps(result, indent=2) if args.json else markdown_summary(result))
    return 0
