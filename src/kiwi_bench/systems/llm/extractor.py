"""The `llm` extractor: the harness behind the extractor interface (`kiwi-bench predict llm --config FILE`).

The config file is TOML: a `[params]` table with the harness settings (`model` required; `base_url`,
`prompt`, `shots`, `temperature`, `seed`, `max_tokens`, `timeout`, `retries`, `structured`,
`offline`, `cache` (a cache file), ...) and an optional `[prices]` table (per-token `prompt`,
`completion`, `cached_prompt`). `fit` picks the few-shot examples from the documents it is given.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.llm.cache import ResponseCache
from kiwi_bench.systems.llm.examples import select_examples
from kiwi_bench.systems.llm.harness import Harness, Settings


def settings_from_config(config: dict[str, Any], where: str = "llm config") -> tuple[Settings, Path | None]:
    """Settings and cache path from a parsed config file ([params] and [prices]); env vars fill base URL and key."""
    unknown = sorted(set(config) - {"params", "prices"})
    if unknown:
        raise KiwiError(f"{where}: unknown table(s) {', '.join(unknown)} (expected [params] and optionally [prices])")
    params = dict(config.get("params") or {})
    cache = params.pop("cache", None)
    if config.get("prices") is not None:
        params["prices"] = {name: float(value) for name, value in config["prices"].items()}
    settings = Settings.from_mapping(params, where)
    return with_environment(settings), (Path(cache) if cache else None)


def with_environment(settings: Settings) -> Settings:
    """`base_url` defaults to $OPENAI_BASE_URL; the key is $OPENAI_API_KEY (a placeholder is sent when unset)."""
    return replace(settings, base_url=settings.base_url or os.environ.get("OPENAI_BASE_URL") or None,
                   api_key=os.environ.get("OPENAI_API_KEY") or None)


class LlmExtractor:
    """An extractor that asks an OpenAI-compatible model; records are span-based with `ungrounded` (format 1.2)."""

    def __init__(self, config: dict[str, Any] | None = None):
        if config is None:
            raise KiwiError("extractor 'llm' needs a config: kiwi-bench predict llm --config FILE "
                            "(a TOML file with [params] model = \"...\"; see docs/llm.md)")
        self.settings, cache_path = settings_from_config(config)
        self.cache = ResponseCache(cache_path, read_only=self.settings.offline)
        self.examples: list[Document] = []

    def fit(self, documents: list[Document]) -> None:
        """Choose the few-shot examples among the training documents given."""
        self.examples = select_examples(documents, self.settings.shots)

    def predict(self, documents: list[Document]) -> list[dict[str, Any]]:
        """One record per document; a document that fails is a one-line error naming it."""
        if self.settings.shots and not self.examples:
            raise KiwiError(f"extractor 'llm': shots = {self.settings.shots} but fit() was not given training documents")
        result = Harness(self.settings, self.cache, self.examples).run(documents)
        if result.failures:
            raise KiwiError([Problem("llm", doc_id, reason) for doc_id, reason in sorted(result.failures.items())])
        return result.records()
