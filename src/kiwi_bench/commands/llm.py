"""`kiwi-bench llm run --model NAME [--base-url URL] [--split test] -o RUN_DIR`: benchmark an LLM (docs/llm.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiwi_bench.commands._common import add_dataset_argument, scoring_dataset
from kiwi_bench.core.metadata import SPLITS

HELP = "benchmark a model behind an OpenAI-compatible endpoint: versioned prompt, grounding, cache and replay"
_SETTINGS = ("model", "base_url", "prompt", "shots", "concurrency", "temperature", "seed", "max_tokens", "timeout",
             "retries", "structured")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiwi_bench.systems.llm.harness import STRUCTURED_CHOICES
    from kiwi_bench.systems.llm.prompt import DEFAULT_PROMPT

    sub = parser.add_subparsers(dest="llm_command", required=True, metavar="SUBCOMMAND")
    run = sub.add_parser("run", help="predict a split with a model and write RUN_DIR (predictions, run.json, cache)",
                         description="Predict a split with a model behind an OpenAI-compatible endpoint and write RUN_DIR: "
                                     "predictions.jsonl, predictions.span-free.jsonl, run.json, requests.jsonl, cache.jsonl.")
    run.add_argument("--model", default=None, help="model name sent to the server (required unless given in --config)")
    run.add_argument("--base-url", default=None, help="OpenAI-compatible base URL, e.g. http://localhost:8000/v1 "
                                                      "(default: $OPENAI_BASE_URL, else OpenAI's); the key is $OPENAI_API_KEY")
    run.add_argument("--split", default="test", choices=(*SPLITS, "contrast"),
                     help="split to predict (default: test; contrast: the contrast items, one-sentence edits of test sentences)")
    run.add_argument("-o", "--output", type=Path, required=True, metavar="RUN_DIR", help="run directory to write")
    run.add_argument("--prompt", default=None, help=f"prompt id (default: {DEFAULT_PROMPT})")
    run.add_argument("--shots", type=int, default=None, help="few-shot examples: whole train documents (default: 1)")
    run.add_argument("--concurrency", type=int, default=None, help="requests in flight at once (default: 4)")
    run.add_argument("--temperature", type=float, default=None, help="sampling temperature (default: 0)")
    run.add_argument("--seed", type=int, default=None, help="sampling seed sent with every request (default: 0)")
    run.add_argument("--max-tokens", type=int, default=None, help="max_tokens of a reply (default: the server's)")
    run.add_argument("--timeout", type=float, default=None, help="seconds per HTTP attempt (default: 120)")
    run.add_argument("--retries", type=int, default=None, help="retries of 408/409/429/5xx/connection errors (default: 4)")
    run.add_argument("--structured", default=None, choices=STRUCTURED_CHOICES,
                     help="response_format: json_schema (strict), json_object, none, or auto: json_schema, falling back "
                          "on a 400 that rejects it (default: auto)")
    run.add_argument("--cache", type=Path, default=None, help="response cache file (default: RUN_DIR/cache.jsonl)")
    run.add_argument("--offline", action="store_true", help="send nothing: every response must come from the cache")
    run.add_argument("--config", type=Path, default=None,
                     help="TOML file with [params] (the same settings) and [prices] (per token, for the cost in run.json); "
                          "options given on the command line win")
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    add_dataset_argument(run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kiwi_bench.api.gold import all_documents
    from kiwi_bench.baselines.config import load_config
    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.systems.llm.extractor import settings_from_config, with_environment
    from kiwi_bench.systems.llm.harness import Settings
    from kiwi_bench.systems.llm.run import run_to_directory

    given = {name: getattr(args, name) for name in _SETTINGS if getattr(args, name) is not None}
    if args.offline:
        given["offline"] = True
    cache = args.cache
    if args.config is not None:
        settings, config_cache = settings_from_config(load_config(args.config), str(args.config))
        settings = replace(settings, **given)
        cache = cache or config_cache
    else:
        if "model" not in given:
            raise KiwiError("--model is required (or a --config file with [params] model = \"...\")")
        settings = with_environment(Settings.from_mapping(given, "kiwi-bench llm run"))
    settings.check("kiwi-bench llm run")
    documents = all_documents(scoring_dataset(args))
    if args.split == "contrast":
        from kiwi_bench.api.gold import contrast_documents

        documents += contrast_documents(scoring_dataset(args))
    outcome = run_to_directory(settings, documents, args.split, args.output, cache, show_progress=not args.no_progress)
    counts, grounding = outcome.metadata["counts"], outcome.metadata["grounding"]
    rate = f"{grounding['rate']:.1%}" if grounding["rate"] is not None else "n/a"
    print(f"wrote {args.output}: {counts['predicted']}/{counts['documents']} documents, {counts['cache_hits']} cache hits, "
          f"{counts['http_requests']} HTTP requests, {counts['retries']} retries, {counts['repairs']} repairs, "
          f"grounding {rate} ({grounding['items'] - grounding['grounded']} of {grounding['items']} items ungrounded)")
    if outcome.failures:
        print(f"{len(outcome.failures)} document(s) failed (listed above and in run.json); re-run to resume from the cache")
        return 1
    return 0
